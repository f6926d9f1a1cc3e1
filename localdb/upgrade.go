package localdb

import (
	"bytes"
	"encoding/binary"
	"encoding/json"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// upgradeIndexes brings a store written with an older index layout up to indexVersion by
// adding the index entries it lacks, computed from the rows. It runs at Open, before any
// write. The entries go through a Badger WriteBatch, which splits them into as many
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
	if version < 1 {
		if err := db.addClientThreadIndex(); err != nil {
			return err
		}
	}
	if version == 2 {
		// Rebuilt rather than trimmed: the rows hold every token the new keys need.
		if err := db.bdb.DropPrefix([]byte(prefixSearch)); err != nil {
			return err
		}
	}
	if version < 3 {
		if err := db.addSearchIndex(); err != nil {
			return err
		}
	}
	if version < 4 {
		if err := db.addTagIndexes(); err != nil {
			return err
		}
	}
	if version < 5 {
		if err := db.addNotifications(); err != nil {
			return err
		}
	}
	return db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(keyIxVersion, binary.BigEndian.AppendUint64(nil, indexVersion))
	})
}

// addClientThreadIndex adds the threads-by-client index (version 1).
func (db *DB) addClientThreadIndex() error {
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	sizes := map[string]uint64{}
	err := db.bdb.View(func(txn *badger.Txn) error {
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
	if err := flushWithSizes(wb, sizes); err != nil {
		return err
	}
	db.log.Info("added the thread-by-client index", "clients", len(sizes))
	return nil
}

// flushWithSizes writes the sizes of the indexes wb added (ixn/) and flushes it.
func flushWithSizes(wb *badger.WriteBatch, sizes map[string]uint64) error {
	for prefix, n := range sizes {
		if err := wb.Set(keyIndexCount(prefix), binary.BigEndian.AppendUint64(nil, n)); err != nil {
			return err
		}
	}
	return wb.Flush()
}

// addTagIndexes adds the clients-by-tag index and the threads' tag entries (version 4).
func (db *DB) addTagIndexes() error {
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	sizes := map[string]uint64{}
	add := func(entries []ixEntry) error {
		for _, e := range entries {
			sizes[e.prefix]++
			if err := wb.Set([]byte(e.prefix+e.sort), nil); err != nil {
				return err
			}
		}
		return nil
	}
	tags := map[string][]string{}
	err := db.bdb.View(func(txn *badger.Txn) error {
		err := eachRowOf(txn, prefixClient, func(_, raw []byte) error {
			var cl model.Client
			if err := decodeRow(raw, &cl); err != nil {
				return err
			}
			if t := tagsOf(&cl); len(t) > 0 {
				tags[cl.ID] = t
				return add(clientTagEntries(&cl))
			}
			return nil
		})
		if err != nil || len(tags) == 0 {
			return err
		}
		return eachThreadRow(txn, func(th *model.Thread) error { return add(threadTagEntries(th, tags[th.ClientID])) })
	})
	if err != nil {
		return err
	}
	if err := flushWithSizes(wb, sizes); err != nil {
		return err
	}
	db.log.Info("added the client tag indexes", "clients", len(tags))
	return nil
}

// addSearchIndex adds the search keys of every thread subject, message and client (version
// 2). The message rows carry everything their keys need, so the timelines are read straight,
// without their threads.
func (db *DB) addSearchIndex() error {
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	n := 0
	set := func(keys []string) error {
		for _, k := range keys {
			if err := wb.Set([]byte(k), nil); err != nil {
				return err
			}
		}
		n += len(keys)
		return nil
	}
	err := db.bdb.View(func(txn *badger.Txn) error {
		if err := eachThreadRow(txn, func(th *model.Thread) error { return set(threadSearchKeys(th)) }); err != nil {
			return err
		}
		err := eachRowOf(txn, prefixMessage, func(key, raw []byte) error {
			m, err := decodeMessage(raw)
			if err != nil {
				return err
			}
			return set(messageSearchKeys(threadIDOfMessageKey(key), m))
		})
		if err != nil {
			return err
		}
		return eachRowOf(txn, prefixClient, func(_, raw []byte) error {
			var cl model.Client
			if err := decodeRow(raw, &cl); err != nil {
				return err
			}
			return set(clientSearchKeys(&cl))
		})
	})
	if err != nil {
		return err
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	db.log.Info("added the search index", "keys", n)
	return nil
}

// addNotifications derives the notifications of every stored timeline entry, from its
// thread as it is now, and indexes the reminders of the tasks (version 5). Nothing is queued
// for the native notifier: this is history.
func (db *DB) addNotifications() error {
	wb := db.bdb.NewWriteBatch()
	defer wb.Cancel()
	sizes := map[string]uint64{}
	n := 0
	err := db.bdb.View(func(txn *badger.Txn) error {
		var th *model.Thread
		err := eachRowOf(txn, prefixMessage, func(key, raw []byte) error {
			id := threadIDOfMessageKey(key)
			if th == nil || th.ID != id {
				th = &model.Thread{}
				traw, err := getValue(txn, keyThread(id))
				if err != nil || traw == nil {
					th.ID, th.Deleted = id, true
					return err
				}
				if err := decodeRow(traw, th); err != nil {
					return err
				}
			}
			if th.Deleted {
				return nil
			}
			m, err := decodeMessage(raw)
			if err != nil {
				return err
			}
			if m.Direction == model.DirInbound && m.Assignee == "" {
				m.Assignee = th.AssigneeID // written before messages recorded it: the best guess
			}
			for _, nf := range notificationsOf(th, m) {
				enc, err := json.Marshal(&nf)
				if err != nil {
					return err
				}
				if err := wb.Set(keyNotification(nf.Member, nf.At, nf.ID), enc); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return err
		}
		return eachRowOf(txn, prefixTask, func(_, raw []byte) error {
			var tk model.Task
			if err := decodeRow(raw, &tk); err != nil {
				return err
			}
			for _, e := range reminderEntries(&tk) {
				sizes[e.prefix]++
				if err := wb.Set([]byte(e.prefix+e.sort), nil); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if err := flushWithSizes(wb, sizes); err != nil {
		return err
	}
	db.log.Info("added the notifications and the reminder index", "notifications", n)
	return nil
}

// eachRowOf calls fn with the key and value of every row under prefix.
func eachRowOf(txn *badger.Txn, prefix string, fn func(key, raw []byte) error) error {
	p := []byte(prefix)
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		item := it.Item()
		if err := item.Value(func(v []byte) error { return fn(item.Key(), v) }); err != nil {
			return err
		}
	}
	return nil
}

// threadIDOfMessageKey reads the thread ID out of a message row's key (keyMessage).
func threadIDOfMessageKey(key []byte) string {
	rest := key[len(prefixMessage):]
	return string(rest[:bytes.IndexByte(rest, 0)])
}
