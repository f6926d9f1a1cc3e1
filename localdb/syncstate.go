package localdb

import (
	"bytes"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// SyncCursor is where this device is in the relay's stream.
type SyncCursor struct {
	Stream string // which relay stream: an identity the sync layer chooses
	Seq    uint64 // the last stream sequence applied
}

func encodeSyncCursor(c SyncCursor) []byte { return append(appendU64(nil, c.Seq), c.Stream...) }

func decodeSyncCursor(b []byte) SyncCursor {
	if len(b) < 8 {
		return SyncCursor{}
	}
	return SyncCursor{Seq: u64(b), Stream: string(b[8:])}
}

// SyncCursor returns the stored sync cursor; the zero cursor before anything was synced.
func (db *DB) SyncCursor() (SyncCursor, error) {
	db.acquire()
	defer db.mu.Unlock()
	return db.cursor, db.checkOpen()
}

// ResetSyncCursor starts reading a new relay stream from its beginning: the cursor becomes
// {stream, 0}. Documents and parked changes stay as they are; what the new stream repeats is
// merged as a duplicate.
func (db *DB) ResetSyncCursor(stream string) error {
	db.acquire()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return err
	}
	if stream == "" {
		return model.Errorf(model.CodeInvalid, "Huddle cannot follow a relay stream without a name; the sync position was not changed.")
	}
	c := SyncCursor{Stream: stream}
	err := db.bdb.Update(func(txn *badger.Txn) error { return txn.Set(keySync, encodeSyncCursor(c)) })
	if err != nil {
		return storeError(err)
	}
	db.cursor = c
	return nil
}

// loadSyncState reads at Open what the store keeps in memory of sync: the cursor, how many
// changes each document has parked, and the quarantine's key range.
func (db *DB) loadSyncState(txn *badger.Txn) error {
	raw, err := getValue(txn, keySync)
	if err != nil {
		return err
	}
	db.cursor = decodeSyncCursor(raw)
	db.parked = map[string]int{}
	p := []byte(prefixParked)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		k := it.Item().Key()[len(p):]
		if i := bytes.IndexByte(k, 0); i >= 0 {
			db.parked[string(k[:i])]++
		}
	}
	it.Close()
	db.quarFirst, db.quarNext = quarantineRange(txn)
	return nil
}

// Parked changes: the stream sequence they came with (u64), then the change bytes.

func encodeParked(seq uint64, change []byte) []byte { return append(appendU64(nil, seq), change...) }

// parkedChangesLocked returns the changes document id has parked. Callers hold db.mu.
func (db *DB) parkedChangesLocked(id string) ([]*candidate, error) {
	db.parkedMu.Lock()
	n := db.parked[id]
	db.parkedMu.Unlock()
	if n == 0 {
		return nil, nil // the usual case costs no scan
	}
	var out []*candidate
	p := prefixParkedOf(id)
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: p})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if len(v) < 8 {
				return fmt.Errorf("parked change %q: %w", it.Item().Key(), errBadRow)
			}
			info, err := crdt.Inspect(v[8:])
			if err != nil {
				return fmt.Errorf("parked change %q: %w: %w", it.Item().Key(), errBadRow, err)
			}
			out = append(out, &candidate{RemoteItem: RemoteItem{Seq: u64(v), Kind: RemoteChange, DocID: id, Data: v[8:]},
				info: info, parked: true})
		}
		return nil
	})
	return out, storeError(err)
}

// ParkedLen returns how many remote changes wait for their dependencies.
func (db *DB) ParkedLen() (int, error) {
	db.acquire()
	defer db.mu.Unlock()
	n := 0
	for _, k := range db.parked {
		n += k
	}
	return n, db.checkOpen()
}

// Snapshot is one document's full state, as a compacting or re-seeding device publishes it.
type Snapshot struct {
	DocID   string
	Type    model.DocType
	BrandID string // "" for the workspace document
	Data    []byte // Automerge Save
	Cursor  SyncCursor
	// Parked is true when the document has changes waiting for dependencies. The relay may
	// hold what they wait for, so such a snapshot must not be used to purge the relay.
	Parked bool
	// Quarantined is true when a change of the document from the relay was set aside (and is
	// still listed): it may be one a newer Huddle can read, so it must not be purged either.
	Quarantined bool
}

// Snapshot returns a document's full state with the sync cursor it is consistent with: it is
// taken under the store lock, so it holds every change the store applied up to Cursor.Seq.
// A document this device does not have fails with CodeNotFound.
func (db *DB) Snapshot(docID string) (Snapshot, error) {
	db.acquire()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return Snapshot{}, err
	}
	d, err := db.docLocked(docID)
	if err != nil {
		return Snapshot{}, err
	}
	if ok, err := d.Exists(); err != nil || !ok {
		return Snapshot{}, model.Wrap(model.CodeNotFound, err, "%s is not on this device, so there is nothing to share.", docID)
	}
	brand, err := db.brandOf(docID)
	if err != nil {
		return Snapshot{}, err
	}
	held, err := db.quarantinedChangeOf(docID)
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{DocID: docID, Type: d.Type(), BrandID: brand, Data: d.Save(), Cursor: db.cursor,
		Parked: db.parked[docID] > 0, Quarantined: held}, nil
}

// quarantinedChangeOf reports whether the kept quarantine lists a change of docID. The list
// holds at most quarantineKeep entries, so reading it is cheap next to saving a snapshot.
func (db *DB) quarantinedChangeOf(docID string) (bool, error) {
	if db.quarNext == db.quarFirst {
		return false, nil
	}
	qs, err := db.Quarantine(0)
	for _, q := range qs {
		if q.DocID == docID && q.Kind == RemoteChange {
			return true, nil
		}
	}
	return false, err
}

// brandOf returns the brand of a document from its read-model row.
func (db *DB) brandOf(docID string) (string, error) {
	var brand string
	var err error
	switch model.TypeOf(docID) {
	case model.DocThread:
		var th model.Thread
		err = db.getRow(keyThread(docID), &th, "This conversation is not on this device.")
		brand = th.BrandID
	case model.DocClient:
		var cl model.Client
		err = db.getRow(keyClient(docID), &cl, "This client is not on this device.")
		brand = cl.BrandID
	case model.DocTask:
		var tk model.Task
		err = db.getRow(keyTask(docID), &tk, "This task is not on this device.")
		brand = tk.BrandID
	}
	return brand, err
}
