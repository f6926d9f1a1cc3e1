package localdb

import (
	"encoding/binary"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// docMeta is the bookkeeping of one stored document: the changes kept since its snapshot have
// the sequence numbers [next-since, next).
type docMeta struct {
	next  uint64
	since uint32
}

func decodeDocMeta(b []byte) docMeta {
	if len(b) < 12 {
		return docMeta{}
	}
	return docMeta{next: binary.BigEndian.Uint64(b), since: binary.BigEndian.Uint32(b[8:])}
}

func (m docMeta) encode() []byte {
	b := binary.BigEndian.AppendUint64(nil, m.next)
	return binary.BigEndian.AppendUint32(b, m.since)
}

// docLocked returns the live document id, from the cache or rebuilt from its snapshot and
// changes; an empty document when it was never stored. Callers hold db.mu.
func (db *DB) docLocked(id string) (*crdt.Doc, error) {
	if model.TypeOf(id) == "" {
		return nil, model.Errorf(model.CodeInvalid, "%q is not the ID of a Huddle document.", id)
	}
	if d, ok := db.docs.Get(id); ok {
		return d, nil
	}
	var snap []byte
	var changes [][]byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		raw, err := getValue(txn, keyDocMeta(id))
		if err != nil || raw == nil {
			return err // no meta: never stored (every stored change writes it)
		}
		m := decodeDocMeta(raw)
		// Only a compaction writes a snapshot, and it leaves next ahead of since for good.
		if m.next > uint64(m.since) {
			if snap, err = getValue(txn, keySnapshot(id)); err != nil {
				return err
			}
		}
		changes, err = readChanges(txn, id, m)
		return err
	})
	if err != nil {
		return nil, storeError(err)
	}
	var d *crdt.Doc
	if snap == nil && len(changes) == 0 {
		d, err = crdt.New(id, db.device)
	} else {
		d, err = crdt.Load(id, db.device, snap, changes)
	}
	if err != nil {
		return nil, model.Wrap(model.CodeCorrupt, err, "Huddle cannot read the stored document %s. "+
			"Restore the data folder from a backup, or sync this device again.", id)
	}
	db.docs.Add(id, d)
	return d, nil
}

// pointReads is how many changes readChanges reads key by key before it scans instead.
const pointReads = 16

// readChanges returns the changes stored since the snapshot, in order. Few changes are read
// with point reads: a prefix scan seeks in every table whose key range covers the prefix (all
// level-0 tables and one per level), loading a block from each, where a point read skips the
// tables whose Bloom filter says the key is not there. Most documents have one or two changes.
func readChanges(txn *badger.Txn, id string, m docMeta) ([][]byte, error) {
	if m.since > pointReads || uint64(m.since) > m.next {
		return scanChanges(txn, id)
	}
	out := make([][]byte, 0, m.since)
	for seq := m.next - uint64(m.since); seq < m.next; seq++ {
		v, err := getValue(txn, keyChange(id, seq))
		if err != nil {
			return nil, err
		}
		if v == nil { // not where the meta says: take whatever is stored
			return scanChanges(txn, id)
		}
		out = append(out, v)
	}
	return out, nil
}

func scanChanges(txn *badger.Txn, id string) ([][]byte, error) {
	p := prefixChanges(id)
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: p})
	defer it.Close()
	var out [][]byte
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// saveChange stores a change of d that d already contains.
func (db *DB) saveChange(txn *badger.Txn, d *crdt.Doc, change []byte) error {
	return db.saveChanges(txn, d, [][]byte{change})
}

// saveChanges stores changes of d that d already contains, in the order d took them. Once the
// changes since the snapshot would exceed CompactEvery, a new snapshot replaces them in the
// same transaction, so a crash leaves either the old snapshot with all its changes or the new
// one.
func (db *DB) saveChanges(txn *badger.Txn, d *crdt.Doc, changes [][]byte) error {
	m, err := readDocMeta(txn, d.ID())
	if err != nil || len(changes) == 0 {
		return err
	}
	if int(m.since)+len(changes) > db.opts.CompactEvery {
		return storeSnapshot(txn, d, m)
	}
	for _, c := range changes {
		if err := txn.Set(keyChange(d.ID(), m.next), c); err != nil {
			return err
		}
		m.since++
		m.next++
	}
	return txn.Set(keyDocMeta(d.ID()), m.encode())
}

// storeSnapshot replaces the stored snapshot and changes of d (whose meta is m) with a snapshot
// of d as it is now. Leaving next ahead of since is what tells docLocked a snapshot exists.
func storeSnapshot(txn *badger.Txn, d *crdt.Doc, m docMeta) error {
	if err := txn.Set(keySnapshot(d.ID()), d.Save()); err != nil {
		return err
	}
	for seq := m.next - uint64(m.since); seq < m.next; seq++ {
		if err := txn.Delete(keyChange(d.ID(), seq)); err != nil {
			return err
		}
	}
	m.since = 0
	m.next++
	return txn.Set(keyDocMeta(d.ID()), m.encode())
}

func readDocMeta(txn *badger.Txn, id string) (docMeta, error) {
	raw, err := getValue(txn, keyDocMeta(id))
	return decodeDocMeta(raw), err
}

// Heads returns the heads of a stored document, sorted; none for a document never stored.
func (db *DB) Heads(docID string) ([]string, error) {
	db.acquire()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return nil, err
	}
	d, err := db.docLocked(docID)
	if err != nil {
		return nil, err
	}
	return d.Heads(), nil
}

// DocIDs returns the IDs of the stored documents whose ID starts with prefix, sorted.
func (db *DB) DocIDs(prefix string) ([]string, error) {
	var out []string
	p := []byte(prefixDocMeta + keyPart(prefix))
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			out = append(out, strings.TrimPrefix(string(it.Item().Key()), prefixDocMeta))
		}
		return nil
	})
	return out, storeError(err)
}

func (db *DB) checkOpen() error {
	if db.closed.Load() {
		return model.Errorf(model.CodeUnavailable, "Huddle's data folder is closed; restart Huddle.")
	}
	return nil
}
