package localdb

import (
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"syscall"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

func TestUpdateThenReadRoundTripsEveryDocumentType(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	seedWorkspace(t, db)
	client := model.Client{ID: "cl_1", BrandID: brand1, Name: "Maria Lopez", Phones: []string{"+3412"},
		Emails: []string{"m@x.es"}, Tags: []string{"vip"}, Notes: "likes tea", ChatThreadID: "th_1", CreatedAt: 5,
		Organisation: true, Contacts: []model.Contact{{ID: "ct_1", Name: "Pep", Phone: "1", Email: "p@x"}}}
	task := model.Task{ID: "tk_1", Title: "Call back", Notes: "after 5", AssigneeID: ana, DueAt: 100,
		RemindAt: 90, ThreadID: "th_1", ClientID: "cl_1", BrandID: brand1, CreatedBy: olga, CreatedAt: 6}
	m1 := msg("m1", model.KindMessage, "", "Hola,\n  can I book?", 20)
	m1.Mentions, m1.Attachments = []string{}, []model.Attachment{} // rows never hold nil lists
	m2 := msg("m2", model.KindNote, ana, "@olga please", 30)
	m2.Mentions = []string{olga}
	m2.Attachments = []model.Attachment{{Name: "a.png", Type: "image/png", Size: 3}}
	update(t, db, 10, func(tx ports.Tx) error {
		cd, err := tx.Doc(client.ID)
		if err != nil {
			return err
		}
		if err := cd.Client().Create(client); err != nil {
			return err
		}
		td, err := tx.Doc(task.ID)
		if err != nil {
			return err
		}
		if err := td.Task().Create(task); err != nil {
			return err
		}
		return buildThread(must2(tx.Doc("th_1")), threadSpec{id: "th_1", brand: brand1, createdAt: 5,
			assignee: ana, labels: []string{"lb_vip"}, messages: []model.Message{m1, m2}})
	})
	for _, reopen := range []bool{false, true} {
		if reopen {
			must(t, db.Close())
			db = openTest(t, dir)
		}
		ws, err := db.Workspace()
		must(t, err)
		if ws.Name != "Salon" || len(ws.Members) != 5 || len(ws.Brands) != 2 || len(ws.Labels) != 1 {
			t.Fatalf("workspace %+v", ws)
		}
		cl, err := db.Client("cl_1")
		must(t, err)
		if !reflect.DeepEqual(cl, client) {
			t.Fatalf("client\n got %+v\nwant %+v", cl, client)
		}
		tk, err := db.Task("tk_1")
		must(t, err)
		if !reflect.DeepEqual(tk, task) {
			t.Fatalf("task\n got %+v\nwant %+v", tk, task)
		}
		th, err := db.Thread("th_1")
		must(t, err)
		if th.AssigneeID != ana || th.ClientName != "Client th_1" || th.MessageCount != 2 || th.LastActivityAt != 30 ||
			th.LastPreview != "@olga please" || th.LastAuthorID != ana || th.LastKind != model.KindNote || len(th.Labels) != 1 {
			t.Fatalf("thread %+v", th)
		}
		ms, err := db.Messages("th_1")
		must(t, err)
		m1.ThreadID, m2.ThreadID = "th_1", "th_1"
		if want := []model.Message{m1, m2}; !reflect.DeepEqual(ms, want) {
			t.Fatalf("messages\n got %+v\nwant %+v", ms, want)
		}
		checkConsistent(t, db)
	}
}

func must2[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestWorkspaceBeforeFirstRunIsNoWorkspaceError(t *testing.T) {
	db := openTest(t, t.TempDir())
	if _, err := db.Workspace(); model.CodeOf(err) != model.CodeNoWorkspace {
		t.Fatalf("workspace: %v", err)
	}
}

func TestMissingRowsAreNotFoundErrors(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	for name, read := range map[string]func() error{
		"thread":   func() error { _, err := db.Thread("th_x"); return err },
		"messages": func() error { _, err := db.Messages("th_x"); return err },
		"client":   func() error { _, err := db.Client("cl_x"); return err },
		"task":     func() error { _, err := db.Task("tk_x"); return err },
	} {
		if err := read(); model.CodeOf(err) != model.CodeNotFound {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestUnknownDocumentTypeIsInvalid(t *testing.T) {
	db := openTest(t, t.TempDir())
	err := db.Update(t.Context(), at(1), func(tx ports.Tx) error {
		_, err := tx.Doc("zz_1")
		return err
	})
	if model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("update: %v", err)
	}
}

func TestTxDocReturnsTheSameDocumentTwice(t *testing.T) {
	db := openTest(t, t.TempDir())
	update(t, db, 1, func(tx ports.Tx) error {
		a, _ := tx.Doc("th_1")
		b, _ := tx.Doc("th_1")
		if a != b {
			t.Error("two documents for one ID")
		}
		return nil
	})
}

func TestUpdateThatChangesNothingWritesNothing(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	n, _ := db.OutboxLen()
	update(t, db, 2, func(tx ports.Tx) error {
		_, err := tx.Doc(model.WorkspaceDocID)
		return err
	})
	if m, _ := db.OutboxLen(); m != n {
		t.Fatalf("outbox grew from %d to %d", n, m)
	}
}

func TestFailedUpdateWritesNothingAndLeavesTheDocumentUsable(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	heads, _ := db.Heads("th_1")
	outbox, _ := db.OutboxLen()
	boom := errors.New("boom")
	sub, cancel := db.Subscribe()
	defer cancel()
	err := db.Update(t.Context(), at(20), func(tx ports.Tx) error {
		d, _ := tx.Doc("th_1")
		if err := d.Thread().SetAssignee(ana); err != nil {
			return err
		}
		if err := d.Thread().AddMessage(msg("m1", model.KindMessage, "", "lost", 20)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("update: %v", err)
	}
	th, _ := db.Thread("th_1")
	if th.AssigneeID != "" || th.MessageCount != 0 {
		t.Fatalf("failed write is visible: %+v", th)
	}
	if got, _ := db.Heads("th_1"); !reflect.DeepEqual(got, heads) {
		t.Fatalf("heads moved: %v -> %v", heads, got)
	}
	if n, _ := db.OutboxLen(); n != outbox {
		t.Fatalf("outbox %d -> %d", outbox, n)
	}
	update(t, db, 30, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_1")
		return d.Thread().SetAssignee(ben)
	})
	th, _ = db.Thread("th_1")
	if th.AssigneeID != ben {
		t.Fatalf("document unusable after a failed write: %+v", th)
	}
	if c := <-sub; !reflect.DeepEqual(c.DocIDs, []string{"th_1"}) {
		t.Fatalf("notification %+v", c)
	}
	checkConsistent(t, db)
}

func TestCompactionKeepsTheSameStateAndDropsOldChanges(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet, CompactEvery: 5, DocCache: 1})
	must(t, err)
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	for i := range 13 {
		update(t, db, int64(100+i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_1")
			return d.Thread().AddMessage(msg(fmt.Sprintf("m%02d", i), model.KindMessage, "", "hi", int64(100+i)))
		})
		if i%3 == 0 { // evict th_1 so the next write reloads it from snapshot + changes
			_, _ = db.Heads("tk_other")
		}
	}
	// 14 changes with CompactEvery 5: snapshots at the 6th and 12th, 2 changes after.
	if n := countKeys(t, db, string(prefixChanges("th_1"))); n != 2 {
		t.Fatalf("%d changes kept after the snapshot, want 2", n)
	}
	if n := countKeys(t, db, string(keySnapshot("th_1"))); n != 1 {
		t.Fatal("no snapshot")
	}
	heads, _ := db.Heads("th_1")
	before, _ := db.Messages("th_1")
	must(t, db.Close())
	db = openTest(t, dir)
	after, _ := db.Messages("th_1")
	if got, _ := db.Heads("th_1"); !reflect.DeepEqual(got, heads) || len(after) != 13 || !reflect.DeepEqual(before, after) {
		t.Fatalf("state changed across compaction and reopen: heads %v vs %v, %d messages", got, heads, len(after))
	}
	// The document rebuilt from the snapshot still takes writes and merges.
	update(t, db, 200, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_1")
		return d.Thread().SetAssignee(ana)
	})
	if th, _ := db.Thread("th_1"); th.AssigneeID != ana || th.MessageCount != 13 {
		t.Fatalf("thread %+v", th)
	}
	checkConsistent(t, db)
}

func TestHeadsOfUnknownDocumentAreEmptyAndDocIDsListStoredOnes(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	createThread(t, db, threadSpec{id: "th_2", brand: brand1, createdAt: 10})
	if h, err := db.Heads("th_none"); err != nil || len(h) != 0 {
		t.Fatalf("heads %v %v", h, err)
	}
	ids, err := db.DocIDs("th_")
	must(t, err)
	if !reflect.DeepEqual(ids, []string{"th_1", "th_2"}) {
		t.Fatalf("doc IDs %v", ids)
	}
	all, _ := db.DocIDs("")
	if len(all) != 3 {
		t.Fatalf("all doc IDs %v", all)
	}
}

func TestNearlyFullDiskRefusesWritesWithAPlainSentenceAndWritesNothing(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	other := openTest(t, t.TempDir())
	createThread(t, other, threadSpec{id: "th_2", brand: brand1, createdAt: 5})
	remote, _ := other.Outbox(0, 1)
	db.freeSpace = func(string) (uint64, error) { return minFreeBytes - 1, nil }
	version := db.bdb.MaxVersion()
	want := "The disk is full: free some space and try again. Nothing was lost."
	for name, write := range map[string]func() error{
		"update": func() error {
			return db.Update(t.Context(), at(5), func(tx ports.Tx) error {
				d, _ := tx.Doc("th_1")
				return buildThread(d, threadSpec{id: "th_1", brand: brand1, channel: model.ChannelSMS, createdAt: 5})
			})
		},
		"apply":   func() error { return db.Apply(t.Context(), remote[0].DocID, remote[0].Change) },
		"setting": func() error { return db.SetLocalSetting("k", "v") },
	} {
		err := write()
		var e *model.Error
		if !errors.As(err, &e) || e.Code != model.CodeUnavailable || e.Message != want {
			t.Errorf("%s: %v", name, err)
		}
	}
	if db.bdb.MaxVersion() != version {
		t.Fatal("a refused write reached the store")
	}
	// Reads keep working, and writes resume once there is room again.
	if _, err := db.Workspace(); err != nil {
		t.Fatal(err)
	}
	db.freeSpace = diskFree
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, createdAt: 5})
}

