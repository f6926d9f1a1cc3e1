package localdb

import (
	"fmt"
	"testing"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

func TestOutboxHoldsOneEntryPerChangeInCommitOrder(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	seedWorkspace(t, db)
	update(t, db, 50, func(tx ports.Tx) error {
		for _, id := range []string{"th_2", "th_1"} { // opened in this order, committed in it
			d, err := tx.Doc(id)
			if err != nil {
				return err
			}
			if err := buildThread(d, threadSpec{id: id, brand: brand2, channel: model.ChannelSMS, createdAt: 50}); err != nil {
				return err
			}
		}
		return nil
	})
	entries, err := db.Outbox(0, 0)
	must(t, err)
	if len(entries) != 3 {
		t.Fatalf("%d entries", len(entries))
	}
	for i, want := range []struct {
		doc   string
		typ   model.DocType
		brand string
		at    int64
	}{{"ws", model.DocWorkspace, "", 1}, {"th_2", model.DocThread, brand2, 50}, {"th_1", model.DocThread, brand2, 50}} {
		e := entries[i]
		if e.Seq != uint64(i+1) || e.DocID != want.doc || e.DocType != want.typ || e.BrandID != want.brand ||
			!e.At.Equal(time.UnixMilli(want.at)) || e.Hash != crdt.Digest(e.Change) {
			t.Fatalf("entry %d: %+v", i, e)
		}
		inspect(t, e.Change)
	}
	if page, _ := db.Outbox(1, 1); len(page) != 1 || page[0].Seq != 2 {
		t.Fatalf("page after 1: %+v", page)
	}
}

func TestAckedOutboxEntriesGoAndSequenceNeverRepeats(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	seedWorkspace(t, db)
	for i := range 4 {
		createThread(t, db, threadSpec{id: fmt.Sprintf("th_%d", i), brand: brand1, createdAt: int64(10 + i)})
	}
	must(t, db.AckOutbox(2))
	if n, _ := db.OutboxLen(); n != 3 {
		t.Fatalf("%d left after acking 2 of 5", n)
	}
	if e, _ := db.Outbox(0, 1); e[0].Seq != 3 {
		t.Fatalf("first left is %d", e[0].Seq)
	}
	must(t, db.AckOutbox(5))
	if n, _ := db.OutboxLen(); n != 0 {
		t.Fatalf("%d left after acking all", n)
	}
	must(t, db.Close())
	db = openTest(t, dir)
	createThread(t, db, threadSpec{id: "th_9", brand: brand1, createdAt: 99})
	if e, _ := db.Outbox(0, 0); len(e) != 1 || e[0].Seq != 6 {
		t.Fatalf("after reopen: %+v", e)
	}
}

func TestSubscribersHearOfCommittedWritesAndSlowOnesNeverBlockWriters(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	fast, cancelFast := db.Subscribe()
	slow, cancelSlow := db.Subscribe() // never read until the end
	defer cancelSlow()
	done := make(chan error, 1)
	go func() {
		for i := range 200 {
			s := threadSpec{id: fmt.Sprintf("th_%03d", i), brand: brand1, channel: model.ChannelSMS, createdAt: int64(10 + i)}
			if err := db.Update(t.Context(), at(s.createdAt), func(tx ports.Tx) error {
				d, err := tx.Doc(s.id)
				if err != nil {
					return err
				}
				return buildThread(d, s)
			}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		must(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("writers blocked by a subscriber that does not read")
	}
	seen := map[string]bool{}
	for len(seen) < 200 {
		select {
		case c := <-fast:
			for _, id := range c.DocIDs {
				seen[id] = true
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("fast subscriber heard of %d of 200 documents", len(seen))
		}
	}
	cancelFast()
	if _, open := <-drain(fast); open {
		t.Fatal("cancelled subscription still open")
	}
	// The slow subscriber gets everything it missed, merged into few notifications.
	seen = map[string]bool{}
	n := 0
	for len(seen) < 200 {
		select {
		case c := <-slow:
			n++
			for _, id := range c.DocIDs {
				seen[id] = true
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("slow subscriber heard of %d of 200 documents", len(seen))
		}
	}
	if n > 3 {
		t.Fatalf("slow subscriber got %d notifications; they should have been merged", n)
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	db := openTest(t, t.TempDir())
	ch, cancel := db.Subscribe()
	defer cancel()
	must(t, db.Close())
	if _, open := <-drain(ch); open {
		t.Fatal("subscription open after Close")
	}
	if ch2, _ := db.Subscribe(); ch2 == nil {
		t.Fatal("nil channel")
	} else if _, open := <-ch2; open {
		t.Fatal("subscription after Close is open")
	}
}

// drain discards what is buffered and returns the channel once it is closed.
func drain(ch <-chan model.Change) <-chan model.Change {
	out := make(chan model.Change)
	go func() {
		for range ch {
		}
		close(out)
	}()
	return out
}

// Deleted outbox entries linger as tombstones until Badger compacts them, and an iterator
// steps over each one: acknowledging must start where the last acknowledgement ended, or a
// backlog acknowledged in pieces costs the square of its length.
func TestAckingABacklogInPiecesStaysLinear(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	const updates, perUpdate, piece = 20, 100, 100
	for u := range updates {
		update(t, db, int64(10+u), func(tx ports.Tx) error {
			for i := range perUpdate {
				id := fmt.Sprintf("th_%02d_%03d", u, i)
				d, err := tx.Doc(id)
				if err != nil {
					return err
				}
				if err := buildThread(d, threadSpec{id: id, brand: brand1, createdAt: int64(10 + u)}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	total, err := db.OutboxLen()
	must(t, err)
	if total != 1+updates*perUpdate {
		t.Fatalf("%d outbox entries", total)
	}
	db.ackSteps.Store(0)
	for upto := uint64(piece); ; upto += piece {
		must(t, db.AckOutbox(upto))
		left, err := db.OutboxLen()
		must(t, err)
		if want := max(0, total-int(upto)); left != want {
			t.Fatalf("after acking up to %d: %d left, want %d", upto, left, want)
		}
		if left == 0 {
			break
		}
	}
	// Each entry is visited once, plus at most one entry past the end of each piece.
	if steps, limit := db.ackSteps.Load(), int64(total+2*(total/piece+1)); steps > limit {
		t.Fatalf("acknowledging %d entries in pieces of %d stepped over %d outbox versions, want at most %d", total, piece, steps, limit)
	}
}
