package usecase

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// cappedStore commits a write only when it opened at most capacity documents, as localdb
// does with Badger's transaction limit.
type cappedStore struct {
	ports.Reader
	capacity int
	sizes    []int // documents opened by each committed write
}

func (s *cappedStore) Update(_ context.Context, _ time.Time, fn func(ports.Tx) error) error {
	tx := &countingTx{}
	if err := fn(tx); err != nil {
		return err
	}
	if tx.n > s.capacity {
		return model.Wrap(model.CodeInvalid, fmt.Errorf("%w: %d documents", ports.ErrTooBig, tx.n), "Too many at once.")
	}
	s.sizes = append(s.sizes, tx.n)
	return nil
}

type countingTx struct{ n int }

func (t *countingTx) Doc(string) (*crdt.Doc, error) { t.n++; return nil, nil }

func TestChunkTooBigForTheStoreIsTriedAgainInHalves(t *testing.T) {
	s := &cappedStore{capacity: 60}
	items := make([]int, 130)
	for i := range items {
		items[i] = i
	}
	out, err := InChunks(context.Background(), s, time.Time{}, items, func(tx ports.Tx, i int) (int, error) {
		_, err := tx.Doc("")
		return i * 10, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 130 || out[0] != 0 || out[129] != 1290 {
		t.Fatalf("results %v", out)
	}
	if !slices.Equal(s.sizes, []int{32, 32, 32, 32, 2}) { // 130 and 65 were too many

		t.Fatalf("committed writes of %v documents", s.sizes)
	}
}

func TestDrainRunsUntilAWriteHasLessThanItsLimitLeft(t *testing.T) {
	s := &cappedStore{capacity: 120}
	const work = 450
	writes := 0
	total, err := Drain(context.Background(), s, time.Time{}, func(tx ports.Tx, limit int) (int, error) {
		if writes++; writes > 20 {
			t.Fatal("Drain does not stop")
		}
		done := 0 // what committed writes did: the work left is found inside the write
		for _, n := range s.sizes {
			done += n
		}
		n := min(limit, work-done)
		for range n {
			if _, err := tx.Doc(""); err != nil {
				return 0, err
			}
		}
		return n, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total != work || !slices.Equal(s.sizes, []int{100, 100, 100, 100, 50}) { // 200 was too many
		t.Fatalf("changed %d in writes of %v", total, s.sizes)
	}
}

func TestPartlySaysWhatWasDoneAndKeepsTheCodeAndCause(t *testing.T) {
	cause := model.Wrap(model.CodeInvalid, ports.ErrTooBig, "Too many at once.")
	err := Partly(cause, "3 of 5 were done.")
	var e *model.Error
	if !errors.As(err, &e) || e.Code != model.CodeInvalid || e.Message != "3 of 5 were done. Too many at once." || !errors.Is(err, ports.ErrTooBig) {
		t.Fatalf("%#v", err)
	}
}
