package localdb

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"

	"huddle/internal/model"
)

// remoteRun is one remote apply in progress: one Badger transaction, the documents merged into
// (live documents that hold unsaved merges until commit), and what was set aside.
type remoteRun struct {
	db      *DB
	b       *batch
	touched []string
	quar    []quarItem
	parked  map[string]int // docID → change in its number of pend/ entries
	early   int            // changes of this call that came before their dependencies
	res     ApplyResult

	quarFirst, quarNext uint64 // the quarantine's key range once this run commits
}

func (db *DB) newRun() *remoteRun {
	return &remoteRun{db: db, b: db.newBatch(), parked: map[string]int{},
		quarFirst: db.quarFirst, quarNext: db.quarNext}
}

// apply merges the items of groups into their documents and stages every write in r.b, with
// what r.quar holds.
//
// It is a pipeline of three stages of about equal cost, so that a catch-up uses more than one
// core: one goroutine loads documents into the cache (replaying their stored changes), one
// merges the items into them (Automerge's work), and this one projects and stages each
// document. Each document is in one group, so no two stages touch the same document at once,
// and the run holds db.mu throughout, so no one else touches them.
func (r *remoteRun) apply(ctx context.Context, groups []docItems) error {
	for _, g := range groups {
		r.touched = append(r.touched, g.id) // evicted if the run fails, merged or not
	}
	loaded := make(chan struct{}, ahead)
	done := make(chan merged, ahead)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(loaded)
		for _, g := range groups {
			// Only warms the cache: mergeDoc loads the document again if it was evicted
			// since, and reports any error of loading it.
			_, _ = r.db.docLocked(g.id)
			select {
			case loaded <- struct{}{}:
			case <-stop:
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		defer close(done)
		for _, g := range groups {
			select {
			case <-loaded:
			case <-stop:
				return
			}
			m, err := r.db.mergeDoc(g.id, g.items, false)
			select {
			case done <- merged{g, m, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for next := range done {
		if next.err != nil {
			return next.err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.finishDoc(next.group, next.m); err != nil {
			return err
		}
	}
	return r.stageQuarantine()
}

// ahead is how many documents each stage of apply may run ahead of the next: enough to even
// out documents that take longer, and few enough that what the first stage loads is still
// cached (Options.DocCache) when the second needs it.
const ahead = 8

// merged is one document merged by apply's merging goroutine.
type merged struct {
	group docItems
	m     *docMerge
	err   error
}

// finishDoc projects a document that took g's items the quick way (all merged, then
// projected once) and stages what that means for the store. When the result does not read as
// a Huddle document, the items are merged again one at a time from the stored document,
// checking after each, so that only the culprits are set aside.
func (r *remoteRun) finishDoc(g docItems, m *docMerge) error {
	id := g.id
	if err := r.project(m); err != nil {
		var de *docError
		if !errors.As(err, &de) {
			return err
		}
		var err error
		if m, err = r.db.mergeDoc(id, g.items, true); err != nil {
			return err
		}
		if err := r.project(m); err != nil {
			// readable and project read the same things: this is a bug, not bad input.
			return model.Wrap(model.CodeInternal, err, "Huddle could not save what arrived for %s from the relay; "+
				"nothing was applied. Restart Huddle, and report it if it keeps happening.", id)
		}
	}
	return r.stage(m)
}

// project writes the read models of a document that gained something. Only document reads
// fail with a docError, and they come before any write (see docError).
func (r *remoteRun) project(m *docMerge) error {
	if len(m.accepted) == 0 {
		return nil
	}
	if ok, err := m.d.Exists(); err != nil || !ok {
		return unreadable(cmp.Or(err, errNotHuddle))
	}
	e := m.edits()
	if e != nil && m.d.Type() == model.DocThread {
		// Only the named messages are read back: the timeline itself must still be one.
		if err := m.d.Thread().CheckTimeline(); err != nil {
			return unreadable(err)
		}
	}
	_, err := r.b.project(m.d, e)
	return err
}

// stage writes what merging a document decided: its new changes or a fresh snapshot, its
// park, and its quarantine.
func (r *remoteRun) stage(m *docMerge) error {
	txn := r.b.txn
	if len(m.accepted) > 0 {
		var err error
		if m.tookSnapshot() {
			var meta docMeta
			if meta, err = readDocMeta(txn, m.id); err == nil {
				err = storeSnapshot(txn, m.d, meta)
			}
		} else {
			err = r.db.saveChanges(txn, m.d, m.changes())
		}
		if err != nil {
			return err
		}
		r.res.Changed = append(r.res.Changed, m.id)
	}
	for _, c := range m.queue {
		switch {
		case c.parked && c.done:
			if err := txn.Delete(keyParked(m.id, c.info.Hash)); err != nil {
				return err
			}
			r.parked[m.id]--
		case !c.parked && !c.done:
			if err := txn.Set(keyParked(m.id, c.info.Hash), encodeParked(c.Seq, c.Data)); err != nil {
				return err
			}
			r.parked[m.id]++
		}
	}
	waiting, early := m.waitingOwn()
	r.res.Parked += waiting
	r.early += early
	r.quar = append(r.quar, m.quarantined...)
	return nil
}

// commit commits the run, then brings the store's memory in line and tells subscribers.
func (r *remoteRun) commit() error {
	db := r.db
	if err := db.commitBatch(r.b); err != nil {
		return err
	}
	for id, n := range r.parked {
		if db.parked[id] += n; db.parked[id] <= 0 {
			delete(db.parked, id)
		}
	}
	db.quarFirst, db.quarNext = r.quarFirst, r.quarNext
	for _, q := range r.quar {
		db.log.Warn("set aside an item from the relay", "doc", q.DocID, "seq", q.Seq, "kind", q.Kind.String(), "reason", q.Reason)
	}
	if len(r.res.Changed) > 0 {
		db.hub.publish(model.Change{DocIDs: slices.Clone(r.res.Changed), Remote: true})
	}
	return nil
}

// discard drops the run: nothing it staged is written, and the documents it merged into are
// evicted, since they may hold merges that were never stored.
func (r *remoteRun) discard() {
	r.b.txn.Discard()
	r.db.evictLocked(r.touched)
}
