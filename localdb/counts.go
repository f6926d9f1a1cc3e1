package localdb

import (
	"encoding/binary"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// Counts returns, for member, the number of threads and of unread threads in every inbox view
// they can see. It reads a handful of counter keys that every write keeps up to date.
//
// The keys are read one by one rather than by a prefix scan: every write rewrites some of
// them, and an iterator steps over each old version still in the memtables and upper levels
// (thousands after a busy minute), while a point read finds the newest version directly.
func (db *DB) Counts(member string) (map[model.View]model.Count, error) {
	out := make(map[model.View]model.Count, len(model.Views))
	err := db.bdb.View(func(txn *badger.Txn) error {
		for _, v := range model.Views {
			total, err := getValue(txn, []byte(keyCounter(member, string(v), false)))
			if err != nil {
				return err
			}
			unread, err := getValue(txn, []byte(keyCounter(member, string(v), true)))
			if err != nil {
				return err
			}
			out[v] = model.Count{Total: int(u64(total)), Unread: int(u64(unread))}
		}
		return nil
	})
	return out, storeError(err)
}

// BrandCounts returns the number of open threads of each brand member can see: the size of
// the brand index, since a member sees all of a brand or none of it.
func (db *DB) BrandCounts(member string) (map[string]int, error) {
	m, err := db.member(member)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	err = db.bdb.View(func(txn *badger.Txn) error {
		for _, b := range db.workspace().ws.Brands {
			if !m.CanAccessBrand(b.ID) {
				continue
			}
			n, err := sizeOf(txn, source{threadIndex('o', threadDimBrand, b.ID)})
			if err != nil {
				return err
			}
			out[b.ID] = int(n)
		}
		return nil
	})
	return out, storeError(err)
}

// rebuildCountersIfStaleLocked recounts every view counter from the thread rows when the
// stale mark is set: membership, roles or brands changed, and with them who sees what. It
// runs under db.mu so no write slips between the recount and its commit; the mark goes in
// the same transaction as the new counters, so a crash mid-way leaves it for the next Open.
func (db *DB) rebuildCountersIfStaleLocked() error {
	txn := db.bdb.NewTransaction(true)
	defer txn.Discard()
	mark, err := getValue(txn, keyStale)
	if err != nil || mark == nil {
		return storeError(err)
	}
	counts, err := recount(txn, db.workspace())
	if err != nil {
		return storeError(err)
	}
	var old [][]byte
	p := []byte(prefixCounter)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		old = append(old, it.Item().KeyCopy(nil))
	}
	it.Close()
	for _, k := range old {
		if _, keep := counts[string(k)]; !keep {
			if err := txn.Delete(k); err != nil {
				return storeError(err)
			}
		}
	}
	for k, n := range counts {
		if err := txn.Set([]byte(k), binary.BigEndian.AppendUint64(nil, uint64(n))); err != nil {
			return storeError(err)
		}
	}
	if err := txn.Delete(keyStale); err != nil {
		return storeError(err)
	}
	db.sums.Purge() // the counters it holds are replaced, even if the commit fails
	if err := txn.Commit(); err != nil {
		return storeError(err)
	}
	db.log.Debug("rebuilt view counters", "keys", len(counts))
	return nil
}

// recount computes every view counter from the thread rows.
func recount(txn *badger.Txn, ws *wsState) (map[string]int64, error) {
	counts := map[string]int64{}
	if ws == nil {
		return counts, nil
	}
	err := eachThreadRow(txn, func(th *model.Thread) error {
		for _, k := range counterKeys(th, ws) {
			counts[k]++
		}
		return nil
	})
	return counts, err
}

// eachThreadRow calls fn with every stored thread row, deleted ones too.
func eachThreadRow(txn *badger.Txn, fn func(th *model.Thread) error) error {
	p := []byte(prefixThread)
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		var th model.Thread
		if err := it.Item().Value(func(v []byte) error { return decodeRow(v, &th) }); err != nil {
			return err
		}
		if err := fn(&th); err != nil {
			return err
		}
	}
	return nil
}
