package localdb

import (
	"bytes"
	"encoding/json"
	"sort"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/policy"
)

// maxDueReminders bounds the due reminders a page of notifications merges in.
const maxDueReminders = 1000

// MemberState returns a member's private state; a member who never changed it has the
// default preferences and nothing read.
func (db *DB) MemberState(member string) (model.MemberState, error) {
	s := model.MemberState{Member: member, Prefs: model.DefaultNotifyPrefs, Read: map[string]int64{}}
	err := db.bdb.View(func(txn *badger.Txn) error {
		raw, err := getValue(txn, keyMemberState(member))
		if err != nil || raw == nil {
			return err
		}
		return json.Unmarshal(raw, &s)
	})
	if err != nil {
		return s, storeError(err)
	}
	if s.Read == nil {
		s.Read = map[string]int64{}
	}
	return s, nil
}

// placed is a notification with its place in a member's list: the suffix of its nf/ key.
type placed struct {
	pos string
	n   model.Notification
}

func notificationPos(at int64, id string) string {
	return string(appendU64(nil, ^clampU64(at))) + keyPart(id)
}

// Notifications returns one page of a member's notifications, newest first: the stored ones
// and the reminders due at q.Now, those the member cannot see (a brand they left) left out,
// each marked read or not, with the unread count over all of them.
func (db *DB) Notifications(q model.NotificationQuery) (model.NotificationPage, error) {
	page := model.NotificationPage{Items: []model.Notification{}}
	m, err := db.member(q.Member)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Before, 9)
	if err != nil {
		return page, err
	}
	state, err := db.MemberState(q.Member)
	if err != nil {
		return page, err
	}
	limit := limitOf(q.Limit)
	err = db.bdb.View(func(txn *badger.Txn) error {
		threads := map[string]*model.Thread{} // many notifications share a thread
		visible := func(n *model.Notification) (bool, error) { return canSee(txn, threads, m, n) }
		due, err := dueReminders(txn, q.Member, q.Now)
		if err != nil {
			return err
		}
		page.Unread, err = unreadCount(txn, &state, due, visible)
		if err != nil {
			return err
		}
		next := 0 // due reminders before this one are on earlier pages
		for next < len(due) && due[next].pos <= after {
			next++
		}
		p := prefixNotifications(q.Member)
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: limit, Prefix: p})
		defer it.Close()
		var stored *placed // the next stored notification after the cursor
		advance := func() error {
			for stored = nil; it.ValidForPrefix(p); it.Next() {
				pos := string(it.Item().Key()[len(p):])
				if pos <= after {
					continue
				}
				stored = &placed{pos: pos}
				err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &stored.n) })
				it.Next()
				return err
			}
			return nil
		}
		it.Seek(append(bytes.Clone(p), after...))
		if err := advance(); err != nil {
			return err
		}
		for len(page.Items) < limit {
			var take *placed
			switch {
			case stored != nil && (next >= len(due) || stored.pos < due[next].pos):
				take = stored
				if err := advance(); err != nil {
					return err
				}
			case next < len(due):
				take = &due[next]
				next++
			}
			if take == nil {
				break
			}
			after = take.pos
			ok, err := visible(&take.n)
			if err != nil {
				return err
			}
			if ok {
				take.n.Read = state.IsRead(&take.n)
				page.Items = append(page.Items, take.n)
			}
		}
		more := stored != nil || next < len(due)
		if more && len(page.Items) == limit {
			page.Next = encodeCursor(after)
		}
		return nil
	})
	if err != nil {
		return page, storeError(err)
	}
	return page, nil
}

// unreadCount counts the unread notifications newer than the member's read-all mark, up to
// model.MaxUnreadCount.
func unreadCount(txn *badger.Txn, s *model.MemberState, due []placed, visible func(*model.Notification) (bool, error)) (int, error) {
	count := 0
	check := func(n *model.Notification) error {
		if s.IsRead(n) {
			return nil
		}
		ok, err := visible(n)
		if ok {
			count++
		}
		return err
	}
	for i := range due {
		if err := check(&due[i].n); err != nil || count >= model.MaxUnreadCount {
			return count, err
		}
	}
	p := prefixNotifications(s.Member)
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p) && count < model.MaxUnreadCount; it.Next() {
		var n model.Notification
		if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &n) }); err != nil {
			return count, err
		}
		if n.At <= s.ReadAll {
			break // the rest are older still
		}
		if err := check(&n); err != nil {
			return count, err
		}
	}
	return count, nil
}

// canSee reports whether member m may see n: one about a thread shows while the thread exists
// and m may read it (a participant from another brand too).
func canSee(txn *badger.Txn, threads map[string]*model.Thread, m model.Member, n *model.Notification) (bool, error) {
	mine := n.BrandID == "" || m.CanAccessBrand(n.BrandID)
	if n.ThreadID == "" || n.Kind == model.NotifyReminder && mine {
		return mine, nil // a reminder belongs to its task, which outlives a deleted thread
	}
	th, err := threadOf(txn, threads, n.ThreadID)
	if err != nil || th == nil {
		return false, err
	}
	// A thread deleted after its notifications were derived takes them with it, on every
	// device alike (one that only ever saw it deleted derived none).
	return !th.Deleted && policy.CanReadThread(m, *th), nil
}

