package replicator_test

import (
	"fmt"
	"huddle/internal/desktop/desktoptest"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/notify"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/sync/synctest"
)

// Notifications are derived on every device from what reaches it, so these tests write on
// one device and read, mark and raise on another, through a real relay.

func TestNotificationsWrittenOnOneDeviceAreListedAndRaisedOnceOnAnother(t *testing.T) {
	s := synctest.NewShop(t, 2, 0)
	a, b := s.Devices[0], s.Devices[1]
	th := s.StartThread(a)
	synctest.Converged(t, converge, a, b)
	if got := arrivals(t, b); len(got) != 0 {
		t.Fatalf("B has news before anything was written: %+v", got)
	}

	must(t, s.Inbox(a).Assign(s.Ctx, s.Owner.ID, th.ID, s.Ana.ID))
	note := s.Note(a, s.Owner, th.ID, "@ana can you call Mia back?")
	synctest.Converged(t, converge, a, b)

	onA := notificationsOf(t, s, a, s.Ana)
	if len(onA.Items) != 2 || onA.Items[0].ID != model.MessageNotificationID(model.NotifyMention, note) ||
		onA.Items[1].Kind != model.NotifyAssigned || onA.Unread != 2 {
		t.Fatalf("A lists for Ana %+v, want the mention and the assignment, unread", onA)
	}
	if onB := notificationsOf(t, s, b, s.Ana); !reflect.DeepEqual(onB, onA) {
		t.Fatalf("B lists for Ana\n%+v\nA lists\n%+v", onB, onA)
	}
	var got []string
	for _, arr := range arrivals(t, b) {
		got = append(got, arr.Member+" "+arr.ID)
	}
	want := []string{s.Ana.ID + " " + onA.Items[1].ID, s.Ana.ID + " " + onA.Items[0].ID}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("B's arrivals %v, want %v (the assignment, then the mention)", got, want)
	}

	desk := &desktoptest.Recorder{}
	anaOnB := newDispatcher(s, b, desk, s.Ana)
	tick(t, anaOnB, s.Clock.Now())
	shown := desk.Take()
	wantShown := []string{"Assigned to you: Mia Client", "Olga Owner mentioned you"}
	if !reflect.DeepEqual(desktoptest.Titles(shown), wantShown) {
		t.Fatalf("B raised %q, want %q", desktoptest.Titles(shown), wantShown)
	}
	if !strings.Contains(shown[1].Body, "@ana can you call Mia back?") {
		t.Fatalf("the mention says %q", shown[1].Body)
	}
	tick(t, anaOnB, s.Clock.Now())
	tick(t, newDispatcher(s, b, desk, s.Ana), s.Clock.Now()) // the app started again
	if again := desk.Take(); len(again) != 0 {
		t.Fatalf("B raised them again: %q", desktoptest.Titles(again))
	}
}

// A device that catches up on a client's message and a later reassignment in one merge must
// tell the member the message reached, as the device that saw them one by one did.
func TestAClientMessageNotifiesWhomItReachedOnADeviceThatCatchesUpLater(t *testing.T) {
	s := synctest.NewShop(t, 2, 0)
	a, b := s.Devices[0], s.Devices[1]
	bo, err := s.Team(a).AddMember(s.Ctx, s.Owner.ID, team.NewMember{Name: "Bo Berg", Role: model.RoleAgent, Brands: []string{s.Brand()}})
	must(t, err)
	th := s.StartThread(a)
	synctest.Converged(t, converge, a, b)

	b.Disconnect()
	must(t, s.Inbox(a).Assign(s.Ctx, s.Owner.ID, th.ID, s.Ana.ID))
	_, err = s.Inbox(a).RecordInbound(s.Ctx, th.ID, "Can I move to 4pm?", time.Time{})
	must(t, err)
	must(t, s.Inbox(a).Assign(s.Ctx, s.Owner.ID, th.ID, bo.ID))
	b.Connect()
	synctest.Converged(t, converge, a, b)

	for _, who := range []model.Member{s.Ana, bo} {
		onA, onB := notificationsOf(t, s, a, who), notificationsOf(t, s, b, who)
		if !reflect.DeepEqual(onB, onA) {
			t.Fatalf("B lists for %s\n%+v\nA lists\n%+v", who.Name, onB, onA)
		}
	}
	var kinds []model.NotifyKind
	for _, n := range notificationsOf(t, s, b, s.Ana).Items {
		kinds = append(kinds, n.Kind)
	}
	if want := []model.NotifyKind{model.NotifyMessage, model.NotifyAssigned}; !reflect.DeepEqual(kinds, want) {
		t.Fatalf("Ana is told %v on B, want %v", kinds, want)
	}
}

