package inbox_test

import (
	"testing"

	"huddle/internal/model"
)

func TestReadOnlyParticipantCannotWrite(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID, model.AccessRead))
	if _, err := f.in.Thread(f.ctx, f.ben.ID, th.ID); err != nil {
		t.Fatalf("read-only participant cannot read: %v", err)
	}
	_, err := f.in.Reply(f.ctx, f.ben.ID, th.ID, "hi")
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.AddNote(f.ctx, f.ben.ID, th.ID, "hi")
	wantCode(t, err, model.CodeForbidden)
	wantCode(t, f.in.Resolve(f.ctx, f.ben.ID, th.ID), model.CodeForbidden)

	// Set to write, Ben may write, but cannot bring others in.
	f.must(f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID, model.AccessWrite))
	_, err = f.in.Reply(f.ctx, f.ben.ID, th.ID, "Hi, Ben from Uptown here")
	f.must(err)
	wantCode(t, f.in.SetWatcher(f.ctx, f.ben.ID, th.ID, f.vic.ID, true), model.CodeForbidden)

	f.must(f.in.RemoveParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID))
	_, err = f.in.Thread(f.ctx, f.ben.ID, th.ID)
	wantCode(t, err, model.CodeForbidden)
}

func TestParticipantsAreAgentsOrViewers(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	wantCode(t, f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.admin.ID, model.AccessRead), model.CodeInvalid)
	wantCode(t, f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.vic.ID, model.AccessWrite), model.CodeInvalid)
	f.must(f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.vic.ID, model.AccessRead))
	wantCode(t, f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID, "admin"), model.CodeInvalid)
}

func TestWatcherIsReadOnly(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.SetWatcher(f.ctx, f.ana.ID, th.ID, f.ben.ID, true))
	if _, err := f.in.Messages(f.ctx, f.ben.ID, th.ID); err != nil {
		t.Fatalf("watcher cannot read: %v", err)
	}
	if !f.inView(f.ben.ID, model.ViewAll, th.ID) {
		t.Fatal("watched thread not in the watcher's All view")
	}
	_, err := f.in.Reply(f.ctx, f.ben.ID, th.ID, "hi")
	wantCode(t, err, model.CodeForbidden)
	wantCode(t, f.in.Assign(f.ctx, f.ben.ID, th.ID, ""), model.CodeForbidden)
	// Watching is reading: the watcher may follow and mark read.
	f.must(f.in.Follow(f.ctx, f.ben.ID, th.ID, true))
	f.must(f.in.MarkRead(f.ctx, f.ben.ID, th.ID))
	f.must(f.in.SetWatcher(f.ctx, f.ana.ID, th.ID, f.ben.ID, false))
	_, err = f.in.Messages(f.ctx, f.ben.ID, th.ID)
	wantCode(t, err, model.CodeForbidden)
}

func TestFollowPutsThreadInFollowedView(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Follow(f.ctx, f.vic.ID, th.ID, true))
	if !f.inView(f.vic.ID, model.ViewFollowed, th.ID) {
		t.Fatal("not in Followed")
	}
	f.must(f.in.Follow(f.ctx, f.vic.ID, th.ID, false))
	if f.inView(f.vic.ID, model.ViewFollowed, th.ID) {
		t.Fatal("still in Followed")
	}
	wantCode(t, f.in.Follow(f.ctx, f.ben.ID, th.ID, true), model.CodeForbidden)
}
