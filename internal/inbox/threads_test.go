package inbox_test

import (
	"slices"
	"testing"

	"huddle/internal/model"
)

func TestThreadHasAtMostOneAssignee(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Assign(f.ctx, f.ana.ID, th.ID, f.ana.ID))
	f.must(f.in.Assign(f.ctx, f.ana.ID, th.ID, f.admin.ID)) // reassign replaces
	if got := f.row(th.ID).AssigneeID; got != f.admin.ID {
		t.Fatalf("assignee %q", got)
	}
	if f.inView(f.ana.ID, model.ViewMine, th.ID) || !f.inView(f.admin.ID, model.ViewMine, th.ID) {
		t.Fatal("Mine views disagree with the one assignee")
	}
	f.must(f.in.Assign(f.ctx, f.admin.ID, th.ID, ""))
	if got := f.row(th.ID).AssigneeID; got != "" {
		t.Fatalf("after unassign: %q", got)
	}
	if !f.inView(f.admin.ID, model.ViewUnassigned, th.ID) {
		t.Fatal("unassigned thread not in Unassigned")
	}
	if got, want := f.events(th.ID), []string{model.EventAssigned, model.EventAssigned, model.EventUnassigned}; !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	// Assigning the same person again changes nothing and writes no event line.
	f.must(f.in.Assign(f.ctx, f.admin.ID, th.ID, ""))
	if n := len(f.events(th.ID)); n != 3 {
		t.Fatalf("%d events after a no-op", n)
	}
}

func TestAssigneeMustHaveAccessToClientBrand(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	gone := f.member("Gus Gone", model.RoleAgent, f.downtown.ID)
	_, err := f.team.Deactivate(f.ctx, f.owner.ID, gone.ID)
	f.must(err)
	for _, tc := range []struct {
		name     string
		assignee string
		want     model.Code // "" for allowed
	}{
		{"agent of the brand", f.ana.ID, ""},
		{"owner sees every brand", f.owner.ID, ""},
		{"admin of the brand", f.admin.ID, ""},
		{"agent of another brand", f.ben.ID, model.CodeForbidden},
		{"viewer", f.vic.ID, model.CodeInvalid},
		{"deactivated member", gone.ID, model.CodeInvalid},
		{"unknown member", "mb_nobody", model.CodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.in.Assign(f.ctx, f.ana.ID, th.ID, tc.assignee)
			if tc.want == "" {
				f.must(err)
				if got := f.row(th.ID).AssigneeID; got != tc.assignee {
					t.Fatalf("assignee %q", got)
				}
				return
			}
			wantCode(t, err, tc.want)
		})
	}
	err = f.in.Assign(f.ctx, f.ana.ID, th.ID, f.ben.ID)
	if want := "Ben Okafor cannot see clients of Downtown, so the conversation cannot be assigned to them."; err.Error() != want {
		t.Fatalf("sentence %q", err)
	}
}

func TestAnyoneWithAccessMayAssign(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Assign(f.ctx, f.ana.ID, th.ID, f.ana.ID))   // to themselves
	f.must(f.in.Assign(f.ctx, f.ana.ID, th.ID, f.owner.ID)) // to a teammate
	wantCode(t, f.in.Assign(f.ctx, f.ben.ID, th.ID, f.ben.ID), model.CodeForbidden)
}

func TestWriteParticipantMayAssignThemselves(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID, model.AccessWrite))

	// Ben works Uptown only: nobody else may give him a Downtown thread, but he may take it.
	wantCode(t, f.in.Assign(f.ctx, f.ana.ID, th.ID, f.ben.ID), model.CodeForbidden)
	f.must(f.in.Assign(f.ctx, f.ben.ID, th.ID, f.ben.ID))
	if f.row(th.ID).AssigneeID != f.ben.ID || !f.inView(f.ben.ID, model.ViewMine, th.ID) {
		t.Fatal("the participant's own assignment did not land in their Mine view")
	}
	f.must(f.in.Assign(f.ctx, f.ben.ID, th.ID, ""))
	res, err := f.in.BulkAssign(f.ctx, f.ben.ID, []string{th.ID}, f.ben.ID)
	f.must(err)
	if !slices.Equal(res.Assigned, []string{th.ID}) {
		t.Fatalf("bulk self-assign: %+v", res)
	}

	// Read-only, he may no longer hold it: the thread goes back to the queue.
	f.must(f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID, model.AccessRead))
	if got := f.row(th.ID).AssigneeID; got != "" {
		t.Fatalf("read-only participant still assigned: %q", got)
	}
	wantCode(t, f.in.Assign(f.ctx, f.ben.ID, th.ID, f.ben.ID), model.CodeForbidden)

	// A participant who is gone altogether does not keep it either.
	f.must(f.in.SetParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID, model.AccessWrite))
	f.must(f.in.Assign(f.ctx, f.ben.ID, th.ID, f.ben.ID))
	f.must(f.in.RemoveParticipant(f.ctx, f.ana.ID, th.ID, f.ben.ID))
	if got := f.row(th.ID).AssigneeID; got != "" {
		t.Fatalf("removed participant still assigned: %q", got)
	}
}

