package localdb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
)

const relay1, relay2 = "relay-1", "relay-2"

// outboxItems returns db's outbox entries after seq as stream items (sequences to renumber).
func outboxItems(t testing.TB, db *DB, after uint64) []RemoteItem {
	t.Helper()
	entries, err := db.Outbox(after, 0)
	must(t, err)
	out := make([]RemoteItem, len(entries))
	for i, e := range entries {
		out[i] = RemoteItem{Seq: e.Seq, Kind: RemoteChange, DocID: e.DocID, Data: e.Change}
	}
	return out
}

// snapshotItem returns db's snapshot of docID as a stream item.
func snapshotItem(t testing.TB, db *DB, docID string) RemoteItem {
	t.Helper()
	s, err := db.Snapshot(docID)
	must(t, err)
	return RemoteItem{Kind: RemoteSnapshot, DocID: docID, Data: s.Data}
}

// stream numbers items as a relay stream does, from 1.
func stream(parts ...[]RemoteItem) []RemoteItem {
	var out []RemoteItem
	for _, p := range parts {
		for _, it := range p {
			it.Seq = uint64(len(out) + 1)
			out = append(out, it)
		}
	}
	return out
}

func applyRemote(t testing.TB, db *DB, name string, items []RemoteItem) ApplyResult {
	t.Helper()
	res, err := db.ApplyRemote(t.Context(), name, items, nil)
	must(t, err)
	return res
}

// applyInBatches applies items in consecutive batches of the given sizes (the last repeated).
func applyInBatches(t testing.TB, db *DB, items []RemoteItem, sizes ...int) {
	t.Helper()
	for i, k := 0, 0; i < len(items); k++ {
		n := sizes[min(k, len(sizes)-1)]
		applyRemote(t, db, relay1, items[i:min(i+n, len(items))])
		i += n
	}
}

func cursorOf(t testing.TB, db *DB) SyncCursor {
	t.Helper()
	c, err := db.SyncCursor()
	must(t, err)
	return c
}

func TestApplyRemoteStoresTheCursorInTheTransactionOfTheChanges(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	items := stream(outboxItems(t, a, 0))
	dir := t.TempDir()
	b := openTest(t, dir)
	if c := cursorOf(t, b); c != (SyncCursor{}) {
		t.Fatalf("cursor of a new store: %+v", c)
	}
	res := applyRemote(t, b, relay1, items[:5])
	if len(res.Changed) == 0 || res.Parked != 0 || len(res.Quarantined) != 0 {
		t.Fatalf("first batch: %+v", res)
	}
	applyRemote(t, b, relay1, items[5:])
	must(t, b.Close())

	b = openTest(t, dir)
	if c := cursorOf(t, b); c != (SyncCursor{relay1, uint64(len(items))}) {
		t.Fatalf("cursor after reopening: %+v", c)
	}
	assertSameReadModels(t, a, b)

	// Redelivery of what the cursor covers is skipped without a write.
	version := b.bdb.MaxVersion()
	if res := applyRemote(t, b, relay1, items); len(res.Changed) != 0 {
		t.Fatalf("redelivery changed %v", res.Changed)
	}
	if b.bdb.MaxVersion() != version {
		t.Fatal("redelivery wrote to the store")
	}
}

func TestApplyRemoteRefusesAnotherStreamUntilTheCursorIsReset(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	items := stream(outboxItems(t, a, 0))
	b := openTest(t, t.TempDir())
	applyRemote(t, b, relay1, items[:3])
	if _, err := b.ApplyRemote(t.Context(), relay2, items[3:], nil); model.CodeOf(err) != model.CodeConflict {
		t.Fatalf("another stream: %v", err)
	}
	if _, err := b.ApplyRemote(t.Context(), relay1, []RemoteItem{items[4], items[3]}, nil); model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("out of order: %v", err)
	}
	if c := cursorOf(t, b); c != (SyncCursor{relay1, 3}) {
		t.Fatalf("cursor moved by refused batches: %+v", c)
	}

	// The new relay is re-seeded: the same changes again, numbered from 1.
	must(t, b.ResetSyncCursor(relay2))
	if c := cursorOf(t, b); c != (SyncCursor{relay2, 0}) {
		t.Fatalf("cursor after reset: %+v", c)
	}
	applyRemote(t, b, relay2, items)
	if c := cursorOf(t, b); c != (SyncCursor{relay2, uint64(len(items))}) {
		t.Fatalf("cursor on the new stream: %+v", c)
	}
	assertSameReadModels(t, a, b)
}

