package crdt

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// newThreadDoc returns a created thread with one message, committed, and its two changes.
func newThreadDoc(t *testing.T, id string) (*Doc, [][]byte) {
	t.Helper()
	d, err := New(id, NewActorID())
	must(t, err)
	must(t, d.Thread().Create(model.Thread{BrandID: "br_1", Channel: model.ChannelChat, CreatedAt: 1}))
	first, _, err := d.Commit(time.UnixMilli(1))
	must(t, err)
	must(t, d.Thread().AddMessage(model.Message{ID: "m1", Kind: model.KindNote, Body: "hi", CreatedAt: 2}))
	second, _, err := d.Commit(time.UnixMilli(2))
	must(t, err)
	return d, [][]byte{first, second}
}

func TestMergeSnapshotBringsAnEmptyOrBehindDocumentUpToDate(t *testing.T) {
	src, changes := newThreadDoc(t, "th_SNAP")
	snap := src.Save()

	empty, err := New("th_SNAP", NewActorID())
	must(t, err)
	if changed, err := empty.MergeSnapshot(snap); err != nil || !changed {
		t.Fatalf("merge into empty: changed %v, err %v", changed, err)
	}
	if !slices.Equal(empty.Heads(), src.Heads()) {
		t.Fatal("heads differ after merging a snapshot")
	}
	msgs, err := empty.Thread().Messages()
	must(t, err)
	if len(msgs) != 1 || msgs[0].Body != "hi" {
		t.Fatalf("messages after merge: %+v", msgs)
	}

	behind, err := New("th_SNAP", NewActorID())
	must(t, err)
	must(t, behind.Apply(changes[0]))
	if _, err := behind.Thread().Summary(); err != nil { // fill the cached summary
		t.Fatal(err)
	}
	if changed, err := behind.MergeSnapshot(snap); err != nil || !changed {
		t.Fatalf("merge into behind: changed %v, err %v", changed, err)
	}
	if changed, err := behind.MergeSnapshot(snap); err != nil || changed {
		t.Fatalf("second merge: changed %v, err %v", changed, err)
	}
	if msgs, _ := behind.Thread().Messages(); len(msgs) != 1 {
		t.Fatalf("messages after merge: %+v", msgs)
	}
}

func TestMergeSnapshotRefusesBytesThatAreNotASnapshotOfThisDocument(t *testing.T) {
	src, changes := newThreadDoc(t, "th_SNAP")
	snap := src.Save()
	other, _ := newThreadDoc(t, "th_OTHER")
	client, err := New("cl_SNAP", NewActorID())
	must(t, err)
	must(t, client.Client().Create(model.Client{Name: "Ann"}))
	_, _, err = client.Commit(time.UnixMilli(1))
	must(t, err)
	newer, _ := newThreadDoc(t, "th_SNAP")
	must(t, newer.ForceRootValue("v", int64(SchemaVersion+1)))
	_, _, err = newer.Commit(time.UnixMilli(3))
	must(t, err)
	headerless, err := New("th_SNAP", NewActorID())
	must(t, err)
	must(t, headerless.ForceRootValue("note", "no header"))
	_, _, err = headerless.Commit(time.UnixMilli(1))
	must(t, err)
	flipped := slices.Clone(snap)
	flipped[len(flipped)-1] ^= 1

	for name, b := range map[string][]byte{
		"empty":           nil,
		"garbage":         []byte("garbage"),
		"a change":        changes[0],
		"bit flip":        flipped,
		"truncated":       snap[:len(snap)/2],
		"trailing bytes":  append(slices.Clone(snap), 0),
		"another thread":  other.Save(),
		"a client":        client.Save(),
		"newer schema":    newer.Save(),
		"no header":       headerless.Save(),
		"empty automerge": mustNew(t).Save(),
	} {
		d, _ := newThreadDoc(t, "th_SNAP")
		heads := d.Heads()
		if changed, err := d.MergeSnapshot(b); err == nil || changed {
			t.Errorf("%s: changed %v, err %v", name, changed, err)
		}
		if !slices.Equal(heads, d.Heads()) {
			t.Errorf("%s: refused snapshot changed the document", name)
		}
		if ok, err := d.Exists(); !ok || err != nil {
			t.Errorf("%s: document unreadable after a refused snapshot: %v", name, err)
		}
	}
}

func mustNew(t *testing.T) *Doc {
	d, err := New("th_EMPTY", NewActorID())
	must(t, err)
	return d
}

// The operation check must not refuse what Automerge writes itself: compressed columns of a
// long document, and increments of a counter, in snapshots and in changes.
func TestMergeSnapshotAcceptsLongDocumentsAndCounters(t *testing.T) {
	src, _ := newThreadDoc(t, "th_LONG")
	for i := range 500 {
		must(t, src.Thread().AddMessage(model.Message{ID: fmt.Sprint("m", i), Kind: model.KindMessage, Body: "hello", CreatedAt: int64(10 + i)}))
	}
	must(t, src.am.RootMap().Set("hits", automerge.NewCounter(0)))
	big, _, err := src.Commit(time.UnixMilli(3))
	must(t, err)
	if _, err := Inspect(big); err != nil {
		t.Fatalf("a change of 500 messages refused: %v", err)
	}
	for i := range 3 {
		v, err := src.am.RootMap().Get("hits")
		must(t, err)
		must(t, v.Counter().Inc(int64(i+1)))
		inc, _, err := src.Commit(time.UnixMilli(int64(4 + i)))
		must(t, err)
		if _, err := Inspect(inc); err != nil {
			t.Fatalf("an increment refused: %v", err)
		}
	}
	dst, err := New("th_LONG", NewActorID())
	must(t, err)
	if changed, err := dst.MergeSnapshot(src.Save()); err != nil || !changed {
		t.Fatalf("long document with a counter: changed %v, err %v", changed, err)
	}
	if msgs, _ := dst.Thread().Messages(); len(msgs) != 500 {
		t.Fatalf("%d messages after merge", len(msgs))
	}
}
