package localdb

import (
	"slices"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// seedClientThreads gives cl_maria an open, a resolved and a deleted thread in brand 1, and
// cl_other one open thread.
func seedClientThreads(t *testing.T, db *DB) {
	t.Helper()
	seedWorkspace(t, db)
	for _, s := range []threadSpec{
		{id: "th_chat", client: "cl_maria", brand: brand1, createdAt: 100},
		{id: "th_done", client: "cl_maria", brand: brand1, resolved: true, createdAt: 110},
		{id: "th_gone", client: "cl_maria", brand: brand1, createdAt: 120},
		{id: "th_sms", client: "cl_maria", brand: brand1, createdAt: 130},
		{id: "th_else", client: "cl_other", brand: brand1, createdAt: 140},
	} {
		createThread(t, db, s)
	}
	update(t, db, 150, func(tx ports.Tx) error {
		d, err := tx.Doc("th_gone")
		if err != nil {
			return err
		}
		return d.Thread().SetDeleted(true)
	})
}

func clientThreads(t *testing.T, db *DB, member, client string, v model.View) []string {
	t.Helper()
	page, err := db.Threads(model.ThreadQuery{Member: member, View: v, ClientID: client})
	must(t, err)
	return threadIDs(page)
}

func TestThreadsOfOneClientListOpenOrResolvedButNeverDeleted(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedClientThreads(t, db)
	if got := clientThreads(t, db, olga, "cl_maria", model.ViewAll); !slices.Equal(got, []string{"th_sms", "th_chat"}) {
		t.Fatalf("open threads of the client: %v", got)
	}
	if got := clientThreads(t, db, olga, "cl_maria", model.ViewResolved); !slices.Equal(got, []string{"th_done"}) {
		t.Fatalf("resolved threads of the client: %v", got)
	}
	// Brand access still applies: Ben works brand 2 only.
	if got := clientThreads(t, db, ben, "cl_maria", model.ViewAll); len(got) != 0 {
		t.Fatalf("Ben sees %v", got)
	}
	// Resolving moves a thread between the client's lists; the index follows every write.
	update(t, db, 160, func(tx ports.Tx) error {
		d, err := tx.Doc("th_sms")
		if err != nil {
			return err
		}
		return d.Thread().SetStatus(model.StatusResolved)
	})
	if got := clientThreads(t, db, olga, "cl_maria", model.ViewResolved); !slices.Equal(got, []string{"th_sms", "th_done"}) {
		t.Fatalf("after resolving: %v", got)
	}
	checkConsistent(t, db)
}

func TestStoreFromBeforeTheClientIndexGainsItWhenOpened(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	must(t, err)
	seedClientThreads(t, db)
	// Make it look like a store written before the index existed.
	must(t, db.bdb.Update(func(txn *badger.Txn) error {
		var old [][]byte
		for _, p := range []string{prefixThreadIx, prefixIndexN + prefixThreadIx} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(p)})
			for it.Seek([]byte(p)); it.ValidForPrefix([]byte(p)); it.Next() {
				k := it.Item().KeyCopy(nil)
				if slices.Contains([]string{"o", "r"}, string(k[len(p)])) && string(k[len(p)+1:len(p)+5]) == "/"+threadDimClient+"/" {
					old = append(old, k)
				}
			}
			it.Close()
		}
		if len(old) == 0 {
			t.Fatal("found no client index entries to remove")
		}
		for _, k := range old {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return txn.Delete(keyIxVersion)
	}))
	if got := clientThreads(t, db, olga, "cl_maria", model.ViewAll); len(got) != 0 {
		t.Fatalf("the index is still there: %v", got)
	}
	must(t, db.Close())

	db = openTest(t, dir)
	if got := clientThreads(t, db, olga, "cl_maria", model.ViewAll); !slices.Equal(got, []string{"th_sms", "th_chat"}) {
		t.Fatalf("after the upgrade: %v", got)
	}
	checkConsistent(t, db)
}
