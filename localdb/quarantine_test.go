package localdb

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// brokenDoc returns db's copy of docID with root key set to v and committed: a valid
// Automerge change (and document) that Huddle itself never writes.
func brokenDoc(t *testing.T, db *DB, docID, key string, v any) (change []byte, d *crdt.Doc) {
	t.Helper()
	s, err := db.Snapshot(docID)
	must(t, err)
	d, err = crdt.Load(docID, crdt.NewActorID(), s.Data, nil)
	must(t, err)
	must(t, d.ForceRootValue(key, v))
	change, _, err = d.Commit(at(9000))
	must(t, err)
	return change, d
}

// quarantineCase builds the bad item given the source store a and the receiving store b.
type quarantineCase struct {
	name string
	bad  func(t *testing.T, a, b *DB) RemoteItem
}

func change(doc string, data []byte) RemoteItem {
	return RemoteItem{Kind: RemoteChange, DocID: doc, Data: data}
}

var quarantineCases = []quarantineCase{
	{"garbage bytes", func(*testing.T, *DB, *DB) RemoteItem { return change("th_a", []byte("garbage")) }},
	{"truncated change", func(t *testing.T, a, _ *DB) RemoteItem {
		c := outboxItems(t, a, 0)[1].Data
		return change("th_a", c[:len(c)-3])
	}},
	{"unknown document type", func(t *testing.T, a, _ *DB) RemoteItem { return change("zz_1", outboxItems(t, a, 0)[1].Data) }},
	{"document ID with a NUL", func(t *testing.T, a, _ *DB) RemoteItem { return change("th_\x00a", outboxItems(t, a, 0)[1].Data) }},
	{"oversized item", func(*testing.T, *DB, *DB) RemoteItem { return change("th_a", make([]byte, MaxRemoteItem+1)) }},
	{"unknown kind", func(*testing.T, *DB, *DB) RemoteItem { return RemoteItem{Kind: 9, DocID: "th_a", Data: []byte("x")} }},
	{"garbage snapshot", func(*testing.T, *DB, *DB) RemoteItem {
		return RemoteItem{Kind: RemoteSnapshot, DocID: "th_a", Data: []byte("garbage")}
	}},
	{"snapshot of another document type", func(t *testing.T, _, b *DB) RemoteItem {
		s := snapshotItem(t, b, model.WorkspaceDocID)
		s.DocID = "th_a"
		return s
	}},
	{"snapshot of another thread", func(t *testing.T, _, b *DB) RemoteItem {
		s := snapshotItem(t, b, "th_b")
		s.DocID = "th_a"
		return s
	}},
	{"change that makes a thread say it is a client", func(t *testing.T, _, b *DB) RemoteItem {
		c, _ := brokenDoc(t, b, "th_a", "type", "client")
		return change("th_a", c)
	}},
	{"change that makes the messages unreadable", func(t *testing.T, _, b *DB) RemoteItem {
		c, _ := brokenDoc(t, b, "th_a", "messages", "gone")
		return change("th_a", c)
	}},
	{"change from a newer schema", func(t *testing.T, _, b *DB) RemoteItem {
		c, _ := brokenDoc(t, b, "th_a", "v", int64(crdt.SchemaVersion+1))
		return change("th_a", c)
	}},
	{"snapshot that makes the messages unreadable", func(t *testing.T, _, b *DB) RemoteItem {
		_, d := brokenDoc(t, b, "th_a", "messages", "gone")
		return RemoteItem{Kind: RemoteSnapshot, DocID: "th_a", Data: d.Save()}
	}},
	{"change Automerge refuses: a sequence number its author already used", func(t *testing.T, a, b *DB) RemoteItem {
		// b's copy of th_a predates a's tail, so a change made on it as a's device takes the
		// sequence number of the tail's first change: it passes every check before Automerge,
		// which refuses it, in the same stretch of changes as the tail's good ones.
		s, err := b.Snapshot("th_a")
		must(t, err)
		d, err := crdt.Load("th_a", a.DeviceID(), s.Data, nil)
		must(t, err)
		must(t, d.Thread().SetStatus(model.StatusResolved))
		c, _, err := d.Commit(at(9000))
		must(t, err)
		return change("th_a", c)
	}},
	{"change that is not a Huddle document", func(t *testing.T, _, _ *DB) RemoteItem {
		d, err := crdt.New("th_new", crdt.NewActorID())
		must(t, err)
		must(t, d.ForceRootValue("note", "no header"))
		c, _, err := d.Commit(at(9000))
		must(t, err)
		return change("th_new", c)
	}},
}

