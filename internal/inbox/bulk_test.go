package inbox_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/usecase"
)

func wantCount(t *testing.T, got inbox.BulkCount, changed, unchanged, skipped int) {
	t.Helper()
	if want := (inbox.BulkCount{Changed: changed, Unchanged: unchanged, Skipped: skipped}); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestBulkResolveSkipsThreadsTheActorCannotChange(t *testing.T) {
	f := newFixture(t)
	down1, down2, up := f.thread(f.downtown), f.thread(f.downtown), f.thread(f.uptown)
	f.must(f.in.Resolve(f.ctx, f.ana.ID, down2.ID))

	// Ana works Downtown only: the Uptown thread, a gone id and garbage are skipped; a thread
	// sent twice counts once; one already resolved stays as it was.
	res, err := f.in.BulkResolve(f.ctx, f.ana.ID, []string{down1.ID, up.ID, down2.ID, "th_gone", "garbage", down1.ID})
	f.must(err)
	wantCount(t, res, 1, 1, 3)
	if f.row(down1.ID).Status != model.StatusResolved || f.row(up.ID).Status != model.StatusOpen {
		t.Fatal("resolved the wrong threads")
	}
	if got := f.events(down1.ID); !slices.Equal(got, []string{model.EventResolved}) {
		t.Fatalf("events %v", got)
	}
	if got := f.events(down2.ID); len(got) != 1 {
		t.Fatalf("an already resolved thread got events %v", got)
	}
	if f.inView(f.ana.ID, model.ViewAll, down1.ID) || !f.inView(f.ana.ID, model.ViewResolved, down1.ID) {
		t.Fatal("resolved thread did not move to Resolved")
	}
}

func TestBulkUnassignTakesTheAssigneeOffAndWritesTheEvent(t *testing.T) {
	f := newFixture(t)
	down, up, free := f.thread(f.downtown), f.thread(f.uptown), f.thread(f.downtown)
	f.must(f.in.Assign(f.ctx, f.admin.ID, down.ID, f.ana.ID))
	f.must(f.in.Assign(f.ctx, f.admin.ID, up.ID, f.ben.ID))

	res, err := f.in.BulkUnassign(f.ctx, f.ana.ID, []string{down.ID, up.ID, free.ID})
	f.must(err)
	wantCount(t, res, 1, 1, 1)
	if f.row(down.ID).AssigneeID != "" || f.row(up.ID).AssigneeID != f.ben.ID {
		t.Fatal("unassigned the wrong threads")
	}
	if got := f.events(down.ID); !slices.Equal(got, []string{model.EventAssigned, model.EventUnassigned}) {
		t.Fatalf("events %v", got)
	}
	if !f.inView(f.ana.ID, model.ViewUnassigned, down.ID) || f.inView(f.ana.ID, model.ViewMine, down.ID) {
		t.Fatal("unassigned thread is not back in the queue")
	}
}

func TestBulkAddLabelPutsAnExistingLabelOn(t *testing.T) {
	f := newFixture(t)
	vip, err := f.team.AddLabel(f.ctx, f.owner.ID, "VIP", "")
	f.must(err)
	down, up, has := f.thread(f.downtown), f.thread(f.uptown), f.thread(f.downtown)
	f.must(f.in.SetLabel(f.ctx, f.ana.ID, has.ID, vip.ID, true))

	res, err := f.in.BulkAddLabel(f.ctx, f.ana.ID, []string{down.ID, up.ID, has.ID}, vip.ID)
	f.must(err)
	wantCount(t, res, 1, 1, 1)
	if !slices.Equal(f.row(down.ID).Labels, []string{vip.ID}) || len(f.row(up.ID).Labels) != 0 ||
		!slices.Equal(f.row(has.ID).Labels, []string{vip.ID}) {
		t.Fatal("labelled the wrong threads")
	}
	// A label that does not exist refuses the whole batch and changes nothing.
	_, err = f.in.BulkAddLabel(f.ctx, f.admin.ID, []string{up.ID}, "lb_gone")
	wantCode(t, err, model.CodeNotFound)
	if len(f.row(up.ID).Labels) != 0 {
		t.Fatal("a missing label was put on")
	}
}

func TestBulkActionsRefuseViewers(t *testing.T) {
	f := newFixture(t)
	vip, err := f.team.AddLabel(f.ctx, f.owner.ID, "VIP", "")
	f.must(err)
	th := f.thread(f.downtown)
	f.must(f.in.Assign(f.ctx, f.admin.ID, th.ID, f.ana.ID))
	ids := []string{th.ID}
	_, err = f.in.BulkUnassign(f.ctx, f.vic.ID, ids)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.BulkResolve(f.ctx, f.vic.ID, ids)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.BulkAddLabel(f.ctx, f.vic.ID, ids, vip.ID)
	wantCode(t, err, model.CodeForbidden)
	if after := f.row(th.ID); after.AssigneeID != f.ana.ID || after.Status != model.StatusOpen || len(after.Labels) != 0 {
		t.Fatalf("a Viewer changed the thread: %+v", after)
	}
}

func TestBulkResolveGoesInChunksAndFinishesWhenRepeated(t *testing.T) {
	f := newFixture(t)
	ids := f.manyThreads(f.client(f.downtown, "Maria Lopez"), usecase.ChunkSize+50)
	in, sized := f.sized()
	sized.failAt = 2
	res, err := in.BulkResolve(f.ctx, f.admin.ID, ids)
	wantCode(t, err, model.CodeUnavailable)
	want := fmt.Sprintf("%d of the %d conversations were done before it stopped; resolve the rest again.", usecase.ChunkSize, len(ids))
	if e := err.(*model.Error); !strings.HasPrefix(e.Message, want) || !strings.Contains(e.Message, "The disk is full") {
		t.Fatalf("sentence %q", e.Message)
	}
	wantCount(t, res, usecase.ChunkSize, 0, 0)

	res, err = in.BulkResolve(f.ctx, f.admin.ID, ids)
	f.must(err)
	wantCount(t, res, 50, usecase.ChunkSize, 0)
	checkChunked(t, sized)
	if got := f.counts(f.admin.ID)[model.ViewAll].Total; got != 1 { // only the client's chat is open
		t.Fatalf("%d threads still open", got)
	}
}
