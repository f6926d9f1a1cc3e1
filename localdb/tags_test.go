package localdb

import (
	"slices"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// putClient creates or changes a client; tags replace the client's tags.
func putClient(tx ports.Tx, id, brand string, tags ...string) error {
	d, err := tx.Doc(id)
	if err != nil {
		return err
	}
	c := d.Client()
	ok, err := d.Exists()
	if err != nil {
		return err
	}
	if !ok {
		return c.Create(model.Client{ID: id, BrandID: brand, Name: "Client " + id, Tags: tags})
	}
	cur, err := c.Row()
	if err != nil {
		return err
	}
	for _, t := range cur.Tags {
		if err := c.SetTag(t, false); err != nil {
			return err
		}
	}
	for _, t := range tags {
		if err := c.SetTag(t, true); err != nil {
			return err
		}
	}
	return nil
}

func threadsTagged(t *testing.T, db *DB, member, tag string, view model.View) []string {
	t.Helper()
	page, err := db.Threads(model.ThreadQuery{Member: member, View: view, ClientTag: tag})
	must(t, err)
	ids := []string{}
	for _, th := range page.Threads {
		ids = append(ids, th.ID)
	}
	return ids
}

func TestThreadsFollowTheirClientsTags(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	update(t, db, 5, func(tx ports.Tx) error {
		if err := putClient(tx, "cl_vip", brand1, "vip", "colour"); err != nil {
			return err
		}
		return putClient(tx, "cl_new", brand2, "new")
	})
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, client: "cl_vip", createdAt: 10})
	createThread(t, db, threadSpec{id: "th_2", brand: brand1, client: "cl_vip", createdAt: 20, resolved: true})
	createThread(t, db, threadSpec{id: "th_3", brand: brand2, client: "cl_new", createdAt: 30})
	if got := threadsTagged(t, db, olga, "vip", model.ViewAll); !slices.Equal(got, []string{"th_1"}) {
		t.Fatalf("open vip threads %v", got)
	}
	if got := threadsTagged(t, db, olga, "vip", model.ViewResolved); !slices.Equal(got, []string{"th_2"}) {
		t.Fatalf("resolved vip threads %v", got)
	}
	// Another index may drive the walk (here Olga's one assigned thread, whose client is
	// untagged): the tag still filters.
	createThread(t, db, threadSpec{id: "th_mine", brand: brand1, assignee: olga, createdAt: 35})
	if got := threadsTagged(t, db, olga, "vip", model.ViewMine); len(got) != 0 {
		t.Fatalf("Olga's untagged thread listed as vip: %v", got)
	}
	if got := threadsTagged(t, db, olga, "", model.ViewMine); !slices.Equal(got, []string{"th_mine"}) {
		t.Fatalf("Olga's threads %v", got)
	}
	if got := threadsTagged(t, db, ana, "new", model.ViewAll); len(got) != 0 {
		t.Fatalf("Ana sees brand 2's threads by tag: %v", got)
	}
	checkConsistent(t, db)

	// Retagging a client moves all its threads, open and resolved.
	update(t, db, 40, func(tx ports.Tx) error { return putClient(tx, "cl_new", brand2, "vip") })
	if got := threadsTagged(t, db, olga, "vip", model.ViewAll); !slices.Equal(got, []string{"th_3", "th_1"}) {
		t.Fatalf("after tagging cl_new: %v", got)
	}
	update(t, db, 50, func(tx ports.Tx) error { return putClient(tx, "cl_vip", brand1, "colour") })
	if got := threadsTagged(t, db, olga, "vip", model.ViewResolved); len(got) != 0 {
		t.Fatalf("untagged client's thread still listed: %v", got)
	}
	if got := threadsTagged(t, db, olga, "colour", model.ViewResolved); !slices.Equal(got, []string{"th_2"}) {
		t.Fatalf("colour: %v", got)
	}
	checkConsistent(t, db)

	// Olga's own threads (two) drive the walk, not the larger vip index (three): the vip one
	// among them is kept.
	createThread(t, db, threadSpec{id: "th_vm", brand: brand2, client: "cl_new", assignee: olga, createdAt: 60})
	createThread(t, db, threadSpec{id: "th_v2", brand: brand2, client: "cl_new", createdAt: 70})
	if got := threadsTagged(t, db, olga, "vip", model.ViewMine); !slices.Equal(got, []string{"th_vm"}) {
		t.Fatalf("Olga's vip threads %v", got)
	}
	checkConsistent(t, db)

	tags, err := db.ClientTags(olga)
	must(t, err)
	if !slices.Equal(tags, []string{"colour", "vip"}) {
		t.Fatalf("Olga's tags %v", tags)
	}
	if tags, _ = db.ClientTags(ana); !slices.Equal(tags, []string{"colour"}) {
		t.Fatalf("Ana's tags %v (brand 2's must not show)", tags)
	}
}

