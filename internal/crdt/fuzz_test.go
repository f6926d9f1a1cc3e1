package crdt

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"testing"
	"time"

	"huddle/internal/model"
)

// FuzzInspect feeds arbitrary bytes to Inspect and Apply: bytes from the relay must never
// crash the app, and Apply must refuse whatever Inspect refuses.
func FuzzInspect(f *testing.F) {
	d, err := New("th_FUZZ", NewActorID())
	if err != nil {
		f.Fatal(err)
	}
	if err := d.Thread().Create(model.Thread{BrandID: "br_1", Channel: model.ChannelChat, CreatedAt: 1}); err != nil {
		f.Fatal(err)
	}
	first, _, err := d.Commit(time.UnixMilli(1))
	if err != nil {
		f.Fatal(err)
	}
	if err := d.Thread().AddMessage(model.Message{ID: "m1", Kind: model.KindNote, Body: "hi", CreatedAt: 2}); err != nil {
		f.Fatal(err)
	}
	second, _, err := d.Commit(time.UnixMilli(2))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(first)
	f.Add(second)
	f.Add([]byte{})
	f.Add([]byte("garbage"))
	f.Add(append(append([]byte(nil), changeMagic...), 0, 0, 0, 0, 1, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, inspectErr := Inspect(b)
		fresh, err := New("th_FUZZ", NewActorID())
		if err != nil {
			t.Fatal(err)
		}
		applyErr := fresh.Apply(b)
		if inspectErr != nil && applyErr == nil {
			t.Fatalf("Apply accepted bytes Inspect rejected: %v", inspectErr)
		}
		if applyErr == nil {
			// Whatever was accepted must leave a document that can still be read and saved.
			_, _ = fresh.Exists()
			_ = fresh.Save()
		}
	})
}

// FuzzApplyChecksummed fuzzes what lies behind a valid checksum, which random bytes almost
// never reach: the chunk body Automerge itself parses.
func FuzzApplyChecksummed(f *testing.F) {
	d, err := New("th_FUZZ", NewActorID())
	if err != nil {
		f.Fatal(err)
	}
	if err := d.Thread().Create(model.Thread{BrandID: "br_1", Channel: model.ChannelChat, CreatedAt: 1}); err != nil {
		f.Fatal(err)
	}
	first, _, err := d.Commit(time.UnixMilli(1))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(first[8:])
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		b := append(append(append([]byte(nil), changeMagic...), sum[:4]...), body...)
		_, inspectErr := Inspect(b)
		fresh, err := New("th_FUZZ", NewActorID())
		if err != nil {
			t.Fatal(err)
		}
		if applyErr := fresh.Apply(b); inspectErr != nil && applyErr == nil {
			t.Fatalf("Apply accepted bytes Inspect rejected: %v", inspectErr)
		}
		_, _ = fresh.Exists()
	})
}

// FuzzMergeSnapshot feeds arbitrary bytes to MergeSnapshot: a snapshot from the relay must never
// crash the app, and one that is refused must leave the document as it was.
func FuzzMergeSnapshot(f *testing.F) {
	src := fuzzThread(f)
	snap := src.Save()
	f.Add(snap)
	f.Add(snap[:len(snap)-1])
	f.Add([]byte{})
	f.Add([]byte("garbage"))
	f.Add(append(append([]byte(nil), changeMagic...), 0, 0, 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) { mergeFuzzed(t, b) })
}

// FuzzMergeSnapshotChecksummed fuzzes what lies behind a valid document chunk header, which
// random bytes almost never reach: the columns Automerge itself parses.
func FuzzMergeSnapshotChecksummed(f *testing.F) {
	snap := fuzzThread(f).Save()
	_, k := binary.Uvarint(snap[9:])
	f.Add(snap[9+k:])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		b := append([]byte{chunkTypeDocument}, binary.AppendUvarint(nil, uint64(len(body)))...)
		b = append(b, body...)
		sum := sha256.Sum256(b)
		mergeFuzzed(t, append(append(append([]byte(nil), changeMagic...), sum[:4]...), b...))
	})
}

// fuzzThread returns a created thread with one message.
func fuzzThread(f testing.TB) *Doc {
	d, err := New("th_FUZZ", NewActorID())
	if err != nil {
		f.Fatal(err)
	}
	if err := d.Thread().Create(model.Thread{BrandID: "br_1", Channel: model.ChannelChat, CreatedAt: 1}); err != nil {
		f.Fatal(err)
	}
	if err := d.Thread().AddMessage(model.Message{ID: "m1", Kind: model.KindNote, Body: "hi", CreatedAt: 2}); err != nil {
		f.Fatal(err)
	}
	if _, _, err := d.Commit(time.UnixMilli(1)); err != nil {
		f.Fatal(err)
	}
	return d
}

func mergeFuzzed(t *testing.T, b []byte) {
	d, err := New("th_FUZZ", NewActorID())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Thread().Create(model.Thread{BrandID: "br_2", Channel: model.ChannelSMS, CreatedAt: 5}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Commit(time.UnixMilli(5)); err != nil {
		t.Fatal(err)
	}
	heads := d.Heads()
	if _, err := d.MergeSnapshot(b); err != nil {
		if !slices.Equal(heads, d.Heads()) {
			t.Fatalf("refused snapshot changed the document: %v", err)
		}
		return
	}
	// Whatever was accepted must leave a document that can still be read and saved.
	_, _ = d.Exists()
	_, _ = d.Thread().Summary()
	_, _ = d.Thread().Messages()
	_ = d.Save()
}

// FuzzApplyChangeBody fuzzes the body of a change chunk with its length and checksum made
// right, so that Inspect passes and Automerge parses the operation columns.
func FuzzApplyChangeBody(f *testing.F) {
	d := fuzzThread(f)
	first, err := d.am.Change(d.am.Heads()[0])
	if err != nil {
		f.Fatal(err)
	}
	c := first.Save()
	_, k := binary.Uvarint(c[9:])
	f.Add(c[9+k:])
	f.Fuzz(func(t *testing.T, body []byte) {
		b := append([]byte{chunkTypeChange}, binary.AppendUvarint(nil, uint64(len(body)))...)
		b = append(b, body...)
		sum := sha256.Sum256(b)
		b = append(append(append([]byte(nil), changeMagic...), sum[:4]...), b...)
		fresh, err := New("th_FUZZ", NewActorID())
		if err != nil {
			t.Fatal(err)
		}
		// Into an empty document, and into one with content of its own.
		for _, d := range []*Doc{fresh, fuzzThread(t)} {
			if err := d.Apply(b); err == nil {
				_, _ = d.Exists()
				_, _ = d.Thread().Summary()
				_, _ = d.Thread().Messages()
				_ = d.Save()
			}
		}
	})
}
