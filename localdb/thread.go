package localdb

import (
	"bytes"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// threadReader is what projecting a thread reads from its document: a crdt.Thread, or the
// reads a remote apply made ahead of time (readahead.go).
type threadReader interface {
	Summary() (model.Thread, error)
	Messages(ids ...string) ([]model.Message, error)
}

// projectThread writes a thread's message rows and its summary row with the last-activity
// fields, and moves its index entries and view counters.
func (b *batch) projectThread(view threadReader, e *edits) (string, error) {
	th, err := view.Summary()
	if err != nil {
		return "", unreadable(err)
	}
	oldRaw, old, err := b.threadRow(th.ID)
	if err != nil {
		return "", err
	}
	b.born = b.born[:0]
	var count int
	var last *model.Message
	if e == nil || old == nil {
		count, last, err = b.syncMessages(view, th.ID)
	} else {
		count, last, err = b.writeMessages(view, th.ID, e, old)
	}
	if err != nil {
		return "", err
	}
	if err := b.notifyBorn(&th, b.born); err != nil {
		return "", err
	}
	fillActivity(&th, last, count)
	enc, err := encodeRow(&th)
	if err != nil {
		return "", err
	}
	if old != nil && bytes.Equal(oldRaw, enc) {
		return th.BrandID, nil
	}
	if err := b.txn.Set(keyThread(th.ID), enc); err != nil {
		return "", err
	}
	if err := b.moveEntries(threadEntries(old), threadEntries(&th)); err != nil {
		return "", err
	}
	tags, err := clientTagsIn(b.txn, th.ClientID)
	if err != nil {
		return "", err
	}
	if err := b.moveEntries(threadTagEntries(old, tags), threadTagEntries(&th, tags)); err != nil {
		return "", err
	}
	b.notePlace(&th)
	if err := b.moveSearch(threadSearchKeys(old), threadSearchKeys(&th)); err != nil {
		return "", err
	}
	b.moveCounters(counterKeys(old, b.ws), counterKeys(&th, b.ws))
	return th.BrandID, nil
}

// threadRow returns the stored row of a thread, encoded and decoded; nil when there is none.
func (b *batch) threadRow(id string) ([]byte, *model.Thread, error) {
	raw, err := getValue(b.txn, keyThread(id))
	if err != nil || raw == nil {
		return nil, nil, err
	}
	th := new(model.Thread)
	return raw, th, decodeRow(raw, th)
}

// writeMessages writes the rows of the messages e names, and returns the new activity count
// and latest activity entry. old is the thread's stored row.
func (b *batch) writeMessages(view threadReader, threadID string, e *edits, old *model.Thread) (int, *model.Message, error) {
	count := old.MessageCount
	var newest *model.Message // the touched activity entry that sorts last
	var newestKey []byte
	if len(e.messages) > 0 {
		msgs, err := view.Messages(e.messages...)
		if err != nil {
			return 0, nil, unreadable(err)
		}
		for i := range msgs {
			m := &msgs[i]
			key := keyMessage(threadID, m.CreatedAt, m.ID)
			if m.IsActivity() && (newest == nil || bytes.Compare(key, newestKey) > 0) {
				newest, newestKey = m, key
			}
			at, existed := e.was[m.ID]
			from, moved := e.moved[m.ID]
			if moved && from != m.CreatedAt {
				at, existed = from, true
			}
			if existed && at != m.CreatedAt {
				moved, err := b.deleteMessage(threadID, keyMessage(threadID, at, m.ID))
				if err != nil {
					return 0, nil, err
				}
				count -= moved
			}
			changed, err := b.putMessage(threadID, key, m, e.was != nil && !existed)
			if err != nil {
				return 0, nil, err
			}
			count += changed
		}
	}
	// Every activity entry the commit did not touch sorts at or before the stored last
	// activity, so a touched one that is newer is the last one: the usual case of a new
	// message, which then needs no walk of the timeline. (Keys clamp negative times to 0,
	// hence the sign check.)
	if newest != nil && old.LastActivityAt >= 0 && newest.CreatedAt > old.LastActivityAt {
		return count, newest, nil
	}
	last, err := b.lastActivity(threadID)
	return count, last, err
}

// putMessage writes a message row unless it is unchanged, moves its search keys, and returns
// how that moved the thread's activity count. A new message has no row to read first.
func (b *batch) putMessage(threadID string, key []byte, m *model.Message, isNew bool) (int, error) {
	var raw []byte
	if !isNew {
		var err error
		if raw, err = getValue(b.txn, key); err != nil {
			return 0, err
		}
	}
	enc, err := encodeRow(m)
	if err != nil || bytes.Equal(raw, enc) {
		return 0, err
	}
	delta := 0
	if m.IsActivity() {
		delta++
	}
	var was *model.Message
	if raw != nil {
		was = new(model.Message)
		if err := decodeRow(raw, was); err != nil {
			return 0, err
		}
		if was.IsActivity() {
			delta--
		}
	} else {
		b.born = append(b.born, *m)
	}
	if err := b.moveSearch(messageSearchKeys(threadID, was), messageSearchKeys(threadID, m)); err != nil {
		return 0, err
	}
	if err := b.moveEntries(scheduledEntries(was), scheduledEntries(m)); err != nil {
		return 0, err
	}
	return delta, b.txn.Set(key, enc)
}

// deleteMessage deletes the message row at key, if there is one, with its search keys, and
// returns 1 when it was an activity entry.
func (b *batch) deleteMessage(threadID string, key []byte) (int, error) {
	raw, err := getValue(b.txn, key)
	if err != nil || raw == nil {
		return 0, err
	}
	var was model.Message
	if err := decodeRow(raw, &was); err != nil {
		return 0, err
	}
	if err := b.txn.Delete(key); err != nil {
		return 0, err
	}
	if err := b.moveSearch(messageSearchKeys(threadID, &was), nil); err != nil {
		return 0, err
	}
	if err := b.moveEntries(scheduledEntries(&was), nil); err != nil {
		return 0, err
	}
	if was.IsActivity() {
		return 1, nil
	}
	return 0, nil
}

// lastActivity walks the timeline back from its end to the latest activity entry; events are
// rare, so this usually reads one row.
func (b *batch) lastActivity(threadID string) (*model.Message, error) {
	p := prefixMessages(threadID)
	it := b.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: p})
	defer it.Close()
	for it.Seek(prefixEnd(p)); it.ValidForPrefix(p); it.Next() {
		var m model.Message
		err := it.Item().Value(func(v []byte) error { return decodeRow(v, &m) })
		if err != nil {
			return nil, err
		}
		if m.IsActivity() {
			return &m, nil
		}
	}
	return nil, nil
}