// threadTail makes n more changes to th_a on a and returns them as items.
func threadTail(t *testing.T, a *DB, n int, at int64) []RemoteItem {
	t.Helper()
	last, _ := a.Outbox(0, 0)
	for i := range n {
		update(t, a, at+int64(i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_a")
			return d.Thread().AddMessage(msg(fmt.Sprint("m_tail", at, i), model.KindMessage, "", fmt.Sprint("tail ", i), at+int64(i)))
		})
	}
	return outboxItems(t, a, last[len(last)-1].Seq)
}

func TestChangesBeforeTheirDependenciesParkUntilTheyArriveEvenAcrossARestart(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	var others, missing []RemoteItem
	for _, it := range outboxItems(t, a, 0) {
		if it.DocID == "th_a" {
			missing = append(missing, it)
		} else {
			others = append(others, it)
		}
	}
	tail := threadTail(t, a, 3, 500)
	slices.Reverse(tail) // later changes first: each waits for the one before it
	items := stream(others, tail, missing)
	early := items[len(others) : len(others)+len(tail)]

	dir := t.TempDir()
	b := openTest(t, dir)
	applyRemote(t, b, relay1, items[:len(others)])
	sub, cancel := b.Subscribe()
	defer cancel()
	for _, it := range early {
		if res := applyRemote(t, b, relay1, []RemoteItem{it}); res.Parked != 1 || len(res.Changed) != 0 {
			t.Fatalf("early change: %+v", res)
		}
	}
	if n, _ := b.ParkedLen(); n != len(tail) {
		t.Fatalf("parked %d, want %d", n, len(tail))
	}
	select {
	case c := <-sub:
		t.Fatalf("parked changes notified: %+v", c)
	default:
	}
	must(t, b.Close())

	b = openTest(t, dir)
	if n, _ := b.ParkedLen(); n != len(tail) {
		t.Fatalf("parked after reopening %d, want %d", n, len(tail))
	}
	if c := cursorOf(t, b); c.Seq != uint64(len(others)+len(tail)) {
		t.Fatalf("cursor did not move past parked changes: %+v", c)
	}
	res := applyRemote(t, b, relay1, items[len(others)+len(tail):])
	if res.Parked != 0 || !slices.Equal(res.Changed, []string{"th_a"}) {
		t.Fatalf("dependency arrived: %+v", res)
	}
	if n, _ := b.ParkedLen(); n != 0 {
		t.Fatalf("still parked: %d", n)
	}
	if n := countKeys(t, b, prefixParked); n != 0 {
		t.Fatalf("%d parked keys left", n)
	}
	assertSameReadModels(t, a, b)
}

func TestParkedChangesApplyWhenASnapshotCoveringTheirDependenciesArrives(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	snap := snapshotItem(t, a, "th_a") // taken before the tail, published after it
	tail := threadTail(t, a, 2, 600)
	b := openTest(t, t.TempDir())
	// The relay purged th_a's changes up to the snapshot: b sees the other documents, the
	// tail, then the snapshot.
	var others []RemoteItem
	for _, it := range outboxItems(t, a, 0) {
		if it.DocID != "th_a" {
			others = append(others, it)
		}
	}
	items := stream(others, tail, []RemoteItem{snap})
	res := applyRemote(t, b, relay1, items[:len(items)-1])
	if res.Parked != len(tail) {
		t.Fatalf("tail before its snapshot: %+v", res)
	}
	res = applyRemote(t, b, relay1, items[len(items)-1:])
	if res.Parked != 0 || !slices.Equal(res.Changed, []string{"th_a"}) {
		t.Fatalf("snapshot: %+v", res)
	}
	if n, _ := b.ParkedLen(); n != 0 {
		t.Fatalf("still parked: %d", n)
	}
	assertSameReadModels(t, a, b)
	// The snapshot was stored as th_a's snapshot, replacing its changes.
	if n := countKeys(t, b, string(prefixChanges("th_a"))); n != 0 {
		t.Fatalf("%d changes of th_a kept beside its snapshot", n)
	}
	b.docs.Purge()
	assertSameReadModels(t, a, b)
}

