package localdb

import (
	"context"
	"errors"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// tx is the ports.Tx of one Update: the documents fn opened, in the order it opened them.
type tx struct {
	db    *DB
	docs  map[string]*crdt.Doc
	order []string
}

func (t *tx) Doc(id string) (*crdt.Doc, error) {
	if d, ok := t.docs[id]; ok {
		return d, nil
	}
	d, err := t.db.docLocked(id)
	if err != nil {
		return nil, err
	}
	t.docs[id] = d
	t.order = append(t.order, id)
	return d, nil
}

// acquire takes the store's lock (mu), counted while it waits (see DB.waiting).
func (db *DB) acquire() {
	db.waiting.Add(1)
	db.mu.Lock()
	db.waiting.Add(-1)
}

// evict drops the documents from the cache: they hold operations that were never stored, and
// the next use must reload them from what is.
func (db *DB) evictLocked(ids []string) {
	for _, id := range ids {
		db.docs.Remove(id)
	}
}

// Update runs fn as one local write (see ports.Tx). Each document fn changed becomes one
// Automerge change stamped at; the changes, the read models they imply and one outbox entry
// per change are committed in one transaction before Update returns nil. When fn or the commit
// fails nothing is written and the documents are as before.
func (db *DB) Update(ctx context.Context, at time.Time, fn func(ports.Tx) error) error {
	db.acquire()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := db.checkSpace(); err != nil {
		return err
	}
	t := &tx{db: db, docs: map[string]*crdt.Doc{}}
	if err := fn(t); err != nil {
		db.evictLocked(t.order)
		return err
	}
	changed, err := db.commitDocs(ctx, t, at)
	if err != nil {
		db.evictLocked(t.order)
		return err
	}
	if len(changed) > 0 {
		db.hub.publish(model.Change{DocIDs: changed})
	}
	return nil
}

type committed struct {
	doc     *crdt.Doc
	change  []byte
	touched []string
	moved   map[string]int64
}

func (db *DB) commitDocs(ctx context.Context, t *tx, at time.Time) ([]string, error) {
	var cs []committed
	for _, id := range t.order {
		d := t.docs[id]
		moved := d.Moved() // Commit forgets it
		change, touched, err := d.Commit(at)
		if errors.Is(err, crdt.ErrNoChange) {
			continue
		}
		if err != nil {
			return nil, model.Wrap(model.CodeInternal, err, "Huddle could not record the change to %s. Nothing was saved; try again.", id)
		}
		if err := db.checkCreated(d); err != nil {
			return nil, err
		}
		cs = append(cs, committed{d, change, touched, moved})
	}
	if len(cs) == 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := db.newBatch()
	defer b.txn.Discard()
	ids := make([]string, 0, len(cs))
	for _, c := range cs {
		if err := db.saveChange(b.txn, c.doc, c.change); err != nil {
			return nil, storeError(err)
		}
		brand, err := b.project(c.doc, &edits{messages: c.touched, moved: c.moved})
		if err != nil {
			return nil, storeError(err)
		}
		if err := b.addOutbox(c.doc, brand, c.change, at); err != nil {
			return nil, storeError(err)
		}
		ids = append(ids, c.doc.ID())
	}
	if err := db.commitBatch(b); err != nil {
		return nil, err
	}
	return ids, nil
}

// checkCreated refuses a local change to a document that was never created here. Such a
// change has no header, so nothing would project it; and when the real document arrives from
// another device, this change would merge into it as a concurrent edit — a "deleted" flag
// written here could bring back, or take away, what the other device decided. A use case that
// writes one has skipped its existence check: that is a bug, so it is logged as one, and the
// person gets a sentence without the detail.
func (db *DB) checkCreated(d *crdt.Doc) error {
	ok, err := d.Exists()
	if err == nil && ok {
		return nil
	}
	db.log.Error("refused a local write to a document this device does not have (or cannot read); the use case must check Exists before writing",
		"doc", d.ID(), "err", err)
	return model.Errorf(model.CodeInternal, "Huddle refused to save a change to something that is not on this computer yet. Nothing was changed; try again once this device has synced.")
}

// commitBatch commits b and then brings the in-memory state in line with it.
func (db *DB) commitBatch(b *batch) error {
	if err := b.finish(); err != nil {
		return storeError(err)
	}
	if err := b.txn.Commit(); err != nil {
		// A failed commit may still have reached the log: trust no remembered sum.
		db.sums.Purge()
		return storeError(err)
	}
	for k, n := range b.sums {
		db.sums.Add(k, n)
	}
	db.outSeq = b.seq
	db.arrivalSeq += uint64(b.arrivals)
	if b.newWS != nil {
		db.ws.Store(b.newWS)
	}
	if b.stale {
		// The write is already durable with the stale mark; a failed rebuild is retried on
		// the next membership change or the next Open, so it is logged, not returned.
		if err := db.rebuildCountersIfStaleLocked(); err != nil {
			db.log.Warn("rebuild view counters", "err", err)
		}
	}
	return nil
}

// Apply merges a change made on another device into docID. Malformed bytes are rejected with
// CodeInvalid and nothing is written; a change the document already has is ignored. A change
// whose dependencies have not arrived is refused with CodeConflict: changes must be delivered
// in causal order. No outbox entry is written; subscribers see Change{Remote: true}.
func (db *DB) Apply(ctx context.Context, docID string, change []byte) error {
	return db.ApplyAll(ctx, docID, [][]byte{change})
}

// ApplyAll merges several changes to one document, in order, as Apply does, but re-reads the
// document into the read models once: Automerge has no patch API, so every merge re-reads the
// whole timeline of a thread, and a catch-up should pay that once per document, not once per
// change. It is all or nothing: when any change is malformed or arrives before its
// dependencies, nothing is written. The changes share one Badger transaction, so keep a batch
// to a few hundred changes. It is ApplyRemote without a cursor, strict where that one parks
// and quarantines.
func (db *DB) ApplyAll(ctx context.Context, docID string, changes [][]byte) error {
	items := make([]RemoteItem, len(changes))
	for i, c := range changes {
		items[i] = RemoteItem{Kind: RemoteChange, DocID: docID, Data: c}
	}
	db.acquire()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := db.checkSpace(); err != nil {
		return err
	}
	r := db.newRun()
	groups, bad := groupByDoc(items)
	r.quar = bad
	err := r.apply(ctx, groups)
	if err == nil {
		err = strictResult(docID, r)
	}
	if err == nil {
		err = r.commit()
	}
	if err != nil {
		r.discard()
		return storeError(err)
	}
	return nil
}

// strictResult turns what ApplyRemote would park or set aside into Apply's refusals.
func strictResult(docID string, r *remoteRun) error {
	for _, q := range r.quar {
		if q.own {
			return model.Errorf(model.CodeInvalid, "A change received for %s is damaged or not a Huddle document, and was ignored (%s).",
				docID, q.Reason)
		}
	}
	if r.early > 0 {
		return model.Errorf(model.CodeConflict, "A change for %s arrived before the changes it builds on; it will be applied once they arrive.", docID)
	}
	return nil
}
