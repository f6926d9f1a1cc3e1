package crdt

import (
	"crypto/sha256"
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
