package usecase

import (
	"context"
	"errors"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// ChunkSize is the most documents one write of bulk work changes. A store commits only so much
// in one transaction (localdb: some 700 thread documents with their read models); 200 leaves
// room for threads whose snapshots are large.
const ChunkSize = 200

// InChunks calls write for each item inside store writes of at most ChunkSize items, and
// returns what write returned for the items whose write committed, in order. A chunk the
// store finds too big (ports.ErrTooBig) is tried again in halves. Each chunk commits on its
// own: when one fails, the chunks before it stay, so write must be safe to repeat (an item
// that is already done is a no-op), and running the whole use case again finishes the work.
func InChunks[T, R any](ctx context.Context, store ports.Store, at time.Time, items []T, write func(tx ports.Tx, item T) (R, error)) ([]R, error) {
	out := make([]R, 0, len(items))
	size := ChunkSize
	for len(items) > 0 {
		n := min(size, len(items))
		var rs []R
		err := store.Update(ctx, at, func(tx ports.Tx) error {
			rs = rs[:0]
			for _, it := range items[:n] {
				r, err := write(tx, it)
				if err != nil {
					return err
				}
				rs = append(rs, r)
			}
			return nil
		})
		if errors.Is(err, ports.ErrTooBig) && n > 1 {
			size = n / 2
			continue
		}
		if err != nil {
			return out, StoreErr(err)
		}
		out = append(out, rs...)
		items = items[n:]
	}
	return out, nil
}

// Drain runs write as one store write after another until a write changes fewer than limit
// documents, and returns how many they changed in all. write finds its work inside the write,
// from the read models as the last commit left them, so work another write added meanwhile is
// found too; it changes at most limit documents (ChunkSize, halved after a write the store
// found too big) and returns how many it changed. It must count only real changes — skipping
// what is already done, which inside a Batch the read models do not show yet — so that every
// write that asks for another makes progress. As with InChunks, committed writes stay when a
// later one fails, and running the use case again finishes the work.
func Drain(ctx context.Context, store ports.Store, at time.Time, write func(tx ports.Tx, limit int) (changed int, err error)) (int, error) {
	total, limit := 0, ChunkSize
	for {
		n := 0
		err := store.Update(ctx, at, func(tx ports.Tx) error {
			var err error
			n, err = write(tx, limit)
			return err
		})
		if errors.Is(err, ports.ErrTooBig) && limit > 1 {
			limit /= 2
			continue
		}
		if err != nil {
			return total, StoreErr(err)
		}
		total += n
		if n < limit {
			return total, nil
		}
	}
}

// Partly puts what was already done before the sentence of err, keeping its code: bulk work
// commits chunk by chunk, so when a chunk fails the person must learn that the work is half
// done, and how to finish it. done is a whole sentence.
func Partly(err error, done string) error {
	var e *model.Error
	if !errors.As(StoreErr(err), &e) {
		return err
	}
	return &model.Error{Code: e.Code, Message: done + " " + e.Message, Err: e.Err}
}

// Walk pages through a list and calls change with each row until change has changed limit
// documents, and returns how many it changed: the loop of a Drain write. page returns the rows
// after a cursor ("" for the first page) and the next cursor ("" after the last page); change
// reports whether it changed the row's document.
func Walk[T any](limit int, page func(cursor string) ([]T, string, error), change func(row T) (bool, error)) (int, error) {
	n, cursor := 0, ""
	for {
		rows, next, err := page(cursor)
		if err != nil {
			return n, StoreErr(err)
		}
		for _, row := range rows {
			changed, err := change(row)
			if err != nil {
				return n, err
			}
			if changed {
				if n++; n == limit {
					return n, nil
				}
			}
		}
		if next == "" || len(rows) == 0 {
			return n, nil
		}
		cursor = next
	}
}

// pageSize is how many rows one read-model page asks for when a use case walks a list.
const pageSize = 200

// ThreadPages pages through the threads q selects, for Walk.
func ThreadPages(r ports.Reader, q model.ThreadQuery) func(cursor string) ([]model.Thread, string, error) {
	q.Limit = pageSize
	return func(cursor string) ([]model.Thread, string, error) {
		q.Cursor = cursor
		p, err := r.Threads(q)
		return p.Threads, p.Next, err
	}
}

// TaskPages pages through the tasks q selects, for Walk.
func TaskPages(r ports.Reader, q model.TaskQuery) func(cursor string) ([]model.Task, string, error) {
	q.Limit = pageSize
	return func(cursor string) ([]model.Task, string, error) {
		q.Cursor = cursor
		p, err := r.Tasks(q)
		return p.Tasks, p.Next, err
	}
}
