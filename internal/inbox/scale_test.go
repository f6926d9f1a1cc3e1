package inbox_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// More documents than one store transaction can hold (some 700 threads): bulk use cases must
// split their work into writes the store can commit.
const beyondOneWrite = 1000

// sizedStore records the most documents one write opened, so a test can check that bulk work
// stays within usecase.ChunkSize whatever the store's own limit is.
type sizedStore struct {
	ports.Store
	mu     sync.Mutex
	max    int
	writes int
	failAt int // when > 0, the write with this number fails as a full disk would
}

func (s *sizedStore) Update(ctx context.Context, at time.Time, fn func(ports.Tx) error) error {
	s.mu.Lock()
	s.writes++
	fail := s.writes == s.failAt
	s.mu.Unlock()
	if fail {
		return model.Errorf(model.CodeUnavailable, "The disk is full: free some space and try again. Nothing was lost.")
	}
	return s.Store.Update(ctx, at, func(tx ports.Tx) error {
		c := &countingTx{Tx: tx, seen: map[string]bool{}}
		err := fn(c)
		s.mu.Lock()
		s.max = max(s.max, len(c.seen))
		s.mu.Unlock()
		return err
	})
}

type countingTx struct {
	ports.Tx
	seen map[string]bool
}

func (c *countingTx) Doc(id string) (*crdt.Doc, error) {
	c.seen[id] = true
	return c.Tx.Doc(id)
}

// sized returns an inbox service on f's store that records the size of its writes.
func (f *fixture) sized() (*inbox.Service, *sizedStore) {
	s := &sizedStore{Store: f.db}
	return inbox.New(s, f.clock), s
}

// checkChunked fails when a write opened more documents than a chunk and a few it only reads.
func checkChunked(t *testing.T, s *sizedStore) {
	t.Helper()
	if s.max > usecase.ChunkSize+2 {
		t.Fatalf("one write opened %d documents; bulk work must go %d at a time", s.max, usecase.ChunkSize)
	}
}

// manyClients creates n clients of brand, a hundred per write.
func (f *fixture) manyClients(brand model.Brand, n int) []model.Client {
	f.t.Helper()
	out := make([]model.Client, 0, n)
	for len(out) < n {
		f.must(f.in.Batch(f.ctx, func(b *inbox.Service) error {
			for i := 0; i < 100 && len(out) < n; i++ {
				cl, err := b.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: brand.ID, Name: fmt.Sprintf("Client %04d", len(out))})
				if err != nil {
					return err
				}
				out = append(out, cl)
			}
			return nil
		}))
	}
	return out
}

// manyThreads starts n SMS threads with cl, a hundred per write.
func (f *fixture) manyThreads(cl model.Client, n int) []string {
	f.t.Helper()
	out := make([]string, 0, n)
	for len(out) < n {
		f.must(f.in.Batch(f.ctx, func(b *inbox.Service) error {
			for i := 0; i < 100 && len(out) < n; i++ {
				th, err := b.StartThread(f.ctx, f.owner.ID, cl.ID, model.ChannelSMS, "")
				if err != nil {
					return err
				}
				out = append(out, th.ID)
			}
			return nil
		}))
	}
	return out
}

func (f *fixture) counts(member string) map[model.View]model.Count {
	f.t.Helper()
	c, err := f.in.Counts(f.ctx, member)
	f.must(err)
	return c
}

func TestAnnouncementToThousandClients(t *testing.T) {
	f := newFixture(t)
	clients := f.manyClients(f.downtown, beyondOneWrite)
	in, sized := f.sized()
	res, err := in.Announce(f.ctx, f.ana.ID, inbox.Announcement{BrandID: f.downtown.ID, Body: "Closed on Monday."})
	f.must(err)
	if res.Delivered != beyondOneWrite {
		t.Fatalf("delivered %d of %d", res.Delivered, beyondOneWrite)
	}
	checkChunked(t, sized)
	for _, cl := range []model.Client{clients[0], clients[beyondOneWrite/2], clients[beyondOneWrite-1]} {
		if ms := f.messages(cl.ChatThreadID); len(ms) != 1 || ms[0].Kind != model.KindAnnouncement {
			t.Fatalf("%s's chat: %+v", cl.Name, ms)
		}
	}
}

func TestBulkAssignOfThousandThreads(t *testing.T) {
	f := newFixture(t)
	ids := f.manyThreads(f.client(f.downtown, "Maria Lopez"), beyondOneWrite)
	up := f.thread(f.uptown)
	in, sized := f.sized()
	res, err := in.BulkAssign(f.ctx, f.admin.ID, append(ids, up.ID), f.ana.ID)
	f.must(err)
	checkChunked(t, sized)
	if len(res.Assigned) != beyondOneWrite || len(res.Skipped) != 1 || res.Skipped[0] != up.ID {
		t.Fatalf("assigned %d, skipped %v", len(res.Assigned), res.Skipped)
	}
	if got := f.counts(f.ana.ID)[model.ViewMine].Total; got != beyondOneWrite {
		t.Fatalf("Ana's Mine view holds %d", got)
	}
}

