package schedule_test

import (
	"slices"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/schedule"
)

func due(m model.Message) time.Time { return time.UnixMilli(m.SendAt) }

func TestAScheduledReplyIsListedButIsNoActivityUntilItGoes(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.MarkRead(f.ctx, f.ben.ID, f.thread.ID))
	before := f.row(f.thread.ID)
	later := f.schedule(f.ana, f.thread, "Yes, 3pm works. See you Friday!", f.after(2*time.Hour))
	sooner := f.schedule(f.olga, f.upThread, "Still on, see you at 10.", f.after(time.Hour))

	// Until it goes the client has not received it: the row, the inbox order and Ben's
	// unread state are as before.
	th := f.row(f.thread.ID)
	if th.LastActivityAt != before.LastActivityAt || th.LastPreview != before.LastPreview ||
		th.LastAuthorID != before.LastAuthorID || th.MessageCount != before.MessageCount || th.UnreadFor(f.ben.ID) {
		t.Fatalf("scheduling changed the thread's activity:\nbefore %+v\nafter  %+v", before, th)
	}
	if m := f.stored(f.device, f.thread.ID, later.ID); !m.Pending() || m.CreatedAt != m.SendAt || m.SentAt != 0 || m.Body != later.Body {
		t.Fatalf("stored %+v; want a waiting reply sorted at its send time", m)
	}

	// Each sees the replies of the brands they can see, soonest first.
	for _, c := range []struct {
		who  model.Member
		want []string
	}{
		{f.olga, []string{sooner.ID, later.ID}}, {f.adam, []string{sooner.ID, later.ID}},
		{f.ana, []string{later.ID}}, {f.ben, []string{later.ID}}, {f.vic, []string{later.ID}},
		{f.uma, []string{sooner.ID}},
	} {
		if got := f.listed(c.who); !slices.Equal(got, c.want) {
			t.Errorf("%s lists %v, want %v", c.who.Name, got, c.want)
		}
	}

	f.tick(f.device, due(sooner))
	if got := f.listed(f.olga); !slices.Equal(got, []string{later.ID}) {
		t.Fatalf("after the first went Olga lists %v", got)
	}
	f.tick(f.device, due(later))
	sent := f.stored(f.device, f.thread.ID, later.ID)
	th = f.row(f.thread.ID)
	if sent.SentAt == 0 || th.LastPreview != later.Body || th.LastActivityAt != sent.SentAt ||
		th.LastAuthorID != f.ana.ID || th.MessageCount != before.MessageCount+1 || !th.UnreadFor(f.ben.ID) {
		t.Fatalf("once it went, the reply is the thread's last activity: %+v (reply %+v)", th, sent)
	}
	if got := f.listed(f.olga); len(got) != 0 {
		t.Fatalf("replies that went are still listed: %v", got)
	}
}

func TestEditingAReplyChangesItsTextAndMovesItToTheNewTime(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(2*time.Hour))
	newTime := f.after(5 * time.Hour)
	edited, err := f.svc.Edit(f.ctx, f.ana.ID, f.thread.ID, m.ID, "See you at 4 instead", newTime)
	f.must(err)
	row := f.stored(f.device, f.thread.ID, m.ID) // one row: the one at the old time is gone
	if row.Body != "See you at 4 instead" || row.SendAt != newTime.UnixMilli() || row.CreatedAt != row.SendAt || !row.Pending() {
		t.Fatalf("edited reply stored as %+v", row)
	}
	if edited.Body != row.Body || edited.SendAt != row.SendAt || edited.CreatedAt != row.CreatedAt {
		t.Fatalf("Edit returned %+v, the store holds %+v", edited, row)
	}
	rs, err := f.svc.List(f.ana.ID)
	f.must(err)
	if len(rs) != 1 || rs[0].Message.SendAt != newTime.UnixMilli() {
		t.Fatalf("listed %+v", rs)
	}

	if next := f.tick(f.device, due(m)); f.sender.sends(m.ID) != 0 || !next.Equal(newTime) {
		t.Fatalf("at the old time: %d sends, next pass %v; want none, and the new time %v", f.sender.sends(m.ID), next, newTime)
	}
	f.tick(f.device, newTime)
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SentAt == 0 || row.Body != "See you at 4 instead" {
		t.Fatalf("at the new time: %+v", row)
	}
}

