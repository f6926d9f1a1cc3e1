package localdb

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// replicate applies from's outbox entries after seq to to, in order, as the sync layer will,
// and returns the last sequence copied.
func replicate(t *testing.T, from, to *DB, after uint64) uint64 {
	t.Helper()
	entries, err := from.Outbox(after, 0)
	must(t, err)
	for _, e := range entries {
		if err := to.Apply(t.Context(), e.DocID, e.Change); err != nil {
			t.Fatalf("apply %d (%s): %v", e.Seq, e.DocID, err)
		}
		after = e.Seq
	}
	return after
}

// assertSameReadModels compares everything the UI can read from two stores.
func assertSameReadModels(t *testing.T, a, b *DB) {
	t.Helper()
	wa, err := a.Workspace()
	must(t, err)
	wb, err := b.Workspace()
	must(t, err)
	if !reflect.DeepEqual(wa, wb) {
		t.Fatalf("workspaces differ:\n%+v\n%+v", wa, wb)
	}
	for _, m := range wa.Members {
		ca, _ := a.Counts(m.ID)
		cb, _ := b.Counts(m.ID)
		if !reflect.DeepEqual(ca, cb) {
			t.Fatalf("counts of %s differ: %v vs %v", m.ID, ca, cb)
		}
		for _, v := range model.Views {
			pa, _ := a.Threads(model.ThreadQuery{Member: m.ID, View: v})
			pb, _ := b.Threads(model.ThreadQuery{Member: m.ID, View: v})
			if !reflect.DeepEqual(pa, pb) {
				t.Fatalf("%s/%s differs:\n%+v\n%+v", m.ID, v, pa, pb)
			}
		}
	}
	ids, _ := a.DocIDs("")
	idsB, _ := b.DocIDs("")
	if !reflect.DeepEqual(ids, idsB) {
		t.Fatalf("documents differ: %v vs %v", ids, idsB)
	}
	for _, id := range ids {
		ha, _ := a.Heads(id)
		hb, _ := b.Heads(id)
		if !reflect.DeepEqual(ha, hb) {
			t.Fatalf("heads of %s differ", id)
		}
		if model.TypeOf(id) == model.DocThread {
			ta, _ := a.Thread(id)
			tb, _ := b.Thread(id)
			ma, _ := a.Messages(id)
			mb, _ := b.Messages(id)
			if !reflect.DeepEqual(ta, tb) || !reflect.DeepEqual(ma, mb) {
				t.Fatalf("thread %s differs:\n%+v\n%+v", id, ta, tb)
			}
		}
	}
	checkConsistent(t, a)
	checkConsistent(t, b)
}

func TestChangesCopiedToAnotherDeviceConvergeToTheSameReadModels(t *testing.T) {
	a := openTest(t, t.TempDir())
	b := openTest(t, t.TempDir())
	seedInbox(t, a)
	seedClients(t, a)
	sub, cancel := b.Subscribe()
	defer cancel()
	seqA := replicate(t, a, b, 0)
	assertSameReadModels(t, a, b)
	if n, _ := b.OutboxLen(); n != 0 {
		t.Fatalf("remote changes queued %d outbox entries", n)
	}
	if c := <-sub; !c.Remote {
		t.Fatalf("remote change notified as local: %+v", c)
	}

	// Both devices edit th_a and th_b while apart, then exchange.
	update(t, a, 500, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_a")
		if err := d.Thread().AddMessage(msg("m_a_from_a", model.KindMessage, "", "from A", 500)); err != nil {
			return err
		}
		return d.Thread().SetAssignee(ben)
	})
	update(t, b, 510, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_a")
		if err := d.Thread().AddMessage(msg("m_a_from_b", model.KindNote, ana, "from B", 510)); err != nil {
			return err
		}
		if err := d.Thread().SetStatus(model.StatusResolved); err != nil {
			return err
		}
		e, _ := tx.Doc("th_b")
		return e.Thread().SetLabel("lb_vip", true)
	})
	replicate(t, a, b, seqA)
	replicate(t, b, a, 0)
	assertSameReadModels(t, a, b)
	th, _ := b.Thread("th_a")
	if th.MessageCount != 2 || th.LastPreview != "from B" || th.Status != model.StatusResolved || th.AssigneeID != ben {
		t.Fatalf("merged thread %+v", th)
	}
}

