package localdb

import (
	"encoding/base64"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

const defaultLimit = 50

// Workspace returns the workspace, or an error with CodeNoWorkspace before it was created.
// The caller gets its own copy, which it may change without touching the store's.
func (db *DB) Workspace() (model.Workspace, error) {
	st := db.workspace()
	if st == nil {
		return model.Workspace{}, model.Errorf(model.CodeNoWorkspace, "No workspace is set up on this device yet.")
	}
	// The workspace is decoded once per commit that changes it (newWSState), not per call:
	// every use case asks for it, and decoding its JSON was 7.5% of a local write's CPU.
	return cloneWorkspace(st.ws), nil
}

// Thread returns a thread's summary, deleted or not.
func (db *DB) Thread(id string) (model.Thread, error) {
	var th model.Thread
	return th, db.getRow(keyThread(id), &th, "This conversation does not exist (it may have been removed).")
}

// Client returns a client, deleted or not.
func (db *DB) Client(id string) (model.Client, error) {
	var cl model.Client
	return cl, db.getRow(keyClient(id), &cl, "This client does not exist (they may have been removed).")
}

// Task returns a task, deleted or not.
func (db *DB) Task(id string) (model.Task, error) {
	var tk model.Task
	return tk, db.getRow(keyTask(id), &tk, "This task does not exist (it may have been removed).")
}

func (db *DB) getRow(key []byte, v any, notFound string) error {
	err := db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err == badger.ErrKeyNotFound {
			return model.Errorf(model.CodeNotFound, "%s", notFound)
		}
		if err != nil {
			return err
		}
		return item.Value(func(b []byte) error { return decodeRow(b, v) })
	})
	return storeError(err)
}

// Messages returns a thread's timeline, oldest first, without deleted entries.
func (db *DB) Messages(threadID string) ([]model.Message, error) {
	var out []model.Message
	err := db.bdb.View(func(txn *badger.Txn) error {
		if _, err := txn.Get(keyThread(threadID)); err == badger.ErrKeyNotFound {
			return model.Errorf(model.CodeNotFound, "This conversation does not exist (it may have been removed).")
		} else if err != nil {
			return err
		}
		p := prefixMessages(threadID)
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: p})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			var m model.Message
			if err := it.Item().Value(func(b []byte) error { return decodeRow(b, &m) }); err != nil {
				return err
			}
			if !m.Deleted {
				out = append(out, m)
			}
		}
		return nil
	})
	if out == nil {
		out = []model.Message{}
	}
	return out, storeError(err)
}

// member returns the active member a query is for.
func (db *DB) member(id string) (model.Member, error) {
	if id == "" {
		return model.Member{}, model.Errorf(model.CodeInvalid, "Say which member is asking.")
	}
	st := db.workspace()
	if st == nil {
		return model.Member{}, model.Errorf(model.CodeNoWorkspace, "No workspace is set up on this device yet.")
	}
	m, ok := st.members[id]
	if !ok {
		return model.Member{}, model.Errorf(model.CodeForbidden, "This person is not a member of the workspace.")
	}
	return m, nil
}

func limitOf(n int) int {
	if n <= 0 {
		return defaultLimit
	}
	return n
}

// Cursors are the sort key of the last row of a page: any index of the same kind can resume
// from it, because every index of a kind sorts its rows the same way.

func encodeCursor(sort string) string { return base64.RawURLEncoding.EncodeToString([]byte(sort)) }

func decodeCursor(c string, minLen int) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < minLen {
		return "", model.Errorf(model.CodeInvalid, "This list position is not valid any more; reload the list.")
	}
	return string(b), nil
}
