package localdb

import (
	"bytes"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// Scheduled replies waiting to go are indexed by send time (ix/s/), on every device: any of
// them may send one (internal/schedule). The index holds the message's creation time too,
// which finds its row: normally the send time, but a merge of two concurrent edits may leave
// the two apart.

// scheduledEntries puts a scheduled reply that has not gone in the schedule index.
func scheduledEntries(m *model.Message) []ixEntry {
	if m == nil || !m.Pending() {
		return nil
	}
	return []ixEntry{{prefixScheduleIx, scheduledSort(m)}}
}

// ScheduledReplies returns the scheduled replies due by upTo (unix ms), soonest first, at most
// limit of them, each with its thread; those of deleted threads are left out.
func (db *DB) ScheduledReplies(upTo int64, limit int) ([]model.ScheduledReply, error) {
	var out []model.ScheduledReply
	err := db.bdb.View(func(txn *badger.Txn) error {
		p := []byte(prefixScheduleIx)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
		defer it.Close()
		threads := map[string]*model.Thread{}
		for it.Seek(p); it.ValidForPrefix(p) && len(out) < limit; it.Next() {
			k := it.Item().Key()[len(p):]
			if len(k) < 17 || int64(u64(k[:8])) > upTo {
				break
			}
			threadID, msgID, ok := bytes.Cut(k[16:], []byte(sep))
			if !ok {
				continue
			}
			th, err := threadOf(txn, threads, string(threadID))
			if err != nil {
				return err
			}
			if th == nil || th.Deleted {
				continue
			}
			raw, err := getValue(txn, keyMessage(string(threadID), int64(u64(k[8:16])), string(msgID)))
			if err != nil {
				return err
			}
			if raw == nil {
				continue
			}
			var m model.Message
			if err := decodeRow(raw, &m); err != nil {
				return err
			}
			if m.Pending() {
				out = append(out, model.ScheduledReply{Message: m, Thread: *th})
			}
		}
		return nil
	})
	return out, err
}

// NextScheduled returns the earliest send time after after (unix ms) of a scheduled reply
// waiting to go.
func (db *DB) NextScheduled(after int64) (at int64, ok bool, err error) {
	err = db.bdb.View(func(txn *badger.Txn) error {
		p := []byte(prefixScheduleIx)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
		defer it.Close()
		if it.Seek(appendU64(bytes.Clone(p), clampU64(after)+1)); it.ValidForPrefix(p) {
			at, ok = int64(u64(it.Item().Key()[len(p):len(p)+8])), true
		}
		return nil
	})
	return at, ok, err
}