func TestApplyRejectsMalformedChangesAndWritesNothing(t *testing.T) {
	a := openTest(t, t.TempDir())
	b := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	createThread(t, a, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	entries, _ := a.Outbox(0, 0)
	good := entries[1].Change
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-1] ^= 1
	version := b.bdb.MaxVersion()
	for name, c := range map[string]struct {
		doc    string
		change []byte
	}{
		"garbage":        {"th_1", []byte("hello")},
		"empty":          {"th_1", nil},
		"bit flip":       {"th_1", flipped},
		"truncated":      {"th_1", good[:len(good)/2]},
		"unknown doc ID": {"zz_1", good},
		"wrong doc type": {"cl_1", good},
	} {
		err := b.Apply(t.Context(), c.doc, c.change)
		if model.CodeOf(err) != model.CodeInvalid {
			t.Errorf("%s: %v, want CodeInvalid", name, err)
		}
	}
	if b.bdb.MaxVersion() != version {
		t.Fatal("a rejected change wrote to the store")
	}
	// The documents are still usable: the real changes apply afterwards.
	replicate(t, a, b, 0)
	assertSameReadModels(t, a, b)
}

func TestApplyOfADuplicateChangeWritesNothing(t *testing.T) {
	a := openTest(t, t.TempDir())
	b := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	createThread(t, a, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	replicate(t, a, b, 0)
	sub, cancel := b.Subscribe()
	defer cancel()
	version := b.bdb.MaxVersion()
	replicate(t, a, b, 0)
	b.docs.Purge() // also when the document must be reloaded from the store
	replicate(t, a, b, 0)
	if b.bdb.MaxVersion() != version {
		t.Fatal("a duplicate change wrote to the store")
	}
	select {
	case c := <-sub:
		t.Fatalf("duplicate notified: %+v", c)
	default:
	}
}

func TestApplyRefusesAChangeWhoseDependenciesHaveNotArrived(t *testing.T) {
	a := openTest(t, t.TempDir())
	b := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	createThread(t, a, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	update(t, a, 20, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_1")
		return d.Thread().SetAssignee(ana)
	})
	entries, _ := a.Outbox(0, 0)
	last := entries[len(entries)-1]
	if err := b.Apply(t.Context(), last.DocID, last.Change); model.CodeOf(err) != model.CodeConflict {
		t.Fatalf("out-of-order change: %v", err)
	}
	if ids, _ := b.DocIDs("th_"); len(ids) != 0 {
		t.Fatalf("out-of-order change stored: %v", ids)
	}
	replicate(t, a, b, 0)
	assertSameReadModels(t, a, b)
}

func TestApplyAllMergesABatchLikeOneChangeAtATimeOrWritesNothing(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	for i := range 5 {
		update(t, a, int64(600+i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_a")
			return d.Thread().AddMessage(msg(fmt.Sprint("m_batch", i), model.KindMessage, "", "hi", int64(600+i)))
		})
	}
	entries, _ := a.Outbox(0, 0)
	byDoc := map[string][][]byte{}
	var order []string
	for _, e := range entries {
		if byDoc[e.DocID] == nil {
			order = append(order, e.DocID)
		}
		byDoc[e.DocID] = append(byDoc[e.DocID], e.Change)
	}

	b := openTest(t, t.TempDir())
	version := b.bdb.MaxVersion()
	bad := append(slices.Clone(byDoc["ws"]), []byte("garbage"))
	if err := b.ApplyAll(t.Context(), "ws", bad); model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("batch with a malformed change: %v", err)
	}
	reversed := slices.Clone(byDoc["th_a"])
	slices.Reverse(reversed)
	if err := b.ApplyAll(t.Context(), "th_a", reversed); model.CodeOf(err) != model.CodeConflict {
		t.Fatalf("batch out of causal order: %v", err)
	}
	if b.bdb.MaxVersion() != version {
		t.Fatal("a refused batch wrote to the store")
	}
	for _, id := range order {
		twice := append(slices.Clone(byDoc[id]), byDoc[id]...) // duplicates inside a batch are skipped
		must(t, b.ApplyAll(t.Context(), id, twice))
	}
	assertSameReadModels(t, a, b)
}

// A merge re-reads only the messages its changes name. When two devices create one message
// at once with different creation times, the merge keeps one of them: the row stored under
// the other time must go, or the thread would show the message twice.
func TestAMessageCreatedOnTwoDevicesAtOnceIsStoredOnce(t *testing.T) {
	a := openTest(t, t.TempDir())
	b := openTest(t, t.TempDir())
	seedInbox(t, a)
	seqA := replicate(t, a, b, 0)
	add := func(db *DB, createdAt int64, body string) {
		update(t, db, createdAt, func(tx ports.Tx) error {
			d, _ := tx.Doc("th_a")
			return d.Thread().AddMessage(msg("m_same", model.KindMessage, "", body, createdAt))
		})
	}
	add(a, 700, "sent from A")
	add(b, 900, "sent from B")
	replicate(t, a, b, seqA)
	replicate(t, b, a, 0)
	assertSameReadModels(t, a, b)
	ms, err := a.Messages("th_a")
	must(t, err)
	n := 0
	for _, m := range ms {
		if m.ID == "m_same" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the message is stored %d times: %+v", n, ms)
	}
}