func TestBulkAssignSkipsThreadsAssigneeCannotAccess(t *testing.T) {
	f := newFixture(t)
	down1, down2 := f.thread(f.downtown), f.thread(f.downtown)
	up := f.thread(f.uptown)
	res, err := f.in.BulkAssign(f.ctx, f.admin.ID, []string{down1.ID, up.ID, down2.ID, "th_gone", "garbage", down1.ID}, f.ana.ID)
	f.must(err)
	if !slices.Equal(res.Assigned, []string{down1.ID, down2.ID}) || !slices.Equal(res.Skipped, []string{up.ID, "th_gone", "garbage"}) {
		t.Fatalf("result %+v", res)
	}
	if f.row(up.ID).AssigneeID != "" || !f.inView(f.admin.ID, model.ViewUnassigned, up.ID) {
		t.Fatal("skipped thread did not stay unassigned")
	}
	if f.row(down1.ID).AssigneeID != f.ana.ID || f.row(down2.ID).AssigneeID != f.ana.ID {
		t.Fatal("accessible threads not assigned")
	}
	// A skipped thread that had an assignee keeps them.
	f.must(f.in.Assign(f.ctx, f.admin.ID, up.ID, f.ben.ID))
	_, err = f.in.BulkAssign(f.ctx, f.admin.ID, []string{up.ID}, f.ana.ID)
	f.must(err)
	if f.row(up.ID).AssigneeID != f.ben.ID {
		t.Fatal("skipped thread lost its assignee")
	}
	// An assignee who can hold nothing (a Viewer) refuses the whole batch.
	_, err = f.in.BulkAssign(f.ctx, f.admin.ID, []string{down1.ID}, f.vic.ID)
	wantCode(t, err, model.CodeInvalid)
}

func TestResolvedThreadLeavesOpenViews(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Assign(f.ctx, f.ana.ID, th.ID, f.ana.ID))
	f.must(f.in.Follow(f.ctx, f.ana.ID, th.ID, true))
	_, err := f.in.AddNote(f.ctx, f.admin.ID, th.ID, "@ana please check")
	f.must(err)
	open := []model.View{model.ViewMine, model.ViewMentioned, model.ViewAll, model.ViewFollowed}
	for _, v := range open {
		if !f.inView(f.ana.ID, v, th.ID) {
			t.Fatalf("open thread not in %s", v)
		}
	}
	f.must(f.in.Resolve(f.ctx, f.ana.ID, th.ID))
	for _, v := range open {
		if f.inView(f.ana.ID, v, th.ID) {
			t.Fatalf("resolved thread still in %s", v)
		}
	}
	if !f.inView(f.ana.ID, model.ViewResolved, th.ID) {
		t.Fatal("resolved thread not in Resolved")
	}
	f.must(f.in.Reopen(f.ctx, f.ana.ID, th.ID))
	if !f.inView(f.ana.ID, model.ViewAll, th.ID) || f.row(th.ID).Status != model.StatusOpen {
		t.Fatal("reopened thread not open")
	}
	if got, want := f.events(th.ID), []string{model.EventAssigned, model.EventResolved, model.EventReopened}; !slices.Equal(got, want) {
		t.Fatalf("events %v", got)
	}
}

func TestResolvedThreadReopensOnInboundMessage(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Resolve(f.ctx, f.ana.ID, th.ID))
	_, err := f.in.RecordInbound(f.ctx, th.ID, "One more thing!", f.clock.Now())
	f.must(err)
	if f.row(th.ID).Status != model.StatusOpen || !f.inView(f.ana.ID, model.ViewAll, th.ID) {
		t.Fatal("inbound message did not reopen the thread")
	}
	ms := f.messages(th.ID)
	last, ev := ms[len(ms)-1], ms[len(ms)-2]
	if last.Direction != model.DirInbound || last.AuthorID != "" || ev.Event != model.EventReopened {
		t.Fatalf("timeline end: %+v %+v", ev, last)
	}
}

