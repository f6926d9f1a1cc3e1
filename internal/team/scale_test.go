package team_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/internal/usecase"
)

// assignMany gives member n open SMS threads with one client and k open tasks, a hundred
// per write.
func (f *fixture) assignMany(member model.Member, n, k int) {
	f.t.Helper()
	cl, err := f.in.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: f.first.ID, Name: "Maria Lopez"})
	f.must(err)
	for done := 0; done < n; {
		f.must(f.in.Batch(f.ctx, func(b *inbox.Service) error {
			for i := 0; i < 100 && done < n; i, done = i+1, done+1 {
				th, err := b.StartThread(f.ctx, f.owner.ID, cl.ID, model.ChannelSMS, "")
				if err != nil {
					return err
				}
				if err := b.Assign(f.ctx, f.owner.ID, th.ID, member.ID); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	for done := 0; done < k; {
		f.must(f.tasks.Batch(f.ctx, func(b *tasks.Service) error {
			for i := 0; i < 100 && done < k; i, done = i+1, done+1 {
				if _, err := b.Create(f.ctx, f.owner.ID, tasks.NewTask{Title: "Call back", ClientID: cl.ID, AssigneeID: member.ID}); err != nil {
					return err
				}
			}
			return nil
		}))
	}
}

func (f *fixture) unassigned() int {
	f.t.Helper()
	c, err := f.in.Counts(f.ctx, f.owner.ID)
	f.must(err)
	return c[model.ViewUnassigned].Total
}

func TestDeactivatingMemberWithThousandOpenThreads(t *testing.T) {
	f := newFixture(t)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	ana := f.add(f.owner.ID, "Ana Silva", model.RoleAgent, f.first.ID)
	f.assignMany(ana, 1000, 300)
	before := f.unassigned()

	rq, err := f.team.Deactivate(f.ctx, admin.ID, ana.ID)
	f.must(err)
	if rq != (team.Requeued{Threads: 1000, Tasks: 300}) {
		t.Fatalf("requeued %+v", rq)
	}
	if m, _ := f.member(ana.ID); m.Active {
		t.Fatal("still active")
	}
	if got := f.unassigned() - before; got != 1000 {
		t.Fatalf("%d threads came back to Unassigned", got)
	}
	page, err := f.tasks.List(f.ctx, admin.ID, model.TaskQuery{AssigneeID: ana.ID})
	f.must(err)
	if len(page.Tasks) != 0 {
		t.Fatalf("%d tasks still assigned", len(page.Tasks))
	}
}

// failingStore fails its failAt-th write as a full disk would.
type failingStore struct {
	ports.Store
	writes, failAt int
}

func (s *failingStore) Update(ctx context.Context, at time.Time, fn func(ports.Tx) error) error {
	if s.writes++; s.writes == s.failAt {
		return model.Errorf(model.CodeUnavailable, "The disk is full: free some space and try again. Nothing was lost.")
	}
	return s.Store.Update(ctx, at, fn)
}

func TestDeactivatingAgainFinishesARequeueThatStoppedPartWay(t *testing.T) {
	f := newFixture(t)
	ana := f.add(f.owner.ID, "Ana Silva", model.RoleAgent, f.first.ID)
	f.assignMany(ana, usecase.ChunkSize+50, 0)
	before := f.unassigned()

	// Write 1 switches Ana off, write 2 requeues a first chunk, write 3 fails.
	crashy := team.New(&failingStore{Store: f.db, failAt: 3}, f.clock)
	_, err := crashy.Deactivate(f.ctx, f.owner.ID, ana.ID)
	wantCode(t, err, model.CodeUnavailable)
	if e := err.(*model.Error); !strings.HasPrefix(e.Message, "Ana Silva is deactivated, but some of their open work is still assigned to them; deactivate them again") {
		t.Fatalf("sentence %q", e.Message)
	}
	if m, _ := f.member(ana.ID); m.Active {
		t.Fatal("access must go with the first write")
	}
	if got := f.unassigned() - before; got != usecase.ChunkSize {
		t.Fatalf("%d threads requeued before the failure", got)
	}

	rq, err := f.team.Deactivate(f.ctx, f.owner.ID, ana.ID)
	f.must(err)
	if rq != (team.Requeued{Threads: 50}) {
		t.Fatalf("the second run requeued %+v", rq)
	}
	if got := f.unassigned() - before; got != usecase.ChunkSize+50 {
		t.Fatalf("%d threads requeued in all", got)
	}
}