// compactedStream is what a new device reads from a relay that a device compacted: every
// document as a snapshot, and the changes made since, some published before the snapshot
// that carries their dependencies.
func compactedStream(t *testing.T, a *DB) []RemoteItem {
	t.Helper()
	ids, err := a.DocIDs("")
	must(t, err)
	var snaps []RemoteItem
	for _, id := range ids {
		snaps = append(snaps, snapshotItem(t, a, id))
	}
	before := threadTail(t, a, 3, 700)
	last, _ := a.Outbox(0, 0)
	update(t, a, 800, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_b")
		if err := d.Thread().SetAssignee(ana); err != nil {
			return err
		}
		w, _ := tx.Doc(model.WorkspaceDocID)
		return w.Workspace().PutLabel(model.Label{ID: "lb_new", Name: "New"})
	})
	after := outboxItems(t, a, last[len(last)-1].Seq)
	return stream(before, snaps, after)
}

func TestANewDeviceBootstrapsFromSnapshotsAndTheTailInAnyBatching(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	seedClients(t, a)
	items := compactedStream(t, a)

	whole := openTest(t, t.TempDir())
	applyRemote(t, whole, relay1, items)
	single := openTest(t, t.TempDir())
	applyInBatches(t, single, items, 1)
	random := openTest(t, t.TempDir())
	r := rand.New(rand.NewPCG(7, 7))
	var sizes []int
	for range len(items) {
		sizes = append(sizes, 1+r.IntN(5))
	}
	applyInBatches(t, random, items, sizes...)

	for _, b := range []*DB{whole, single, random} {
		if n, _ := b.ParkedLen(); n != 0 {
			t.Fatalf("parked after bootstrap: %d", n)
		}
		assertSameReadModels(t, a, b)
		if c := cursorOf(t, b); c.Seq != uint64(len(items)) {
			t.Fatalf("cursor %+v", c)
		}
	}
}

func TestDuplicatesAndOwnChangesComingBackAreNoOps(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	b := openTest(t, t.TempDir())
	items := stream(outboxItems(t, a, 0))
	applyRemote(t, b, relay1, items)
	update(t, b, 900, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_b")
		return d.Thread().SetAssignee(ben)
	})
	own := outboxItems(t, b, 0)
	sub, cancel := b.Subscribe()
	defer cancel()

	// The relay repeats everything (a re-seed) and carries b's own change back.
	again := stream(items, own, items)
	for i := range again {
		again[i].Seq += uint64(len(items))
	}
	b.docs.Purge() // also when the documents must be reloaded from the store
	res := applyRemote(t, b, relay1, again)
	if len(res.Changed) != 0 || res.Parked != 0 || len(res.Quarantined) != 0 {
		t.Fatalf("duplicates: %+v", res)
	}
	select {
	case c := <-sub:
		t.Fatalf("duplicates notified: %+v", c)
	default:
	}
	replicate(t, b, a, 0)
	assertSameReadModels(t, a, b)
}

func TestSnapshotIsConsistentWithTheCursor(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	items := stream(outboxItems(t, a, 0))
	b := openTest(t, t.TempDir())
	applyRemote(t, b, relay1, items)
	s, err := b.Snapshot("th_a")
	must(t, err)
	if s.Cursor != (SyncCursor{relay1, uint64(len(items))}) || s.Parked || s.BrandID != brand1 || s.Type != model.DocThread {
		t.Fatalf("snapshot %+v", s)
	}
	// A third device built from the snapshots alone has what b had at the cursor.
	c := openTest(t, t.TempDir())
	ids, _ := b.DocIDs("")
	var snaps []RemoteItem
	for _, id := range ids {
		snaps = append(snaps, snapshotItem(t, b, id))
	}
	applyRemote(t, c, relay1, stream(snaps))
	assertSameReadModels(t, b, c)
	if ws, err := b.Snapshot(model.WorkspaceDocID); err != nil || ws.BrandID != "" {
		t.Fatalf("workspace snapshot: %+v %v", ws.BrandID, err)
	}
	if _, err := b.Snapshot("th_nothere"); model.CodeOf(err) != model.CodeNotFound {
		t.Fatalf("snapshot of a missing document: %v", err)
	}
}