func TestResolvedThreadReopensOnReply(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Resolve(f.ctx, f.ana.ID, th.ID))
	msg, err := f.in.Reply(f.ctx, f.ana.ID, th.ID, "Anything else?")
	f.must(err)
	if msg.Direction != model.DirOutbound || msg.Delivery != model.DeliveryQueued || msg.Kind != model.KindMessage {
		t.Fatalf("reply: %+v", msg)
	}
	if f.row(th.ID).Status != model.StatusOpen {
		t.Fatal("reply did not reopen the thread")
	}
	if got := f.events(th.ID); got[len(got)-1] != model.EventReopened {
		t.Fatalf("events %v", got)
	}
}

func TestNoteDoesNotReopenResolvedThread(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Resolve(f.ctx, f.ana.ID, th.ID))
	_, err := f.in.AddNote(f.ctx, f.ana.ID, th.ID, "Sent her the aftercare sheet.")
	f.must(err)
	if f.row(th.ID).Status != model.StatusResolved {
		t.Fatal("a note reopened the thread")
	}
}

func TestLabelMustExist(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	wantCode(t, f.in.SetLabel(f.ctx, f.ana.ID, th.ID, "lb_nope", true), model.CodeNotFound)
	vip, err := f.team.AddLabel(f.ctx, f.owner.ID, "VIP", "")
	f.must(err)
	f.must(f.in.SetLabel(f.ctx, f.ana.ID, th.ID, vip.ID, true))
	page, err := f.in.Threads(f.ctx, f.ana.ID, model.ThreadQuery{Label: vip.ID})
	f.must(err)
	if len(page.Threads) != 1 || page.Threads[0].ID != th.ID {
		t.Fatalf("label filter: %+v", page.Threads)
	}
	// A label deleted from the workspace can still be taken off.
	f.must(f.team.DeleteLabel(f.ctx, f.owner.ID, vip.ID))
	f.must(f.in.SetLabel(f.ctx, f.ana.ID, th.ID, vip.ID, false))
	if len(f.row(th.ID).Labels) != 0 {
		t.Fatal("label still on")
	}
}

func TestWritingMarksThreadRead(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	unread := func() bool { row := f.row(th.ID); return row.UnreadFor(f.ana.ID) }
	if !unread() {
		t.Fatal("new inbound message is not unread")
	}
	vip, err := f.team.AddLabel(f.ctx, f.owner.ID, "VIP", "")
	f.must(err)
	f.must(f.in.SetLabel(f.ctx, f.ana.ID, th.ID, vip.ID, true))
	if unread() {
		t.Fatal("still unread after Ana labelled it")
	}
	_, err = f.in.RecordInbound(f.ctx, th.ID, "Hello?", f.clock.Now())
	f.must(err)
	if !unread() {
		t.Fatal("new message not unread")
	}
	f.must(f.in.MarkRead(f.ctx, f.vic.ID, th.ID)) // a Viewer may mark read
	f.must(f.in.MarkRead(f.ctx, f.ana.ID, th.ID))
	if unread() {
		t.Fatal("MarkRead did not mark read")
	}
}

func TestInternalThreadsHaveNoClientMessages(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	th, err := f.in.StartThread(f.ctx, f.ana.ID, cl.ID, model.ChannelInternal, "Her colour formula")
	f.must(err)
	_, err = f.in.Reply(f.ctx, f.ana.ID, th.ID, "hello")
	wantCode(t, err, model.CodeInvalid)
	_, err = f.in.RecordInbound(f.ctx, th.ID, "hello", f.clock.Now())
	wantCode(t, err, model.CodeInvalid)
	_, err = f.in.AddNote(f.ctx, f.ana.ID, th.ID, "6.3 + 20 vol")
	f.must(err)
}

func TestInactiveMemberDoesNothing(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	_, err := f.team.Deactivate(f.ctx, f.owner.ID, f.ana.ID)
	f.must(err)
	_, err = f.in.Reply(f.ctx, f.ana.ID, th.ID, "hi")
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.Thread(f.ctx, f.ana.ID, th.ID)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.Threads(f.ctx, f.ana.ID, model.ThreadQuery{})
	wantCode(t, err, model.CodeForbidden)
	f.must(f.team.Reactivate(f.ctx, f.owner.ID, f.ana.ID))
	_, err = f.in.Reply(f.ctx, f.ana.ID, th.ID, "hi")
	f.must(err)
}
