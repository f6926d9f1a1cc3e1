package inbox_test

import (
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

func TestViewerReadsButNeverWrites(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	cl := f.row(th.ID).ClientID
	vip, err := f.team.AddLabel(f.ctx, f.owner.ID, "VIP", "")
	f.must(err)
	v := f.vic.ID
	name := "New name"
	writes := []struct {
		name string
		do   func() error
	}{
		{"CreateClient", func() error {
			_, err := f.in.CreateClient(f.ctx, v, inbox.NewClient{BrandID: f.downtown.ID, Name: "X"})
			return err
		}},
		{"UpdateClient", func() error { return f.in.UpdateClient(f.ctx, v, cl, inbox.ClientPatch{Name: &name}) }},
		{"SetContact", func() error {
			_, err := f.in.SetContact(f.ctx, v, cl, model.Contact{Name: "X"})
			return err
		}},
		{"DeleteClient", func() error { return f.in.DeleteClient(f.ctx, v, cl) }},
		{"StartThread", func() error {
			_, err := f.in.StartThread(f.ctx, v, cl, model.ChannelSMS, "")
			return err
		}},
		{"DeleteThread", func() error { return f.in.DeleteThread(f.ctx, v, th.ID) }},
		{"Reply", func() error { _, err := f.in.Reply(f.ctx, v, th.ID, "hi"); return err }},
		{"LogInbound", func() error { _, err := f.in.LogInbound(f.ctx, v, th.ID, "called about 3pm"); return err }},
		{"AddNote", func() error { _, err := f.in.AddNote(f.ctx, v, th.ID, "hi"); return err }},
		{"Assign", func() error { return f.in.Assign(f.ctx, v, th.ID, f.ana.ID) }},
		{"BulkAssign", func() error {
			_, err := f.in.BulkAssign(f.ctx, v, []string{th.ID}, f.ana.ID)
			return err
		}},
		{"Resolve", func() error { return f.in.Resolve(f.ctx, v, th.ID) }},
		{"Reopen", func() error { return f.in.Reopen(f.ctx, v, th.ID) }},
		{"SetLabel", func() error { return f.in.SetLabel(f.ctx, v, th.ID, vip.ID, true) }},
		{"SetParticipant", func() error { return f.in.SetParticipant(f.ctx, v, th.ID, f.ben.ID, model.AccessRead) }},
		{"RemoveParticipant", func() error { return f.in.RemoveParticipant(f.ctx, v, th.ID, f.ben.ID) }},
		{"SetWatcher", func() error { return f.in.SetWatcher(f.ctx, v, th.ID, f.ben.ID, true) }},
		{"Announce", func() error {
			_, err := f.in.Announce(f.ctx, v, inbox.Announcement{Body: "hi"})
			return err
		}},
		{"Announce to a brand", func() error {
			_, err := f.in.Announce(f.ctx, v, inbox.Announcement{BrandID: f.downtown.ID, Body: "hi"})
			return err
		}},
	}
	before := f.messages(th.ID)
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) { wantCode(t, w.do(), model.CodeForbidden) })
	}
	after := f.row(th.ID)
	if len(f.messages(th.ID)) != len(before) || after.AssigneeID != "" || after.Status != model.StatusOpen ||
		len(after.Labels) != 0 || after.ClientName == name {
		t.Fatalf("a Viewer changed the thread: %+v", after)
	}

	// Reads all work.
	if _, err := f.in.Thread(f.ctx, v, th.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.in.Messages(f.ctx, v, th.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.in.Client(f.ctx, v, cl); err != nil {
		t.Fatal(err)
	}
	if _, err := f.in.Counts(f.ctx, v); err != nil {
		t.Fatal(err)
	}
	if !f.inView(v, model.ViewAll, th.ID) {
		t.Fatal("Viewer does not see the thread")
	}
}
