package localdb

import (
	"bytes"
	"encoding/binary"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// Counts returns, for member, the number of threads and of unread threads in every inbox view
// they can see. It reads a handful of counter keys that every write keeps up to date.
func (db *DB) Counts(member string) (map[model.View]model.Count, error) {
	out := make(map[model.View]model.Count, len(model.Views))
	for _, v := range model.Views {
		out[v] = model.Count{}
	}
	p := prefixCounters(member)
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: p})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			rest := it.Item().Key()[len(p):] // view 0 t|u
			i := bytes.IndexByte(rest, 0)
			if i < 0 {
				continue
			}
			v := model.View(rest[:i])
			var n int64
			if err := it.Item().Value(func(b []byte) error { n = int64(u64(b)); return nil }); err != nil {
				return err
			}
			c := out[v]
			if string(rest[i+1:]) == unreadSuffix {
				c.Unread = int(n)
			} else {
				c.Total = int(n)
			}
			out[v] = c
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