func TestBadItemsAreQuarantinedAndTheRestOfTheBatchApplies(t *testing.T) {
	for _, c := range quarantineCases {
		t.Run(c.name, func(t *testing.T) {
			a := openTest(t, t.TempDir())
			seedInbox(t, a)
			var logs bytes.Buffer
			b, err := Open(t.TempDir(), Options{NoSync: true, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			must(t, err)
			t.Cleanup(func() { b.Close() })
			base := stream(outboxItems(t, a, 0))
			applyRemote(t, b, relay1, base)

			tail := threadTail(t, a, 2, 500)
			last, _ := a.Outbox(0, 0)
			update(t, a, 600, func(tx ports.Tx) error {
				d, _ := tx.Doc("th_b")
				return d.Thread().SetAssignee(ana)
			})
			other := outboxItems(t, a, last[len(last)-1].Seq)
			bad := c.bad(t, a, b)
			items := stream(base, tail[:1], []RemoteItem{bad}, tail[1:], other)[len(base):]
			badSeq := items[1].Seq

			res := applyRemote(t, b, relay1, items)
			if len(res.Quarantined) != 1 || res.Quarantined[0].Seq != badSeq || res.Quarantined[0].Reason == "" {
				t.Fatalf("quarantined %+v, want the item at %d", res.Quarantined, badSeq)
			}
			if res.Parked != 0 || len(res.Changed) != 2 {
				t.Fatalf("result %+v", res)
			}
			if cur := cursorOf(t, b); cur.Seq != items[len(items)-1].Seq {
				t.Fatalf("cursor %+v did not move past the batch", cur)
			}
			if !strings.Contains(logs.String(), "set aside") || !strings.Contains(logs.String(), fmt.Sprint("seq=", badSeq)) {
				t.Fatalf("no warning logged: %s", logs.String())
			}
			q, err := b.Quarantine(0)
			must(t, err)
			if n, _ := b.QuarantineLen(); n != 1 || len(q) != 1 || q[0].DocID != bad.DocID || q[0].Kind != bad.Kind ||
				q[0].Size != len(bad.Data) || q[0].At.IsZero() {
				t.Fatalf("stored quarantine %+v (len %d)", q, n)
			}
			// A compaction must not purge what was set aside: a newer Huddle may read it.
			if s, err := b.Snapshot("th_a"); err != nil || s.Quarantined != (bad.Kind == RemoteChange && bad.DocID == "th_a") {
				t.Fatalf("snapshot of th_a: quarantined=%v, err %v", s.Quarantined, err)
			}
			if s, _ := b.Snapshot("th_b"); s.Quarantined {
				t.Fatalf("th_b had nothing set aside")
			}
			assertSameReadModels(t, a, b)
			b.docs.Purge() // the stored documents too, not only the live ones
			assertSameReadModels(t, a, b)

			// The document is still writable, and nothing of the bad item travels with it.
			update(t, b, 700, func(tx ports.Tx) error {
				d, _ := tx.Doc("th_a")
				return d.Thread().AddMessage(msg("m_after", model.KindNote, ana, "still here", 700))
			})
			replicate(t, b, a, 0)
			assertSameReadModels(t, a, b)
		})
	}
}

func TestAParkedChangeThatTurnsOutBadIsQuarantinedWhenItsDependenciesArrive(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedInbox(t, a)
	b := openTest(t, t.TempDir())
	base := outboxItems(t, a, 0)
	tail := threadTail(t, a, 1, 500)
	// The bad change builds on the tail, and arrives first.
	helper := openTest(t, t.TempDir())
	applyRemote(t, helper, relay1, stream(base, tail))
	bad, _ := brokenDoc(t, helper, "th_a", "type", "client")
	items := stream(base, []RemoteItem{change("th_a", bad)}, tail)

	res := applyRemote(t, b, relay1, items[:len(base)+1])
	if res.Parked != 1 || len(res.Quarantined) != 0 {
		t.Fatalf("bad change before its dependency: %+v", res)
	}
	res = applyRemote(t, b, relay1, items[len(base)+1:])
	if len(res.Quarantined) != 1 || res.Quarantined[0].Seq != uint64(len(base)+1) || res.Parked != 0 {
		t.Fatalf("dependency arrived: %+v", res)
	}
	if n, _ := b.ParkedLen(); n != 0 || countKeys(t, b, prefixParked) != 0 {
		t.Fatalf("bad change still parked: %d", n)
	}
	assertSameReadModels(t, a, b)
}

func TestQuarantineKeepsTheNewestEntriesOnly(t *testing.T) {
	dir := t.TempDir()
	b := openTest(t, dir)
	var items []RemoteItem
	for i := range quarantineKeep + 5 {
		items = append(items, change("th_a", []byte(fmt.Sprint("garbage ", i))))
	}
	res := applyRemote(t, b, relay1, stream(items))
	if len(res.Quarantined) != len(items) {
		t.Fatalf("quarantined %d of %d", len(res.Quarantined), len(items))
	}
	check := func() {
		t.Helper()
		q, err := b.Quarantine(3)
		must(t, err)
		if n, _ := b.QuarantineLen(); n != quarantineKeep || countKeys(t, b, prefixQuarantine) != quarantineKeep {
			t.Fatalf("kept %d, want %d", n, quarantineKeep)
		}
		if len(q) != 3 || q[0].Seq != uint64(len(items)) || q[2].Seq != uint64(len(items)-2) {
			t.Fatalf("newest first: %+v", q)
		}
	}
	check()
	must(t, b.Close())
	b = openTest(t, dir)
	check()
	applyRemote(t, b, relay1, []RemoteItem{{Seq: 1000, Kind: RemoteChange, DocID: "th_a", Data: []byte("more")}})
	if q, _ := b.Quarantine(1); len(q) != 1 || q[0].Seq != 1000 {
		t.Fatalf("after reopening, newest %+v", q)
	}
	if n, _ := b.QuarantineLen(); n != quarantineKeep {
		t.Fatalf("kept %d after reopening", n)
	}
}