func TestReadMarksOfAMemberReachTheirOtherDevice(t *testing.T) {
	for _, tc := range []struct {
		name string
		// apart: B is offline while Ana marks on both, so each device creates her private
		// document before it hears of the other's.
		apart bool
	}{
		{name: "one after the other"},
		{name: "each offline, creating her private document on its own", apart: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := synctest.NewShop(t, 2, 0)
			a, b := s.Devices[0], s.Devices[1]
			th := s.StartThread(a)
			must(t, s.Inbox(a).Assign(s.Ctx, s.Owner.ID, th.ID, s.Ana.ID))
			s.Note(a, s.Owner, th.ID, "@ana she asked for you")
			_, err := s.Inbox(a).LogInbound(s.Ctx, s.Owner.ID, th.ID, "Is Friday at 3 still free?")
			must(t, err)
			synctest.Converged(t, converge, a, b)
			ids := idsOf(notificationsOf(t, s, a, s.Ana)) // the message, the mention, the assignment
			if len(ids) != 3 {
				t.Fatalf("Ana has %v, want three notifications", ids)
			}
			if tc.apart {
				b.Disconnect()
			}

			must(t, notify.New(a.DB, s.Clock).MarkRead(s.Ctx, s.Ana.ID, []string{ids[2]}))
			if !tc.apart {
				synctest.Converged(t, converge, a, b)
				if r := readState(t, s, b, s.Ana); r != "unread unread read, 2 unread" {
					t.Fatalf("B after Ana read the assignment on A: %s", r)
				}
			}
			must(t, notify.New(b.DB, s.Clock).MarkRead(s.Ctx, s.Ana.ID, []string{ids[1]}))
			if tc.apart {
				for _, d := range []*synctest.Device{a, b} {
					if st, err := d.DB.MemberState(s.Ana.ID); err != nil || len(st.Read) != 1 {
						t.Fatalf("%s before they meet: Ana's state %+v, %v; want one mark of its own", d.Name, st, err)
					}
				}
				b.Connect()
			}
			synctest.Converged(t, converge, a, b)
			for _, d := range []*synctest.Device{a, b} {
				if r := readState(t, s, d, s.Ana); r != "unread read read, 1 unread" {
					t.Fatalf("%s after both marks: %s", d.Name, r)
				}
			}

			must(t, notify.New(b.DB, s.Clock).MarkAllRead(s.Ctx, s.Ana.ID))
			synctest.Converged(t, converge, a, b)
			for _, d := range []*synctest.Device{a, b} {
				if r := readState(t, s, d, s.Ana); r != "read read read, 0 unread" {
					t.Fatalf("%s after mark all read on B: %s", d.Name, r)
				}
			}
		})
	}
}

