package localdb

import (
	"bytes"
	"encoding/binary"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// batch is one write transaction in progress: rows are written as they are projected, while
// index-size and view-counter deltas are summed and applied once at the end, since many rows
// of one write often move the same counters.
type batch struct {
	db       *DB
	txn      *badger.Txn
	ws       *wsState                          // the workspace the counters currently reflect
	newWS    *wsState                          // set when this batch rewrote the workspace row
	stale    bool                              // the counters must be rebuilt after commit
	ixN      map[string]int64                  // index prefix → entry count delta
	counters map[string]int64                  // counter key → delta
	sums     map[string]int64                  // ixn/ and cnt/ key → value this batch writes, for db.sums
	seq      uint64                            // last outbox sequence handed out in this batch
	placed   map[string]map[string]threadPlace // client → thread → where this batch put it (tags.go)
	born     []model.Message                   // entries of the thread being projected that got their first row
	arrivals int                               // notifications queued by this batch (notify.go)
}

func (db *DB) newBatch() *batch {
	return &batch{db: db, txn: db.bdb.NewTransaction(true), ws: db.workspace(),
		ixN: map[string]int64{}, counters: map[string]int64{}, sums: map[string]int64{}, seq: db.outSeq}
}

// edits names the messages of a thread a write changed, so its projection re-reads those
// alone: Automerge has no patch API, and re-reading a whole timeline is what a write would
// otherwise cost.
type edits struct {
	messages []string
	// was holds, for a merge, the creation time each named message had before it: one
	// message created on two devices at once keeps one creation time, which moves its row. A
	// named message not in was is new and has no row yet. Nil (a local write, or a document
	// that could not be read before the merge) says nothing.
	was map[string]int64
	// moved holds, for a local write that changed messages' creation times (a scheduled
	// reply rescheduled or sent), the time each had before: where its old row is.
	moved map[string]int64
}

// project rewrites the read models of d. For a thread, e names the messages that changed; nil
// re-reads every message (after merging something that does not say what it changed). It
// returns the brand the document belongs to ("" for the workspace).
func (b *batch) project(d *crdt.Doc, e *edits) (brand string, err error) {
	exists, err := d.Exists()
	if err != nil || !exists {
		return "", unreadable(err)
	}
	switch d.Type() {
	case model.DocThread:
		return b.projectThread(d.Thread(), e)
	case model.DocClient:
		return b.projectClient(d)
	case model.DocTask:
		tk, err := d.Task().Row()
		if err != nil {
			return "", unreadable(err)
		}
		if err := putRow(b, keyTask(tk.ID), &tk, taskEntries, nil); err != nil {
			return "", err
		}
		return tk.BrandID, nil
	case model.DocWorkspace:
		return "", b.projectWorkspace(d)
	case model.DocMember:
		s, err := d.Member().Row()
		if err != nil {
			return "", unreadable(err)
		}
		return "", b.projectMember(&s)
	}
	return "", nil
}

// docError is a failure to read a document, as opposed to a failure of the store. Every read
// of a document in a projection comes before the projection writes anything, so a remote
// change that leaves its document unreadable can be set aside (remote.go) while the rest of
// the transaction goes on; a store failure fails the whole transaction.
type docError struct{ err error }

func (e *docError) Error() string { return e.err.Error() }
func (e *docError) Unwrap() error { return e.err }

func unreadable(err error) error {
	if err == nil {
		return nil
	}
	return &docError{err}
}

// putRow writes row at key unless it is unchanged, and moves its index entries and, when
// search is set, its search keys.
func putRow[T any](b *batch, key []byte, row *T, entries func(*T) []ixEntry, search func(*T) []string) error {
	raw, err := getValue(b.txn, key)
	if err != nil {
		return err
	}
	enc, err := encodeRow(row)
	if err != nil {
		return err
	}
	if bytes.Equal(raw, enc) {
		return nil
	}
	var old *T
	if raw != nil {
		old = new(T)
		if err := decodeRow(raw, old); err != nil {
			return err
		}
	}
	if err := b.txn.Set(key, enc); err != nil {
		return err
	}
	if search != nil {
		if err := b.moveSearch(search(old), search(row)); err != nil {
			return err
		}
	}
	return b.moveEntries(entries(old), entries(row))
}

// moveEntries deletes old − new and adds new − old.
func (b *batch) moveEntries(old, new []ixEntry) error {
	in := func(xs []ixEntry, e ixEntry) bool {
		for _, x := range xs {
			if x == e {
				return true
			}
		}
		return false
	}
	for _, e := range old {
		if !in(new, e) {
			if err := b.txn.Delete([]byte(e.prefix + e.sort)); err != nil {
				return err
			}
			b.ixN[e.prefix]--
		}
	}
	for _, e := range new {
		if !in(old, e) {
			if err := b.txn.Set([]byte(e.prefix+e.sort), nil); err != nil {
				return err
			}
			b.ixN[e.prefix]++
		}
	}
	return nil
}

func (b *batch) moveCounters(old, new []string) {
	for _, k := range old {
		b.counters[k]--
	}
	for _, k := range new {
		b.counters[k]++
	}
}

func (b *batch) projectWorkspace(d *crdt.Doc) error {
	ws, err := d.Workspace().Row()
	if err != nil {
		return unreadable(err)
	}
	raw, err := encodeRow(ws)
	if err != nil {
		return err
	}
	if b.ws != nil && bytes.Equal(raw, b.ws.raw) {
		return nil
	}
	st, err := newWSState(raw)
	if err != nil {
		return err
	}
	if err := b.txn.Set(keyWorkspace, raw); err != nil {
		return err
	}
	b.newWS = st
	if b.ws == nil || b.ws.access != st.access {
		b.stale = true
		return b.txn.Set(keyStale, []byte{1})
	}
	return nil
}

// finish applies the summed deltas. Counters are skipped when a rebuild will replace them.
func (b *batch) finish() error {
	if b.arrivals > 0 {
		if err := b.txn.Set(keyArrivalSeq, appendU64(nil, b.db.arrivalSeq+uint64(b.arrivals))); err != nil {
			return err
		}
	}
	if err := b.addDeltas(b.ixN, func(k string) []byte { return keyIndexCount(k) }); err != nil {
		return err
	}
	if b.stale {
		return nil
	}
	return b.addDeltas(b.counters, func(k string) []byte { return []byte(k) })
}

// addDeltas adds each delta to the value stored at its key, taking the committed value from
// db.sums when it is there: a reopened thread moves some forty of these keys, and reading each
// back from Badger (a table seek once it has left the memtable) was a fifth of a write's CPU.
func (b *batch) addDeltas(deltas map[string]int64, key func(string) []byte) error {
	for k, d := range deltas {
		if d == 0 {
			continue
		}
		kk := key(k)
		n, ok := b.db.sums.Get(string(kk))
		if !ok {
			raw, err := getValue(b.txn, kk)
			if err != nil {
				return err
			}
			n = int64(u64(raw))
		}
		n = max(0, n+d)
		var err error
		if n == 0 {
			err = b.txn.Delete(kk)
		} else {
			err = b.txn.Set(kk, binary.BigEndian.AppendUint64(nil, uint64(n)))
		}
		if err != nil {
			return err
		}
		b.sums[string(kk)] = n
	}
	return nil
}