func TestStoreErrorsBecomeSentencesAPersonCanActOn(t *testing.T) {
	for _, c := range []struct {
		err  error
		code model.Code
		says string
	}{
		{fmt.Errorf("write: %w", syscall.ENOSPC), model.CodeUnavailable, "The disk is full: free some space and try again. Nothing was lost."},
		{errors.New("sync 000001.vlog: no space left on device"), model.CodeUnavailable, "The disk is full"},
		{fmt.Errorf("row: %w", errBadRow), model.CodeCorrupt, "damaged"},
		{badger.ErrDBClosed, model.CodeUnavailable, "closed"},
		{fmt.Errorf("set: %w", badger.ErrTxnTooBig), model.CodeInvalid, "smaller groups"},
		{errors.New("something else"), model.CodeInternal, "try again"},
	} {
		err := storeError(c.err)
		var e *model.Error
		if !errors.As(err, &e) || e.Code != c.code || !strings.Contains(e.Message, c.says) || !errors.Is(err, c.err) {
			t.Errorf("%v -> %v", c.err, err)
		}
	}
}

func TestWriteTooBigForOneTransactionAsksForSmallerGroupsAndWritesNothing(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	outbox, err := db.OutboxLen()
	must(t, err)
	const n = 3000 // well past what one Badger transaction holds
	err = db.Update(t.Context(), at(5), func(tx ports.Tx) error {
		for i := range n {
			d, err := tx.Doc(fmt.Sprintf("th_%05d", i))
			if err != nil {
				return err
			}
			if err := buildThread(d, threadSpec{brand: brand1, createdAt: 5}); err != nil {
				return err
			}
		}
		return nil
	})
	var e *model.Error
	if !errors.As(err, &e) || e.Code != model.CodeInvalid || !errors.Is(err, ports.ErrTooBig) {
		t.Fatalf("want an invalid error matching ErrTooBig, got %v", err)
	}
	if !strings.Contains(e.Message, "too many conversations at once") || strings.Contains(e.Message, "try again") {
		t.Fatalf("sentence %q", e.Message)
	}
	ids, err := db.DocIDs("th_")
	must(t, err)
	if got, _ := db.OutboxLen(); len(ids) != 0 || got != outbox {
		t.Fatalf("a refused write kept %d documents and %d outbox entries", len(ids), got-outbox)
	}
	checkConsistent(t, db)
	createThread(t, db, threadSpec{id: "th_00000", brand: brand1, createdAt: 6}) // the same work, smaller, fits
}