func TestAReplyCannotBeEditedOnceItWentWasCancelledOrADeviceTookIt(t *testing.T) {
	f := newFixture(t)
	edit := func(m model.Message) error {
		_, err := f.svc.Edit(f.ctx, f.ana.ID, f.thread.ID, m.ID, "Changed my mind", f.after(3*time.Hour))
		return err
	}

	went := f.schedule(f.ana, f.thread, "went", f.after(time.Hour))
	_, err := f.svc.SendNow(f.ctx, f.ana.ID, f.thread.ID, went.ID)
	f.must(err)
	wantRefused(t, edit(went), model.CodeConflict, "already gone to the client")

	cancelled := f.schedule(f.ana, f.thread, "cancelled", f.after(time.Hour))
	f.must(f.svc.Cancel(f.ctx, f.ana.ID, f.thread.ID, cancelled.ID))
	wantRefused(t, edit(cancelled), model.CodeConflict, "was cancelled")

	// Online, a claim that reached the relay first decides, though its write has not arrived.
	sending := f.schedule(f.ana, f.thread, "sending", f.after(time.Hour))
	f.claims.hold(schedule.Claim{MessageID: sending.ID, Device: "phone", Action: schedule.ActionSend})
	wantRefused(t, edit(sending), model.CodeConflict, "already going to the client")
	cancelling := f.schedule(f.ana, f.thread, "cancelling", f.after(time.Hour))
	f.claims.hold(schedule.Claim{MessageID: cancelling.ID, Device: "phone", Action: schedule.ActionCancel})
	wantRefused(t, edit(cancelling), model.CodeConflict, "was cancelled")
	for _, m := range []model.Message{sending, cancelling} {
		if row := f.stored(f.device, f.thread.ID, m.ID); row.Body != m.Body || row.SendAt != m.SendAt {
			t.Fatalf("a refused edit changed %+v", row)
		}
	}
}

// Offline the device cannot know whether another sent the reply; the edit is recorded, and if
// the reply went meanwhile the merge keeps what was sent (internal/crdt).
func TestAReplyCanBeEditedWithoutTheRelay(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	f.claims.setOffline(f.name, true)
	_, err := f.svc.Edit(f.ctx, f.ana.ID, f.thread.ID, m.ID, "See you at 4", f.after(2*time.Hour))
	f.must(err)
	if row := f.stored(f.device, f.thread.ID, m.ID); row.Body != "See you at 4" || !row.Pending() {
		t.Fatalf("offline edit stored as %+v", row)
	}
}

func TestOnlyTheAuthorOrAnOwnerOrAdminMayChangeAScheduledReply(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	for i, who := range []model.Member{f.ana, f.olga, f.adam} {
		_, err := f.svc.Edit(f.ctx, who.ID, f.thread.ID, m.ID, "edited by "+who.Name, f.after(time.Duration(2+i)*time.Hour))
		if err != nil {
			t.Fatalf("%s may edit Ana's reply: %v", who.Name, err)
		}
	}

	notAna := "Only Ana Silva, who scheduled this reply, or an Owner or Admin can change it."
	for _, c := range []struct {
		who  model.Member
		code model.Code
		says string
	}{
		{f.ben, model.CodeForbidden, notAna},
		{f.vic, model.CodeForbidden, "Viewers can read conversations but cannot change them."},
		{f.uma, model.CodeForbidden, "You cannot see clients of Downtown."},
	} {
		_, err := f.svc.Edit(f.ctx, c.who.ID, f.thread.ID, m.ID, "mine now", f.after(6*time.Hour))
		wantRefused(t, err, c.code, c.says)
		wantRefused(t, f.svc.Cancel(f.ctx, c.who.ID, f.thread.ID, m.ID), c.code, c.says)
		_, err = f.svc.SendNow(f.ctx, c.who.ID, f.thread.ID, m.ID)
		wantRefused(t, err, c.code, c.says)
	}
	// Refused before claiming: a refused cancel or send must not decide the reply's fate.
	if c, ok := f.claims.holder(m.ID); ok {
		t.Fatalf("a refused change claimed the reply: %+v", c)
	}
	if row := f.stored(f.device, f.thread.ID, m.ID); !row.Pending() || row.Body != "edited by Adam Admin" {
		t.Fatalf("after refused changes the reply is %+v", row)
	}
	_, err := f.svc.Schedule(f.ctx, f.vic.ID, f.thread.ID, "a viewer's reply", f.after(time.Hour))
	wantRefused(t, err, model.CodeForbidden, "Viewers")
}

