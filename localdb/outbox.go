package localdb

import (
	"bytes"
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
		// Seeking past what is acknowledged steps over no tombstones.
		for it.Seek(keyOutbox(max(afterSeq, db.outAcked.Load()) + 1)); it.ValidForPrefix(p); it.Next() {
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
		for it.Seek(keyOutbox(db.outAcked.Load() + 1)); it.ValidForPrefix(p); it.Next() {
			n++
		}
		return nil
	})
	return n, storeError(err)
}

// ackBatch is how many outbox entries one acknowledging transaction deletes.
const ackBatch = 1000

// AckOutbox drops the entries up to and including uptoSeq: the relay has them.
//
// Deleted entries stay in Badger as tombstones until a compaction drops them, and an iterator
// steps over every one of them. So each batch seeks from the first sequence not yet
// acknowledged (db.outAcked, kept in meta/outack with the deletes) instead of from the start
// of the outbox: acknowledging a long backlog, at once or in pieces, costs time in proportion
// to its length, not to its square.
func (db *DB) AckOutbox(uptoSeq uint64) error {
	db.acquire()
	defer db.mu.Unlock()
	if err := db.checkOpen(); err != nil {
		return err
	}
	for from := db.outAcked.Load() + 1; from <= uptoSeq; {
		keys, err := db.outboxKeys(from, uptoSeq)
		if err != nil || len(keys) == 0 {
			if err == nil {
				// Every sequence handed out up to here is gone.
				db.outAcked.Store(max(db.outAcked.Load(), min(uptoSeq, db.outSeq)))
			}
			return storeError(err)
		}
		last := u64(keys[len(keys)-1][len(prefixOutbox):])
		err = db.bdb.Update(func(txn *badger.Txn) error {
			for _, k := range keys {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return txn.Set(keyOutAcked, appendU64(nil, last))
		})
		if err != nil {
			return storeError(err)
		}
		db.outAcked.Store(last)
		from = last + 1
	}
	return nil
}

// outboxKeys returns the keys of up to ackBatch entries with sequences in [from, upto]. It
// counts in db.ackSteps every version it steps over, tombstones included: the work an
// acknowledgement does, which tests check stays linear.
func (db *DB) outboxKeys(from, upto uint64) ([][]byte, error) {
	var keys [][]byte
	p := []byte(prefixOutbox)
	err := db.bdb.View(func(txn *badger.Txn) error {
		// AllVersions shows the tombstones Badger would otherwise skip silently, so they
		// are counted; the newest version of each key decides whether it is live.
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p, AllVersions: true})
		defer it.Close()
		var prev []byte
		for it.Seek(keyOutbox(from)); it.ValidForPrefix(p) && len(keys) < ackBatch; it.Next() {
			db.ackSteps.Add(1)
			item := it.Item()
			if bytes.Equal(item.Key(), prev) {
				continue // an older version of a key already seen
			}
			prev = item.KeyCopy(prev[:0])
			if u64(prev[len(p):]) > upto {
				break
			}
			if !item.IsDeletedOrExpired() {
				keys = append(keys, item.KeyCopy(nil))
			}
		}
		return nil
	})
	return keys, err
}
