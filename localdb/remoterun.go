package localdb

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"huddle/internal/model"
)

// remoteRun is one transaction of a remote apply in progress: the documents merged into
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

// apply merges the items of groups into their documents, one after the other, and stages
// every write in r.b with what r.quar holds (ApplyAll: a few changes to one document).
func (r *remoteRun) apply(ctx context.Context, groups []docItems) error {
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.touched = append(r.touched, g.id)
		m, err := r.db.mergeDoc(g.id, g.items, false)
		if err != nil {
			return err
		}
		if err := r.finishDoc(g, m); err != nil {
			return err
		}
	}
	return r.stageQuarantine()
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
	if m.ahead != nil {
		_, err := r.b.projectThread(m.ahead, e)
		return err
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
	db.parkedMu.Lock()
	for id, n := range r.parked {
		if db.parked[id] += n; db.parked[id] <= 0 {
			delete(db.parked, id)
		}
	}
	db.parkedMu.Unlock()
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
