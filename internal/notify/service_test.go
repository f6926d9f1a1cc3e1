package notify_test

import (
	"testing"

	"huddle/internal/model"
)

func (f *fixture) list(member string) model.NotificationPage {
	f.t.Helper()
	page, err := f.notify.List(member, "", 50)
	f.must(err)
	return page
}

func kinds(p model.NotificationPage) []model.NotifyKind {
	var out []model.NotifyKind
	for _, n := range p.Items {
		out = append(out, n.Kind)
	}
	return out
}

func TestTheCentreListsWhatConcernsEachMemberAndNotTheirOwnDoing(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	_, err := f.in.AddNote(f.ctx, f.olga.ID, f.thread.ID, "@ana can you call her back? @olga too")
	f.must(err)
	_, err = f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Is Friday at 10 still free?")
	f.must(err)
	f.must(f.in.Follow(f.ctx, f.ben.ID, f.thread.ID, true))
	_, err = f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Or Saturday?")
	f.must(err)

	ana := f.list(f.ana.ID)
	if got, want := kinds(ana), []model.NotifyKind{model.NotifyMessage, model.NotifyMessage, model.NotifyMention, model.NotifyAssigned}; !equal(got, want) {
		t.Fatalf("Ana's centre, newest first: %v, want %v", got, want)
	}
	if ana.Unread != 4 {
		t.Fatalf("Ana has %d unread, want 4", ana.Unread)
	}
	n := ana.Items[3]
	if n.ActorID != f.olga.ID || n.ClientName != "Maria Lopez" || n.ThreadID != f.thread.ID || n.Title != "Colour on Friday" {
		t.Fatalf("the assignment says %+v", n)
	}
	if got := ana.Items[2].Excerpt; got != "@ana can you call her back? @olga too" {
		t.Fatalf("the mention quotes %q", got)
	}
	// Ben follows the thread from the second message on; Olga mentioned herself: nothing.
	if got := kinds(f.list(f.ben.ID)); !equal(got, []model.NotifyKind{model.NotifyParticipating}) {
		t.Fatalf("Ben's centre: %v", got)
	}
	if got := f.list(f.olga.ID); len(got.Items) != 0 {
		t.Fatalf("Olga is told of her own doing: %+v", got.Items)
	}
}

func TestReadMarksAndMarkAllRead(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	for _, body := range []string{"one", "two", "three"} {
		_, err := f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, body)
		f.must(err)
	}
	page := f.list(f.ana.ID)
	f.must(f.notify.MarkRead(f.ctx, f.ana.ID, []string{page.Items[0].ID, page.Items[2].ID}))
	page = f.list(f.ana.ID)
	var read []bool
	for _, n := range page.Items {
		read = append(read, n.Read)
	}
	if !equal(read, []bool{true, false, true, false}) || page.Unread != 2 {
		t.Fatalf("after marking two read: read %v, unread %d", read, page.Unread)
	}
	f.must(f.notify.MarkAllRead(f.ctx, f.ana.ID))
	if page = f.list(f.ana.ID); page.Unread != 0 {
		t.Fatalf("after mark all read: %d unread", page.Unread)
	}
	_, err := f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "four")
	f.must(err)
	if page = f.list(f.ana.ID); page.Unread != 1 || page.Items[0].Read {
		t.Fatalf("a new message after mark all read: unread %d, newest read %v", page.Unread, page.Items[0].Read)
	}
	if err := f.notify.MarkRead(f.ctx, f.ana.ID, []string{"nonsense"}); err == nil {
		t.Fatal("marking an ID that is no notification succeeded")
	}
}

func TestTheCentrePagesThroughStoredNotificationsAndDueReminders(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	var want []string
	for i := range 7 {
		if i%3 == 1 {
			tk, err := f.tasks.Create(f.ctx, f.olga.ID, tasksNew(f, "Call back", f.clock.T.UnixMilli()))
			f.must(err)
			want = append(want, model.ReminderNotificationID(tk.ID, tk.RemindAt))
			continue
		}
		m, err := f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "hello")
		f.must(err)
		want = append(want, model.MessageNotificationID(model.NotifyMessage, m.ID))
	}
	var got []model.Notification
	before := ""
	for range 10 {
		page, err := f.notify.List(f.ana.ID, before, 3)
		f.must(err)
		got = append(got, page.Items...)
		if before = page.Next; before == "" {
			break
		}
	}
	// Every one once, newest first, whichever kind; the assignment is the oldest.
	seen := map[string]bool{}
	for i, n := range got {
		if seen[n.ID] || (i > 0 && n.At > got[i-1].At) {
			t.Fatalf("pages repeat or disorder at %d: %+v", i, got)
		}
		seen[n.ID] = true
	}
	for _, id := range want {
		if !seen[id] {
			t.Fatalf("pages miss %s: %+v", id, got)
		}
	}
	if len(got) != len(want)+1 || got[len(got)-1].Kind != model.NotifyAssigned {
		t.Fatalf("pages gave %d notifications ending with %s, want %d ending with the assignment", len(got), got[len(got)-1].Kind, len(want)+1)
	}
}

func TestPreferencesAndQuietHoursAreCheckedAndKept(t *testing.T) {
	f := newFixture(t)
	p, err := f.notify.Prefs(f.ana.ID)
	f.must(err)
	if p != model.DefaultNotifyPrefs {
		t.Fatalf("a member starts with %+v", p)
	}
	p.Mentions, p.Sound, p.Quiet = false, false, model.QuietHours{On: true, From: "22:00", To: "07:30"}
	f.must(f.notify.SetPrefs(f.ctx, f.ana.ID, p))
	if got, _ := f.notify.Prefs(f.ana.ID); got != p {
		t.Fatalf("kept %+v, want %+v", got, p)
	}
	p.Quiet.To = "7h"
	if err := f.notify.SetPrefs(f.ctx, f.ana.ID, p); err == nil {
		t.Fatal("quiet hours ending at 7h were accepted")
	}
	q := model.QuietHours{On: true, From: "20:00", To: "08:00"}
	if err := f.notify.SetWorkspaceQuiet(f.ctx, f.ana.ID, q); err == nil {
		t.Fatal("an Agent set the workspace's quiet hours")
	}
	f.must(f.notify.SetWorkspaceQuiet(f.ctx, f.olga.ID, q))
	if got, _ := f.notify.WorkspaceQuiet(f.ana.ID); got != q {
		t.Fatalf("workspace quiet hours %+v, want %+v", got, q)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