// manyThreads creates n threads of one message each on a, in updates of 200.
func manyThreads(t *testing.T, a *DB, n int) {
	for i := 0; i < n; i += 200 {
		update(t, a, int64(10+i), func(tx ports.Tx) error {
			for j := i; j < min(i+200, n); j++ {
				d, _ := tx.Doc(fmt.Sprintf("th_%04d", j))
				if err := buildThread(d, threadSpec{id: fmt.Sprintf("th_%04d", j), brand: brand1, channel: model.ChannelSMS,
					createdAt: int64(10 + j), labels: []string{"lb_vip"}, assignee: ana,
					messages: []model.Message{msg(fmt.Sprint("m", j), model.KindMessage, "", "hello there", int64(10+j))}}); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// A window larger than one transaction commits in runs, the cursor with the last; a run that
// fails leaves the runs before it committed and the cursor where it was, and applying the
// window again finishes the job.
func TestALargeWindowCommitsInRunsWithTheCursorLast(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	manyThreads(t, a, 1200)
	items := stream(outboxItems(t, a, 0))

	b := openTest(t, t.TempDir())
	ctx, cancel := context.WithCancel(t.Context())
	var reports []int
	_, err := b.ApplyRemote(ctx, relay1, items, func(applied int) {
		reports = append(reports, applied)
		cancel() // as if the device stopped after the first run
	})
	if !errors.Is(err, context.Canceled) || len(reports) != 1 || reports[0] <= 0 || reports[0] >= len(items) {
		t.Fatalf("stopped after the first run: %v, progress %v of %d", err, reports, len(items))
	}
	if cursorOf(t, b) != (SyncCursor{}) {
		t.Fatal("the cursor moved before the last run")
	}
	if n := countKeys(t, b, prefixThread); n == 0 || n >= 1200 {
		t.Fatalf("%d threads stored after the first run", n)
	}

	reports = nil
	applyRemoteProgress := func(applied int) { reports = append(reports, applied) }
	if _, err := b.ApplyRemote(t.Context(), relay1, items, applyRemoteProgress); err != nil {
		t.Fatal(err)
	}
	if len(reports) < 2 || !slices.IsSorted(reports) || reports[len(reports)-1] >= len(items) {
		t.Fatalf("progress %v of %d", reports, len(items))
	}
	if got := cursorOf(t, b); got.Seq != items[len(items)-1].Seq {
		t.Fatalf("cursor %+v after the window", got)
	}
	assertSameReadModels(t, a, b)
}

// A change parked in one run of a window is counted while the pipeline already merges the
// documents of the next runs (run with -race).
func TestAChangeParkedInOneRunWhileTheNextRunsMerge(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	base := outboxItems(t, a, 0)
	tail := threadTail(t, a, 2, 500)
	last, _ := a.Outbox(0, 0)
	manyThreads(t, a, 1200)
	more := outboxItems(t, a, last[len(last)-1].Seq)

	b := openTest(t, t.TempDir())
	applyRemote(t, b, relay1, stream(base))
	items := stream(base, tail[1:], more, tail[:1])[len(base):] // th_a's second change first
	res, err := b.ApplyRemote(t.Context(), relay1, items[:len(items)-1], nil)
	must(t, err)
	if res.Parked != 1 {
		t.Fatalf("parked %d, want 1", res.Parked)
	}
	if n, _ := b.ParkedLen(); n != 1 {
		t.Fatalf("ParkedLen %d, want 1", n)
	}
	applyRemote(t, b, relay1, items[len(items)-1:])
	if n, _ := b.ParkedLen(); n != 0 {
		t.Fatalf("ParkedLen %d after the dependency arrived", n)
	}
	assertSameReadModels(t, a, b)
}

// One document whose items do not fit in one transaction writes nothing; in smaller
// groups the same items apply.
func TestADocumentTooBigForOneTransactionWritesNothing(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	createThread(t, a, threadSpec{id: "th_long", brand: brand1, createdAt: 10})
	for i := 0; i < 4000; i += 200 {
		update(t, a, int64(100+i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_long")
			for j := i; j < i+200; j++ {
				body := fmt.Sprintf("message %d of a long conversation about colour and cut", j)
				if err := d.Thread().AddMessage(msg(fmt.Sprintf("m%05d", j), model.KindMessage, "", body, int64(100+j))); err != nil {
					return err
				}
			}
			return nil
		})
	}
	items := stream(outboxItems(t, a, 0))
	b := openTest(t, t.TempDir())
	applyRemote(t, b, relay1, items[:1]) // the workspace
	version := b.bdb.MaxVersion()
	_, err := b.ApplyRemote(t.Context(), relay1, items[1:], nil)
	if !errors.Is(err, ports.ErrTooBig) {
		t.Fatalf("too big a document: %v", err)
	}
	if b.bdb.MaxVersion() != version || cursorOf(t, b).Seq != 1 {
		t.Fatal("a document too big wrote to the store")
	}
	applyInBatches(t, b, items[1:], 4)
	assertSameReadModels(t, a, b)
}

func TestParkedChangesSurviveACursorResetAndMakeSnapshotsUnfitForPurging(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	base := outboxItems(t, a, 0)
	tail := threadTail(t, a, 2, 500)
	b := openTest(t, t.TempDir())
	applyRemote(t, b, relay1, stream(base))
	applyRemote(t, b, relay1, []RemoteItem{{Seq: 100, Kind: RemoteChange, DocID: "th_a", Data: tail[1].Data}})
	s, err := b.Snapshot("th_a")
	must(t, err)
	if !s.Parked || s.Cursor != (SyncCursor{relay1, 100}) {
		t.Fatalf("snapshot of a document with a parked change: %+v", s)
	}

	must(t, b.ResetSyncCursor(relay2))
	if n, _ := b.ParkedLen(); n != 1 {
		t.Fatalf("parked after a reset: %d", n)
	}
	applyRemote(t, b, relay2, stream(base, tail[:1]))
	if n, _ := b.ParkedLen(); n != 0 {
		t.Fatalf("parked after its dependency arrived: %d", n)
	}
	if s, _ := b.Snapshot("th_a"); s.Parked {
		t.Fatal("snapshot still says parked")
	}
	assertSameReadModels(t, a, b)
}

func TestKnownOwnChangesOnlyMoveTheCursor(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	own := stream(outboxItems(t, a, 0))
	for i := range own {
		own[i].Known = true
	}
	b := openTest(t, t.TempDir())
	// b marks a's changes as known: b must not load or apply them, only move its cursor.
	res := applyRemote(t, b, relay1, own)
	if len(res.Changed) != 0 || res.Parked != 0 || len(res.Quarantined) != 0 {
		t.Fatalf("known changes were applied: %+v", res)
	}
	if ids, _ := b.DocIDs(""); len(ids) != 0 {
		t.Fatalf("known changes created documents: %v", ids)
	}
	if c := cursorOf(t, b); c.Seq != own[len(own)-1].Seq {
		t.Fatalf("cursor %d, want %d", c.Seq, own[len(own)-1].Seq)
	}
	// a, which does hold them, is unchanged by them coming back.
	before, _ := a.Heads("th_b")
	applyRemote(t, a, relay1, own)
	if after, _ := a.Heads("th_b"); !slices.Equal(before, after) {
		t.Fatalf("heads moved: %v → %v", before, after)
	}
}

// A local write does not wait for a whole window: it gets the store between two runs, and
// the window then goes on where it was.
func TestALocalWriteGetsInBetweenTheRunsOfALargeWindow(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	manyThreads(t, a, 1200)
	items := stream(outboxItems(t, a, 0))
	b := openTest(t, t.TempDir())

	wrote := make(chan error, 1)
	runs, between := 0, false
	_, err := b.ApplyRemote(t.Context(), relay1, items, func(int) {
		runs++
		if runs != 1 {
			between = between || len(wrote) == 1
			return
		}
		go func() { // a note on a thread of the first run, while the window holds the store
			wrote <- b.Update(t.Context(), at(5000), func(tx ports.Tx) error {
				d, err := tx.Doc("th_0000")
				if err != nil {
					return err
				}
				return d.Thread().AddMessage(msg("m_local", model.KindNote, ana, "written during the catch-up", 5000))
			})
		}()
		for b.waiting.Load() == 0 { // until the write waits for the store
			time.Sleep(time.Millisecond)
		}
	})
	must(t, err)
	if !between {
		t.Fatalf("the local write waited for the whole window (%d runs)", runs)
	}
	must(t, <-wrote)
	if got := cursorOf(t, b); got.Seq != items[len(items)-1].Seq {
		t.Fatalf("cursor %+v after the window", got)
	}
	if n := countKeys(t, b, prefixThread); n != 1200 {
		t.Fatalf("%d threads after the window", n)
	}
	th, err := b.Thread("th_0000")
	must(t, err)
	if th.MessageCount != 2 || th.LastPreview != "written during the catch-up" {
		t.Fatalf("thread written during the window: %+v", th)
	}
	checkConsistent(t, b)
}