// A client and its threads changed in one write, in either order, and a thread that arrives
// before its client, all end with the same entries.
func TestThreadTagsDoNotDependOnTheOrderDocumentsArrive(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	update(t, db, 10, func(tx ports.Tx) error {
		d, err := tx.Doc("th_a")
		if err != nil {
			return err
		}
		if err := buildThread(d, threadSpec{id: "th_a", brand: brand1, client: "cl_a", channel: model.ChannelSMS, createdAt: 10}); err != nil {
			return err
		}
		if err := putClient(tx, "cl_a", brand1, "vip"); err != nil { // after its thread
			return err
		}
		if err := putClient(tx, "cl_b", brand1, "vip"); err != nil { // before its thread
			return err
		}
		d, err = tx.Doc("th_b")
		if err != nil {
			return err
		}
		return buildThread(d, threadSpec{id: "th_b", brand: brand1, client: "cl_b", channel: model.ChannelSMS, createdAt: 20})
	})
	if got := threadsTagged(t, db, olga, "vip", model.ViewAll); !slices.Equal(got, []string{"th_b", "th_a"}) {
		t.Fatalf("one write: %v", got)
	}
	checkConsistent(t, db)

	// A thread that moves in the write that retags its client.
	update(t, db, 30, func(tx ports.Tx) error {
		d, err := tx.Doc("th_a")
		if err != nil {
			return err
		}
		if err := d.Thread().AddMessage(msg("m_a", model.KindMessage, "", "Hello", 30)); err != nil {
			return err
		}
		return putClient(tx, "cl_a", brand1, "colour")
	})
	if got := threadsTagged(t, db, olga, "colour", model.ViewAll); !slices.Equal(got, []string{"th_a"}) {
		t.Fatalf("moved and retagged: %v", got)
	}
	checkConsistent(t, db)

	// Another device gets the threads first, then the clients.
	other := openTest(t, t.TempDir())
	items := outboxItems(t, db, 0)
	slices.SortStableFunc(items, func(x, y RemoteItem) int {
		isClient := func(it RemoteItem) bool { return it.DocID == "cl_a" || it.DocID == "cl_b" }
		switch {
		case isClient(x) == isClient(y):
			return 0
		case isClient(x):
			return 1
		}
		return -1
	})
	applyRemote(t, other, relay1, stream(items))
	if got := threadsTagged(t, other, olga, "vip", model.ViewAll); !slices.Equal(got, []string{"th_b"}) {
		t.Fatalf("threads before clients: %v", got)
	}
	checkConsistent(t, other)
}

func TestStoreFromBeforeTagIndexesGainsThemWhenOpened(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	must(t, err)
	seedWorkspace(t, db)
	update(t, db, 5, func(tx ports.Tx) error { return putClient(tx, "cl_vip", brand1, "vip") })
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, client: "cl_vip", createdAt: 10})
	// Make it look like a version 3 store: no tag entries, no sizes for them.
	must(t, db.bdb.Update(func(txn *badger.Txn) error {
		for _, k := range []string{
			threadIndex('o', threadDimTag, "vip") + threadSort(10, "th_1"),
			string(keyIndexCount(threadIndex('o', threadDimTag, "vip"))),
			clientTagIndex(brand1, "vip") + clientSort("Client cl_vip", "cl_vip"),
			string(keyIndexCount(clientTagIndex(brand1, "vip"))),
		} {
			if err := txn.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return txn.Set(keyIxVersion, appendU64(nil, 3))
	}))
	if got := threadsTagged(t, db, olga, "vip", model.ViewAll); len(got) != 0 {
		t.Fatalf("tag entries still there: %v", got)
	}
	must(t, db.Close())

	db = openTest(t, dir)
	if got := threadsTagged(t, db, olga, "vip", model.ViewAll); !slices.Equal(got, []string{"th_1"}) {
		t.Fatalf("after the upgrade: %v", got)
	}
	checkConsistent(t, db)
}