func TestSendTimesTooSoonOrTooFarAheadAreRefusedInPlainWords(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	tooSoon := "Pick a time at least a minute from now; to send straight away, use Send."
	tooFar := "Pick a time within the next year."
	for _, c := range []struct {
		ahead time.Duration
		says  string
	}{
		{-time.Hour, tooSoon}, {0, tooSoon}, {30 * time.Second, tooSoon}, {367 * 24 * time.Hour, tooFar},
	} {
		_, err := f.svc.Schedule(f.ctx, f.ana.ID, f.thread.ID, "hello", f.after(c.ahead))
		wantRefused(t, err, model.CodeInvalid, c.says)
		_, err = f.svc.Edit(f.ctx, f.ana.ID, f.thread.ID, m.ID, "hello", f.after(c.ahead))
		wantRefused(t, err, model.CodeInvalid, c.says)
	}
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SendAt != m.SendAt || row.Body != m.Body {
		t.Fatalf("a refused edit changed the reply: %+v", row)
	}
	for _, ahead := range []time.Duration{2 * time.Minute, 365 * 24 * time.Hour} {
		if _, err := f.svc.Schedule(f.ctx, f.ana.ID, f.thread.ID, "hello", f.after(ahead)); err != nil {
			t.Errorf("%v ahead refused: %v", ahead, err)
		}
	}
}

func TestInternalConversationsHaveNoClientToScheduleAReplyTo(t *testing.T) {
	f := newFixture(t)
	cl, err := f.in.CreateClient(f.ctx, f.olga.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Jo Pike"})
	f.must(err)
	th, err := f.in.StartThread(f.ctx, f.ana.ID, cl.ID, model.ChannelInternal, "Her colour formula")
	f.must(err)
	_, err = f.svc.Schedule(f.ctx, f.ana.ID, th.ID, "See you at 3", f.after(time.Hour))
	wantRefused(t, err, model.CodeInvalid, "Internal conversations have no client to write to")
}

// Online, the cancel claims the reply: a device that has not merged the cancel yet asks the
// relay before it sends, and is told the reply was cancelled.
func TestCancellingOnlineClaimsTheReplySoNoDeviceSendsIt(t *testing.T) {
	f := newFixture(t)
	before := f.row(f.thread.ID)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	phone := f.replica("phone")
	f.must(f.svc.Cancel(f.ctx, f.ana.ID, f.thread.ID, m.ID))
	if c, _ := f.claims.holder(m.ID); c.Device != "laptop" || c.Action != schedule.ActionCancel {
		t.Fatalf("the cancel's claim is %+v", c)
	}

	f.tick(phone, due(m))
	if row := f.stored(phone, f.thread.ID, m.ID); phone.sender.sends(m.ID) != 0 || !row.Pending() {
		t.Fatalf("the phone, which had not heard of the cancel, sent it (%d)", phone.sender.sends(m.ID))
	}
	f.tick(f.device, due(m).Add(time.Hour))
	f.sync(f.device, phone)
	for _, d := range []*device{f.device, phone} {
		row := f.stored(d, f.thread.ID, m.ID)
		if row.Delivery != model.DeliveryCancelled || row.CancelledBy != f.ana.ID || row.CancelledAt == 0 || row.SentAt != 0 || row.IsActivity() {
			t.Fatalf("%s: the cancelled reply is %+v; want a cancelled line that is no activity", d.name, row)
		}
	}
	if f.sender.sends(m.ID)+phone.sender.sends(m.ID) != 0 {
		t.Fatal("a cancelled reply was sent")
	}
	if th := f.row(f.thread.ID); th.LastPreview != before.LastPreview || th.MessageCount != before.MessageCount {
		t.Fatalf("the cancelled reply shows as activity: %+v", th)
	}
	if got := f.listed(f.olga); len(got) != 0 {
		t.Fatalf("a cancelled reply is listed: %v", got)
	}
}

func TestACancelIsRefusedOnceADeviceTookTheReplyToSendIt(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	f.claims.hold(schedule.Claim{MessageID: m.ID, Device: "phone", Action: schedule.ActionSend})
	wantRefused(t, f.svc.Cancel(f.ctx, f.ana.ID, f.thread.ID, m.ID), model.CodeConflict, "already going to the client")
	if row := f.stored(f.device, f.thread.ID, m.ID); row.CancelledAt != 0 || !row.Pending() {
		t.Fatalf("a refused cancel was recorded: %+v", row)
	}
}

// Offline the cancel is recorded here; the runner of a device that holds it never claims the
// reply, so it cannot send it.
func TestACancelWithoutTheRelayIsRecordedHereAndNeverClaims(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	f.claims.setOffline(f.name, true)
	f.must(f.svc.Cancel(f.ctx, f.ana.ID, f.thread.ID, m.ID))
	if row := f.stored(f.device, f.thread.ID, m.ID); row.Delivery != model.DeliveryCancelled {
		t.Fatalf("offline cancel stored as %+v", row)
	}
	f.claims.setOffline(f.name, false)
	f.tick(f.device, due(m))
	if n := f.claims.timesAsked(m.ID); n != 0 || f.sender.sends(m.ID) != 0 {
		t.Fatalf("a reply cancelled here was claimed %d times and sent %d", n, f.sender.sends(m.ID))
	}
	// Back online nobody claimed it: only the recorded cancel stands between it and the client.
	_, err := f.svc.SendNow(f.ctx, f.ana.ID, f.thread.ID, m.ID)
	wantRefused(t, err, model.CodeConflict, "was cancelled")
	if c, ok := f.claims.holder(m.ID); ok {
		t.Fatalf("sending a cancelled reply claimed it: %+v", c)
	}
}

func TestSendNowSendsAtOnceAndTheRunnerDoesNotSendItAgain(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "On my way", f.after(2*time.Hour))
	sent, err := f.svc.SendNow(f.ctx, f.ana.ID, f.thread.ID, m.ID)
	f.must(err)
	row := f.stored(f.device, f.thread.ID, m.ID)
	if row.Delivery != model.DeliveryQueued || row.SentAt == 0 || row.CreatedAt != row.SentAt || row.SentAt >= m.SendAt {
		t.Fatalf("sent now: %+v; want queued, sorted at the time it went, before its send time", row)
	}
	if sent.SentAt != row.SentAt || sent.Delivery != row.Delivery || sent.CreatedAt != row.CreatedAt {
		t.Fatalf("SendNow returned %+v, the store holds %+v", sent, row)
	}
	if c, _ := f.claims.holder(m.ID); c.Device != "laptop" || c.Action != schedule.ActionSend {
		t.Fatalf("sending now claimed %+v", c)
	}
	if th := f.row(f.thread.ID); th.LastPreview != "On my way" || th.LastActivityAt != row.SentAt {
		t.Fatalf("thread after the send: %+v", th)
	}
	if got := f.listed(f.ana); len(got) != 0 {
		t.Fatalf("still listed: %v", got)
	}
	f.tick(f.device, due(m))
	if n := f.sender.sends(m.ID); n != 0 {
		t.Fatalf("the runner sent it again (%d)", n)
	}
}