func TestClientWithThousandThreadsCanBeRenamedAndDeleted(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	ids := f.manyThreads(cl, beyondOneWrite)
	keep := f.client(f.downtown, "Kim Park")

	in, sized := f.sized()
	name := "Maria López-Grant"
	f.must(in.UpdateClient(f.ctx, f.ana.ID, cl.ID, inbox.ClientPatch{Name: &name}))
	for _, id := range []string{cl.ChatThreadID, ids[0], ids[beyondOneWrite-1]} {
		if got := f.row(id).ClientName; got != name {
			t.Fatalf("thread %s shows %q", id, got)
		}
	}
	page, err := f.in.Threads(f.ctx, f.owner.ID, model.ThreadQuery{ClientID: cl.ID, Limit: 2 * beyondOneWrite})
	f.must(err)
	for _, th := range page.Threads {
		if th.ClientName != name {
			t.Fatalf("thread %s kept the old name %q", th.ID, th.ClientName)
		}
	}

	f.must(in.DeleteClient(f.ctx, f.ana.ID, cl.ID))
	checkChunked(t, sized)
	if got := f.counts(f.owner.ID)[model.ViewAll].Total; got != 1 {
		t.Fatalf("%d open threads left, want only Kim's chat", got)
	}
	f.wantClientGone(cl, ids[0], ids[beyondOneWrite-1])
	if f.row(keep.ChatThreadID).Deleted {
		t.Fatal("another client's chat went too")
	}
}

func TestClientWithManyThreadsCanBeRenamedAndDeletedInsideABatch(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	ids := f.manyThreads(cl, usecase.ChunkSize+50)
	// Inside a batch the read models do not show the batch's own writes: every chunk after the
	// first must still find the threads that are left.
	name := "Maria López-Grant"
	f.must(f.in.Batch(f.ctx, func(b *inbox.Service) error {
		return b.UpdateClient(f.ctx, f.ana.ID, cl.ID, inbox.ClientPatch{Name: &name})
	}))
	for _, id := range []string{ids[0], ids[len(ids)-1], cl.ChatThreadID} {
		if got := f.row(id).ClientName; got != name {
			t.Fatalf("thread %s shows %q", id, got)
		}
	}
	f.must(f.in.Batch(f.ctx, func(b *inbox.Service) error {
		return b.DeleteClient(f.ctx, f.ana.ID, cl.ID)
	}))
	if got := f.counts(f.owner.ID)[model.ViewAll].Total; got != 0 {
		t.Fatalf("%d threads left open", got)
	}
}

func TestBulkAssignThatStopsPartWaySaysHowFarItGotAndFinishesWhenRepeated(t *testing.T) {
	f := newFixture(t)
	ids := f.manyThreads(f.client(f.downtown, "Maria Lopez"), usecase.ChunkSize+50)
	in, sized := f.sized()
	sized.failAt = 2
	res, err := in.BulkAssign(f.ctx, f.admin.ID, ids, f.ana.ID)
	wantCode(t, err, model.CodeUnavailable)
	want := fmt.Sprintf("%d of the %d conversations were done before it stopped", usecase.ChunkSize, len(ids))
	if e := err.(*model.Error); !strings.HasPrefix(e.Message, want) || !strings.Contains(e.Message, "The disk is full") {
		t.Fatalf("sentence %q", e.Message)
	}
	if len(res.Assigned) != usecase.ChunkSize || f.counts(f.ana.ID)[model.ViewMine].Total != usecase.ChunkSize {
		t.Fatalf("assigned %d, Mine holds %d", len(res.Assigned), f.counts(f.ana.ID)[model.ViewMine].Total)
	}
	res, err = in.BulkAssign(f.ctx, f.admin.ID, ids, f.ana.ID)
	f.must(err)
	if len(res.Assigned) != len(ids) || f.counts(f.ana.ID)[model.ViewMine].Total != len(ids) {
		t.Fatalf("repeated: assigned %d, Mine holds %d", len(res.Assigned), f.counts(f.ana.ID)[model.ViewMine].Total)
	}
	if got := f.events(ids[0]); len(got) != 1 {
		t.Fatalf("a thread assigned twice to the same teammate has events %v", got)
	}
}

func TestRetriedAnnouncementReachesEachChatOnce(t *testing.T) {
	f := newFixture(t)
	clients := f.manyClients(f.downtown, usecase.ChunkSize+50)
	in, sized := f.sized()
	sized.failAt = 2
	a := inbox.Announcement{ID: model.NewULID(time.Now()), BrandID: f.downtown.ID, Body: "Closed on Monday."}
	res, err := in.Announce(f.ctx, f.ana.ID, a)
	wantCode(t, err, model.CodeUnavailable)
	if res.Delivered != usecase.ChunkSize {
		t.Fatalf("first try delivered %d", res.Delivered)
	}
	res, err = in.Announce(f.ctx, f.ana.ID, a)
	f.must(err)
	if res.Delivered != len(clients) {
		t.Fatalf("retry reached %d of %d", res.Delivered, len(clients))
	}
	for _, cl := range []model.Client{clients[0], clients[len(clients)-1]} {
		if ms := f.messages(cl.ChatThreadID); len(ms) != 1 || ms[0].ID != a.ID {
			t.Fatalf("%s's chat after the retry: %+v", cl.Name, ms)
		}
	}
	if _, err := in.Announce(f.ctx, f.ana.ID, inbox.Announcement{ID: "not-a-ulid", Body: "x"}); model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("malformed id: %v", err)
	}
}
