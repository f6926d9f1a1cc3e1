package localdb

import (
	"encoding/binary"
	"errors"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// OutboxEntry is one local change waiting to be published, in commit order.
type OutboxEntry struct {
	Seq     uint64
	DocID   string
	DocType model.DocType
	BrandID string // "" for the workspace document
	Change  []byte
	Hash    string // crdt.Digest of Change: the relay's deduplication ID
	At      time.Time
}

// The entry encoding is binary because change bytes dominate it: uvarint-prefixed DocID,
// DocType, BrandID and Hash, a varint of At in unix nanoseconds, then the change bytes.

func encodeOutbox(e OutboxEntry) []byte {
	b := make([]byte, 0, len(e.Change)+len(e.DocID)+len(e.BrandID)+len(e.Hash)+32)
	for _, s := range []string{e.DocID, string(e.DocType), e.BrandID, e.Hash} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendVarint(b, e.At.UnixNano())
	return append(b, e.Change...)
}

var errBadOutbox = errors.New("malformed outbox entry")

func decodeOutbox(seq uint64, b []byte) (OutboxEntry, error) {
	e := OutboxEntry{Seq: seq}
	var fields [4]string
	for i := range fields {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return e, errBadOutbox
		}
		fields[i] = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	at, k := binary.Varint(b)
	if k <= 0 {
		return e, errBadOutbox
	}
	e.DocID, e.DocType, e.BrandID, e.Hash = fields[0], model.DocType(fields[1]), fields[2], fields[3]
	e.At = time.Unix(0, at)
	e.Change = append([]byte(nil), b[k:]...)
	return e, nil
}

// addOutbox queues a local change for the relay in the batch's transaction.
func (b *batch) addOutbox(d *crdt.Doc, brand string, change []byte, at time.Time) error {
	b.seq++
	e := OutboxEntry{Seq: b.seq, DocID: d.ID(), DocType: d.Type(), BrandID: brand,
		Change: change, Hash: crdt.Digest(change), At: at}
	if err := b.txn.Set(keyOutbox(b.seq), encodeOutbox(e)); err != nil {
		return err
	}
	return b.txn.Set(keyOutSeq, appendU64(nil, b.seq))
}

// Outbox returns up to limit entries (all when limit <= 0) with a sequence after afterSeq,
// oldest first.
func (db *DB) Outbox(afterSeq uint64, limit int) ([]OutboxEntry, error) {
	var out []OutboxEntry
	p := []byte(prefixOutbox)
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 16, Prefix: p})
		defer it.Close()
		for it.Seek(keyOutbox(afterSeq + 1)); it.ValidForPrefix(p); it.Next() {
			if limit > 0 && len(out) >= limit {
				return nil
			}
			seq := u64(it.Item().Key()[len(p):])
			var e OutboxEntry
			err := it.Item().Value(func(v []byte) error {
				var err error
				e, err = decodeOutbox(seq, v)
				return err
			})
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, storeError(err)
}

// OutboxLen returns how many entries wait in the outbox.
func (db *DB) OutboxLen() (int, error) {
	n := 0
	p := []byte(prefixOutbox)
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			n++
		}
		return nil
	})
	return n, storeError(err)
}

// AckOutbox drops the entries up to and including uptoSeq: the relay has them.
func (db *DB) AckOutbox(uptoSeq uint64) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return err
	}
	p := []byte(prefixOutbox)
	for {
		var keys [][]byte
		err := db.bdb.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
			defer it.Close()
			for it.Seek(p); it.ValidForPrefix(p) && len(keys) < 1000; it.Next() {
				k := it.Item().KeyCopy(nil)
				if u64(k[len(p):]) > uptoSeq {
					break
				}
				keys = append(keys, k)
			}
			return nil
		})
		if err != nil || len(keys) == 0 {
			return storeError(err)
		}
		err = db.bdb.Update(func(txn *badger.Txn) error {
			for _, k := range keys {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return storeError(err)
		}
	}
}