// syncMessages makes the stored timeline equal the document's: Automerge has no patch API,
// so after a merge every message is re-read and diffed against the stored rows.
func (b *batch) syncMessages(view threadReader, threadID string) (int, *model.Message, error) {
	msgs, err := view.Messages()
	if err != nil {
		return 0, nil, unreadable(err)
	}
	type stored struct{ key, val []byte }
	have := map[string]stored{}
	p := prefixMessages(threadID)
	// The stored rows are read in a read-only transaction: an iterator of the write
	// transaction sorts all its pending writes first, which made a batch that merges hundreds
	// of threads quadratic. It sees the same rows, since a batch projects a thread once and
	// writers are serialised.
	rtxn := b.db.bdb.NewTransaction(false)
	defer rtxn.Discard()
	it := rtxn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: p})
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		k := it.Item().KeyCopy(nil)
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			it.Close()
			return 0, nil, err
		}
		have[string(k[len(p)+8:])] = stored{k, v}
	}
	it.Close()
	count := 0
	var last *model.Message
	for i := range msgs {
		m := &msgs[i]
		if m.IsActivity() {
			count++
			last = m // msgs are oldest first
		}
		key := keyMessage(threadID, m.CreatedAt, m.ID)
		enc, err := encodeRow(m)
		if err != nil {
			return 0, nil, err
		}
		s, ok := have[keyPart(m.ID)]
		delete(have, keyPart(m.ID))
		if ok && bytes.Equal(s.key, key) && bytes.Equal(s.val, enc) {
			continue
		}
		var was *model.Message
		if ok {
			if was, err = decodeMessage(s.val); err != nil {
				return 0, nil, err
			}
		} else {
			b.born = append(b.born, *m)
		}
		if ok && !bytes.Equal(s.key, key) {
			if err := b.txn.Delete(s.key); err != nil {
				return 0, nil, err
			}
		}
		if err := b.txn.Set(key, enc); err != nil {
			return 0, nil, err
		}
		if err := b.moveSearch(messageSearchKeys(threadID, was), messageSearchKeys(threadID, m)); err != nil {
			return 0, nil, err
		}
		if err := b.moveEntries(scheduledEntries(was), scheduledEntries(m)); err != nil {
			return 0, nil, err
		}
	}
	for _, s := range have {
		was, err := decodeMessage(s.val)
		if err != nil {
			return 0, nil, err
		}
		if err := b.txn.Delete(s.key); err != nil {
			return 0, nil, err
		}
		if err := b.moveSearch(messageSearchKeys(threadID, was), nil); err != nil {
			return 0, nil, err
		}
		if err := b.moveEntries(scheduledEntries(was), nil); err != nil {
			return 0, nil, err
		}
	}
	return count, last, nil
}

func decodeMessage(raw []byte) (*model.Message, error) {
	m := new(model.Message)
	return m, decodeRow(raw, m)
}

// threadOf reads a thread row once per seen map (one read of many rows); nil when there is none.
func threadOf(txn *badger.Txn, seen map[string]*model.Thread, id string) (*model.Thread, error) {
	if th, ok := seen[id]; ok {
		return th, nil
	}
	raw, err := getValue(txn, keyThread(id))
	if err != nil || raw == nil {
		seen[id] = nil
		return nil, err
	}
	th := new(model.Thread)
	if err := decodeRow(raw, th); err != nil {
		return nil, err
	}
	seen[id] = th
	return th, nil
}
