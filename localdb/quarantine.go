package localdb

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// Quarantined describes a remote item that was set aside as bad. Its bytes (up to
// MaxRemoteItem) stay in the store, under quar/, for someone to inspect.
type Quarantined struct {
	Seq    uint64 // stream sequence; 0 for an item given to Apply
	DocID  string
	Kind   RemoteKind
	Reason string
	At     time.Time
	Size   int // of the item as it arrived
}

// quarantineKeep bounds the quarantine: a device that keeps publishing garbage must not fill
// the disk. The oldest entries go first.
const quarantineKeep = 256

// quarItem is an item to set aside, with its bytes.
type quarItem struct {
	Quarantined
	data []byte
	own  bool // an item of this call (not a change parked by an earlier one)
}

func newQuarItem(c candidate, reason string) quarItem {
	return quarItem{
		Quarantined: Quarantined{Seq: c.Seq, DocID: c.DocID, Kind: c.Kind, Reason: reason, At: time.Now(), Size: len(c.Data)},
		data:        c.Data[:min(len(c.Data), MaxRemoteItem)],
		own:         c.own,
	}
}

// The entry encoding: seq (u64), kind, at (varint, unix nanoseconds), size (uvarint),
// uvarint-prefixed DocID and Reason, then the bytes.

func encodeQuarantined(q quarItem) []byte {
	b := appendU64(nil, q.Seq)
	b = append(b, byte(q.Kind))
	b = binary.AppendVarint(b, q.At.UnixNano())
	b = binary.AppendUvarint(b, uint64(q.Size))
	for _, s := range []string{q.DocID, q.Reason} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return append(b, q.data...)
}

var errBadQuarantine = errors.New("malformed quarantine entry")

func decodeQuarantined(b []byte) (Quarantined, error) {
	if len(b) < 9 {
		return Quarantined{}, errBadQuarantine
	}
	q := Quarantined{Seq: u64(b), Kind: RemoteKind(b[8])}
	b = b[9:]
	at, k := binary.Varint(b)
	if k <= 0 {
		return q, errBadQuarantine
	}
	q.At, b = time.Unix(0, at), b[k:]
	size, k := binary.Uvarint(b)
	if k <= 0 {
		return q, errBadQuarantine
	}
	q.Size, b = int(size), b[k:]
	var fields [2]string
	for i := range fields {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return q, errBadQuarantine
		}
		fields[i], b = string(b[k:k+int(n)]), b[k+int(n):]
	}
	q.DocID, q.Reason = fields[0], fields[1]
	return q, nil
}

// stageQuarantine writes the run's quarantined items, in stream order, and drops the oldest
// entries beyond quarantineKeep.
func (r *remoteRun) stageQuarantine() error {
	slices.SortStableFunc(r.quar, func(a, b quarItem) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, q := range r.quar {
		if err := r.b.txn.Set(keyQuarantine(r.quarNext), encodeQuarantined(q)); err != nil {
			return err
		}
		r.quarNext++
		r.res.Quarantined = append(r.res.Quarantined, q.Quarantined)
	}
	for ; r.quarNext-r.quarFirst > quarantineKeep; r.quarFirst++ {
		if err := r.b.txn.Delete(keyQuarantine(r.quarFirst)); err != nil {
			return err
		}
	}
	return nil
}

// quarantineRange returns the keys in use under quar/: [first, next).
func quarantineRange(txn *badger.Txn) (first, next uint64) {
	p := []byte(prefixQuarantine)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	it.Seek(p)
	if !it.ValidForPrefix(p) {
		return 1, 1
	}
	first = u64(it.Item().Key()[len(p):])
	rit := txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: true})
	defer rit.Close()
	rit.Seek(prefixEnd(p))
	return first, u64(rit.Item().Key()[len(p):]) + 1
}

// Quarantine returns up to limit quarantined items (all when limit <= 0), newest first.
func (db *DB) Quarantine(limit int) ([]Quarantined, error) {
	var out []Quarantined
	p := []byte(prefixQuarantine)
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: true, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(prefixEnd(p)); it.ValidForPrefix(p) && (limit <= 0 || len(out) < limit); it.Next() {
			var q Quarantined
			err := it.Item().Value(func(v []byte) error {
				var err error
				q, err = decodeQuarantined(v)
				return err
			})
			if err != nil {
				return err
			}
			out = append(out, q)
		}
		return nil
	})
	return out, storeError(err)
}

// QuarantineLen returns how many quarantined items the store keeps.
func (db *DB) QuarantineLen() (int, error) {
	db.acquire()
	defer db.mu.Unlock()
	return int(db.quarNext - db.quarFirst), db.checkOpen()
}