// dueReminders returns the member's reminders due at now, newest first, as notifications.
func dueReminders(txn *badger.Txn, member string, now int64) ([]placed, error) {
	tasks, err := remindersIn(txn, member, 0, now, maxDueReminders)
	if err != nil {
		return nil, err
	}
	out := make([]placed, 0, len(tasks))
	for i := range tasks {
		n, err := reminderNotification(txn, &tasks[i])
		if err != nil {
			return nil, err
		}
		out = append(out, placed{pos: notificationPos(n.At, n.ID), n: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out, nil
}

// reminderNotification is the notification of a task's reminder.
func reminderNotification(txn *badger.Txn, tk *model.Task) (model.Notification, error) {
	n := model.Notification{ID: model.ReminderNotificationID(tk.ID, tk.RemindAt), Member: tk.AssigneeID,
		Kind: model.NotifyReminder, At: tk.RemindAt, TaskID: tk.ID, ThreadID: tk.ThreadID,
		BrandID: tk.BrandID, Title: tk.Title, Excerpt: excerpt(tk.Notes)}
	if tk.ClientID != "" {
		raw, err := getValue(txn, keyClient(tk.ClientID))
		if err != nil {
			return n, err
		}
		if raw != nil {
			var cl model.Client
			if err := decodeRow(raw, &cl); err != nil {
				return n, err
			}
			n.ClientName = cl.Name
		}
	}
	return n, nil
}

// remindersIn returns up to limit tasks of the member whose reminder time is in (after, upTo],
// oldest first.
func remindersIn(txn *badger.Txn, member string, after, upTo int64, limit int) ([]model.Task, error) {
	p := []byte(reminderIndex(member))
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	var out []model.Task
	for it.Seek(appendU64(bytes.Clone(p), clampU64(after)+1)); it.ValidForPrefix(p) && len(out) < limit; it.Next() {
		k := it.Item().Key()[len(p):]
		if int64(u64(k[:8])) > upTo {
			break
		}
		raw, err := getValue(txn, keyTask(string(k[8:])))
		if err != nil {
			return nil, err
		}
		if raw == nil {
			continue
		}
		var tk model.Task
		if err := decodeRow(raw, &tk); err != nil {
			return nil, err
		}
		out = append(out, tk)
	}
	return out, nil
}

// Reminders returns the member's reminders whose time is in (after, upTo], oldest first, as
// notifications: what a native notifier raises when their time comes.
func (db *DB) Reminders(member string, after, upTo int64) ([]model.Notification, error) {
	var out []model.Notification
	err := db.bdb.View(func(txn *badger.Txn) error {
		tasks, err := remindersIn(txn, member, after, upTo, maxDueReminders)
		if err != nil {
			return err
		}
		for i := range tasks {
			n, err := reminderNotification(txn, &tasks[i])
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	return out, storeError(err)
}

// NextReminder returns the time of the member's first reminder after after; ok is false when
// there is none.
func (db *DB) NextReminder(member string, after int64) (at int64, ok bool, err error) {
	err = db.bdb.View(func(txn *badger.Txn) error {
		p := []byte(reminderIndex(member))
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
		defer it.Close()
		it.Seek(appendU64(bytes.Clone(p), clampU64(after)+1))
		if it.ValidForPrefix(p) {
			at, ok = int64(u64(it.Item().Key()[len(p):])), true
		}
		return nil
	})
	return at, ok, storeError(err)
}

// Arrivals returns up to limit notifications new to this device, oldest arrival first. The
// native notifier takes them and then drops them with DropArrivals.
func (db *DB) Arrivals(limit int) ([]model.Arrival, error) {
	var out []model.Arrival
	err := db.bdb.View(func(txn *badger.Txn) error {
		p := []byte(prefixArrival)
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: p})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p) && len(out) < limit; it.Next() {
			a := model.Arrival{Seq: u64(it.Item().Key()[len(p):])}
			key, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			raw, err := getValue(txn, key)
			if err != nil {
				return err
			}
			if raw != nil && json.Unmarshal(raw, &a.Notification) == nil {
				out = append(out, a)
			}
		}
		return nil
	})
	return out, storeError(err)
}

// DropArrivals forgets the arrivals up to seq: they were handed to the native notifier. It
// deletes in transactions of dropChunk keys, which any store can commit.
func (db *DB) DropArrivals(upTo uint64) error {
	const dropChunk = 1000
	p := []byte(prefixArrival)
	for {
		n := 0
		err := db.bdb.Update(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
			var keys [][]byte
			for it.Seek(p); it.ValidForPrefix(p) && len(keys) < dropChunk; it.Next() {
				k := it.Item().KeyCopy(nil)
				if u64(k[len(p):]) > upTo {
					break
				}
				keys = append(keys, k)
			}
			it.Close()
			for _, k := range keys {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			n = len(keys)
			return nil
		})
		if err != nil || n < dropChunk {
			return storeError(err)
		}
	}
}