func TestWriteToDocumentNeverCreatedIsRefusedAndLogged(t *testing.T) {
	var logged strings.Builder
	db, err := Open(t.TempDir(), Options{NoSync: true, Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	seedWorkspace(t, db)
	err = db.Update(t.Context(), at(5), func(tx ports.Tx) error {
		d, err := tx.Doc("th_notarrived")
		if err != nil {
			return err
		}
		return d.Thread().SetDeleted(true) // no Exists check: the bug this guards against
	})
	var e *model.Error
	if !errors.As(err, &e) || e.Code != model.CodeInternal || e.Message == "" {
		t.Fatalf("want an internal error with a sentence, got %v", err)
	}
	if !strings.Contains(logged.String(), "level=ERROR") || !strings.Contains(logged.String(), "th_notarrived") {
		t.Fatalf("not logged as a bug: %s", logged.String())
	}
	if ids, _ := db.DocIDs("th_"); len(ids) != 0 {
		t.Fatalf("stored %v", ids)
	}
	if heads, _ := db.Heads("th_notarrived"); len(heads) != 0 {
		t.Fatal("the refused change stayed in the live document")
	}
}

// Workspace hands out the committed workspace without decoding it again; what the caller does
// with its copy must not reach the store's, or every later call and the view counters.
func TestWorkspaceCopiesAreTheCallersToChange(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	ws, err := db.Workspace()
	must(t, err)
	var fresh model.Workspace
	must(t, decodeRow(db.workspace().raw, &fresh))
	if !reflect.DeepEqual(ws, fresh) {
		t.Fatalf("workspace\n got %+v\nwant %+v", ws, fresh)
	}
	ws.Name = "Changed"
	ws.Brands[0].Name = "Changed"
	ws.Labels[0].Name = "Changed"
	for i := range ws.Members {
		ws.Members[i].Role = model.RoleViewer
		if len(ws.Members[i].Brands) > 0 {
			ws.Members[i].Brands[0] = "br_changed"
		}
	}
	again, err := db.Workspace()
	must(t, err)
	if !reflect.DeepEqual(again, fresh) {
		t.Fatalf("a caller's changes reached the store's workspace:\n%+v", again)
	}
}

// A document is rebuilt from its stored changes by point reads when it has a few since its
// snapshot and by a scan when it has many; both give back the document that was written.
func TestDocumentsReloadAlikeFromFewOrManyChanges(t *testing.T) {
	db, err := Open(t.TempDir(), Options{NoSync: true, Logger: quiet, CompactEvery: 2 * pointReads, DocCache: 1})
	must(t, err)
	defer db.Close()
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	for i := range 3 * pointReads {
		update(t, db, int64(100+i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_1")
			return d.Thread().AddMessage(msg(fmt.Sprintf("m%02d", i), model.KindMessage, "", "hi", int64(100+i)))
		})
		heads, err := db.Heads("th_1")
		must(t, err)
		_, _ = db.Heads("tk_other") // evicts th_1
		if again, _ := db.Heads("th_1"); !reflect.DeepEqual(again, heads) {
			t.Fatalf("after %d writes the reloaded document has heads %v, want %v", i+1, again, heads)
		}
	}
	checkConsistent(t, db)
}