// Without the relay Huddle cannot be sure no other device sends it: the reply stays as it was.
func TestSendNowWithoutTheRelayIsRefusedAndTheReplyStaysScheduled(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "On my way", f.after(2*time.Hour))
	f.claims.setOffline(f.name, true)
	_, err := f.svc.SendNow(f.ctx, f.ana.ID, f.thread.ID, m.ID)
	wantRefused(t, err, model.CodeUnavailable, "It stays scheduled; try Send now again when you are back online.")
	if row := f.stored(f.device, f.thread.ID, m.ID); !row.Pending() || row.CreatedAt != m.SendAt {
		t.Fatalf("after a refused send now: %+v", row)
	}
	if got := f.listed(f.ana); !slices.Equal(got, []string{m.ID}) {
		t.Fatalf("listed %v", got)
	}
}

func TestSendNowIsRefusedForACancelledReplyOrOneAnotherDeviceTook(t *testing.T) {
	f := newFixture(t)
	cancelled := f.schedule(f.ana, f.thread, "On my way", f.after(2*time.Hour))
	f.must(f.svc.Cancel(f.ctx, f.ana.ID, f.thread.ID, cancelled.ID))
	_, err := f.svc.SendNow(f.ctx, f.ana.ID, f.thread.ID, cancelled.ID)
	wantRefused(t, err, model.CodeConflict, "was cancelled")

	taken := f.schedule(f.ana, f.thread, "On my way", f.after(2*time.Hour))
	f.claims.hold(schedule.Claim{MessageID: taken.ID, Device: "phone", Action: schedule.ActionSend})
	_, err = f.svc.SendNow(f.ctx, f.ana.ID, f.thread.ID, taken.ID)
	wantRefused(t, err, model.CodeConflict, "already going to the client")
	if row := f.stored(f.device, f.thread.ID, taken.ID); !row.Pending() {
		t.Fatalf("this device wrote a send another device claimed: %+v", row)
	}
}
