package localdb

import (
	"encoding/binary"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// upgradeIndexes brings a store written with an older index layout up to indexVersion by
// adding the index entries it lacks, computed from the thread rows. It runs at Open, before
// any write. The entries go through a Badger WriteBatch, which splits them into as many
// transactions as a large store needs; the version is written last, so a crash part-way
// leaves the old version and the next Open does the work again (every key it writes is set,
// not added to, so doing it twice gives the same result).
func (db *DB) upgradeIndexes() error {
	var version uint64
	err := db.bdb.View(func(txn *badger.Txn) error {
		raw, err := getValue(txn, keyIxVersion)
		version = u64(raw)
		return err
	})
	if err != nil || version >= indexVersion {
		return err
	}
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	sizes := map[string]uint64{}
	err = db.bdb.View(func(txn *badger.Txn) error {
		return eachThreadRow(txn, func(th *model.Thread) error {
			if th.Deleted || th.ClientID == "" {
				return nil
			}
			prefix := threadIndex(threadStatus(th), threadDimClient, th.ClientID)
			sizes[prefix]++
			return wb.Set([]byte(prefix+threadSort(th.LastActivityAt, th.ID)), nil)
		})
	})
	if err != nil {
		return err
	}
	for prefix, n := range sizes {
		if err := wb.Set(keyIndexCount(prefix), binary.BigEndian.AppendUint64(nil, n)); err != nil {
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	err = db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(keyIxVersion, binary.BigEndian.AppendUint64(nil, indexVersion))
	})
	if err == nil {
		db.log.Info("added the thread-by-client index", "clients", len(sizes))
	}
	return err
}