func TestAReminderSetOnOneDeviceIsRaisedOnceAtItsTimeOnAnother(t *testing.T) {
	s := synctest.NewShop(t, 2, 0)
	a, b := s.Devices[0], s.Devices[1]
	th := s.StartThread(a)
	synctest.Converged(t, converge, a, b)
	desk := &desktoptest.Recorder{}
	anaOnB := newDispatcher(s, b, desk, s.Ana)
	if next := tick(t, anaOnB, s.Clock.Now()); !next.IsZero() {
		t.Fatalf("a pass with no reminder anywhere plans the next at %v", next)
	}

	remindAt := s.Clock.Now().Add(time.Hour).Truncate(time.Millisecond)
	tk, err := s.Tasks(a).Create(s.Ctx, s.Owner.ID, tasks.NewTask{Title: "Call Mia about Friday",
		AssigneeID: s.Ana.ID, ThreadID: th.ID, RemindAt: remindAt.UnixMilli()})
	must(t, err)
	synctest.Converged(t, converge, a, b)

	if next := tick(t, anaOnB, s.Clock.Now()); !next.Equal(remindAt) {
		t.Fatalf("B plans its next pass at %v, want the reminder's time %v", next, remindAt)
	}
	if early := desk.Take(); len(early) != 0 {
		t.Fatalf("raised before its time: %q", desktoptest.Titles(early))
	}
	tick(t, anaOnB, remindAt)
	shown := desk.Take()
	if len(shown) != 1 || shown[0].Title != "Reminder: Call Mia about Friday" || !strings.Contains(shown[0].Body, "Mia Client") {
		t.Fatalf("at its time B raised %+v", shown)
	}
	page, err := b.DB.Notifications(model.NotificationQuery{Member: s.Ana.ID, Now: remindAt.UnixMilli(), Limit: 10})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].ID != model.ReminderNotificationID(tk.ID, remindAt.UnixMilli()) {
		t.Fatalf("B's centre for Ana at the reminder's time: %+v", page.Items)
	}

	tick(t, anaOnB, remindAt.Add(time.Minute))
	tick(t, newDispatcher(s, b, desk, s.Ana), remindAt.Add(2*time.Minute)) // the app started again
	if again := desk.Take(); len(again) != 0 {
		t.Fatalf("the reminder was raised again: %q", desktoptest.Titles(again))
	}
}

// notificationsOf is the first page of member's notification centre on d, as it is now.
func notificationsOf(t *testing.T, s *synctest.Shop, d *synctest.Device, member model.Member) model.NotificationPage {
	t.Helper()
	page, err := d.DB.Notifications(model.NotificationQuery{Member: member.ID, Now: s.Clock.Now().UnixMilli(), Limit: 50})
	must(t, err)
	return page
}

func idsOf(p model.NotificationPage) []string {
	var out []string
	for _, n := range p.Items {
		out = append(out, n.ID)
	}
	return out
}

// readState says which of member's notifications d shows read, newest first, and the unread
// count: "unread read read, 1 unread".
func readState(t *testing.T, s *synctest.Shop, d *synctest.Device, member model.Member) string {
	t.Helper()
	p := notificationsOf(t, s, d, member)
	var marks []string
	for _, n := range p.Items {
		marks = append(marks, map[bool]string{true: "read", false: "unread"}[n.Read])
	}
	return fmt.Sprintf("%s, %d unread", strings.Join(marks, " "), p.Unread)
}

func arrivals(t *testing.T, d *synctest.Device) []model.Arrival {
	t.Helper()
	as, err := d.DB.Arrivals(100)
	must(t, err)
	return as
}

// newDispatcher is the native notifier of device d with member signed in, as the app makes
// it when it starts.
func newDispatcher(s *synctest.Shop, d *synctest.Device, desk notify.Desktop, member model.Member) *notify.Dispatcher {
	return notify.NewDispatcher(d.DB, desk, s.Clock, func() string { return member.ID }, nil, slog.New(slog.DiscardHandler))
}

// tick runs one pass of the dispatcher at now and returns when it plans the next.
func tick(t *testing.T, d *notify.Dispatcher, now time.Time) time.Time {
	t.Helper()
	next, err := d.Tick(now)
	must(t, err)
	return next
}
