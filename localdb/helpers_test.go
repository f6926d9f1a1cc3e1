package localdb

import (
	"context"
	"log/slog"
	"reflect"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// Fixture members and brands: Olga owns everything, Ana works brand 1, Ben brand 2, Vic
// views brand 1, Dee is deactivated.
const (
	brand1 = "br_1"
	brand2 = "br_2"
	olga   = "mb_olga"
	ana    = "mb_ana"
	ben    = "mb_ben"
	vic    = "mb_vic"
	dee    = "mb_dee"
)

func openTest(t testing.TB, dir string) *DB {
	t.Helper()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func at(ms int64) time.Time { return time.UnixMilli(ms) }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func update(t testing.TB, db *DB, ms int64, fn func(tx ports.Tx) error) {
	t.Helper()
	must(t, db.Update(context.Background(), at(ms), fn))
}

func fixtureMembers() []model.Member {
	return []model.Member{
		{ID: olga, Name: "Olga", Handle: "olga", Role: model.RoleOwner, Active: true},
		{ID: ana, Name: "Ana", Handle: "ana", Role: model.RoleAgent, Brands: []string{brand1}, Active: true},
		{ID: ben, Name: "Ben", Handle: "ben", Role: model.RoleAgent, Brands: []string{brand2}, Active: true},
		{ID: vic, Name: "Vic", Handle: "vic", Role: model.RoleViewer, Brands: []string{brand1}, Active: true},
		{ID: dee, Name: "Dee", Handle: "dee", Role: model.RoleAgent, Brands: []string{brand1}, Active: false},
	}
}

func seedWorkspace(t testing.TB, db *DB) {
	t.Helper()
	update(t, db, 1, func(tx ports.Tx) error {
		d, err := tx.Doc(model.WorkspaceDocID)
		if err != nil {
			return err
		}
		w := d.Workspace()
		if err := w.Create("Salon", 1); err != nil {
			return err
		}
		for _, b := range []model.Brand{{ID: brand1, Name: "Uptown"}, {ID: brand2, Name: "Downtown"}} {
			if err := w.PutBrand(b); err != nil {
				return err
			}
		}
		if err := w.PutLabel(model.Label{ID: "lb_vip", Name: "VIP"}); err != nil {
			return err
		}
		for _, m := range fixtureMembers() {
			if err := w.PutMember(m); err != nil {
				return err
			}
		}
		return nil
	})
}

// threadSpec describes a thread to create in one write.
type threadSpec struct {
	id, brand, assignee string
	client              string // "cl_" + id when empty
	channel             model.Channel
	createdAt           int64
	resolved            bool
	labels, mentioned   []string
	followers, watchers []string
	participants        map[string]model.Access
	messages            []model.Message
	readBy              map[string]int64
}

func createThread(t testing.TB, db *DB, s threadSpec) {
	t.Helper()
	if s.channel == "" {
		s.channel = model.ChannelSMS
	}
	update(t, db, s.createdAt, func(tx ports.Tx) error {
		d, err := tx.Doc(s.id)
		if err != nil {
			return err
		}
		return buildThread(d, s)
	})
}

func buildThread(d *crdt.Doc, s threadSpec) error {
	if s.client == "" {
		s.client = "cl_" + s.id
	}
	th := d.Thread()
	if err := th.Create(model.Thread{BrandID: s.brand, ClientID: s.client, ClientName: "Client " + s.id,
		Channel: s.channel, CreatedAt: s.createdAt, AssigneeID: s.assignee}); err != nil {
		return err
	}
	if s.resolved {
		if err := th.SetStatus(model.StatusResolved); err != nil {
			return err
		}
	}
	for _, l := range s.labels {
		if err := th.SetLabel(l, true); err != nil {
			return err
		}
	}
	for _, m := range s.mentioned {
		if err := th.AddMentioned(m, s.createdAt); err != nil {
			return err
		}
	}
	for _, m := range s.followers {
		if err := th.SetFollower(m, true); err != nil {
			return err
		}
	}
	for _, m := range s.watchers {
		if err := th.SetWatcher(m, true); err != nil {
			return err
		}
	}
	for m, a := range s.participants {
		if err := th.SetParticipant(m, a); err != nil {
			return err
		}
	}
	for _, m := range s.messages {
		if err := th.AddMessage(m); err != nil {
			return err
		}
	}
	for m, ms := range s.readBy {
		if err := th.MarkRead(m, ms); err != nil {
			return err
		}
	}
	return nil
}

func msg(id string, kind model.Kind, author, body string, createdAt int64) model.Message {
	dir := model.DirInternal
	if kind == model.KindMessage {
		dir = model.DirInbound
	}
	return model.Message{ID: id, Kind: kind, Direction: dir, AuthorID: author, Body: body, CreatedAt: createdAt}
}

func threadIDs(p model.ThreadPage) []string {
	out := []string{}
	for _, th := range p.Threads {
		out = append(out, th.ID)
	}
	return out
}

// checkConsistent recomputes every derived key from the rows — index entries, index sizes,
// view counters, thread activity fields — and fails when the store disagrees.
func checkConsistent(t testing.TB, db *DB) {
	t.Helper()
	txn := db.bdb.NewTransaction(false)
	defer txn.Discard()
	stored := func(prefix string) map[string]int64 {
		out := map[string]int64{}
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: []byte(prefix)})
		defer it.Close()
		for it.Seek([]byte(prefix)); it.ValidForPrefix([]byte(prefix)); it.Next() {
			v, _ := it.Item().ValueCopy(nil)
			out[string(it.Item().Key())] = int64(u64(v))
		}
		return out
	}
	checkSearchKeys(t, db)
	wantIx, wantN := map[string]int64{}, map[string]int64{}
	add := func(es []ixEntry) {
		for _, e := range es {
			wantIx[e.prefix+e.sort] = 0
			wantN[string(keyIndexCount(e.prefix))]++
		}
	}
	eachRow(t, txn, prefixThread, func(raw []byte) {
		var th model.Thread
		must(t, decodeRow(raw, &th))
		add(threadEntries(&th))
		tags, err := clientTagsIn(txn, th.ClientID)
		must(t, err)
		add(threadTagEntries(&th, tags))
		ms := storedMessages(t, txn, th.ID)
		var last *model.Message
		count := 0
		for i := range ms {
			add(scheduledEntries(&ms[i]))
			if ms[i].IsActivity() {
				count++
				last = &ms[i]
			}
		}
		want := th
		fillActivity(&want, last, count)
		if want.LastActivityAt != th.LastActivityAt || want.MessageCount != th.MessageCount ||
			want.LastPreview != th.LastPreview || want.LastAuthorID != th.LastAuthorID || want.LastKind != th.LastKind {
			t.Errorf("thread %s activity fields %+v, recomputed %+v", th.ID, th, want)
		}
	})
	eachRow(t, txn, prefixClient, func(raw []byte) {
		var cl model.Client
		must(t, decodeRow(raw, &cl))
		add(clientEntries(&cl))
	})
	eachRow(t, txn, prefixTask, func(raw []byte) {
		var tk model.Task
		must(t, decodeRow(raw, &tk))
		add(taskEntries(&tk))
	})
	if got := stored(prefixIndex); !reflect.DeepEqual(got, wantIx) {
		t.Errorf("index entries: %d stored, %d recomputed", len(got), len(wantIx))
	}
	if got := stored(prefixIndexN); !reflect.DeepEqual(got, wantN) {
		t.Errorf("index sizes: stored %v, recomputed %v", got, wantN)
	}
	counts, err := recount(txn, db.workspace())
	must(t, err)
	if got := stored(prefixCounter); !reflect.DeepEqual(got, counts) {
		t.Errorf("view counters: stored %v, recounted %v", got, counts)
	}
}

// checkSearchKeys recomputes the search keys from the thread, message and client rows and
// fails when the store holds others.
func checkSearchKeys(t testing.TB, db *DB) {
	t.Helper()
	txn := db.bdb.NewTransaction(false)
	defer txn.Discard()
	want := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			want[k] = true
		}
	}
	eachRow(t, txn, prefixThread, func(raw []byte) {
		var th model.Thread
		must(t, decodeRow(raw, &th))
		add(threadSearchKeys(&th))
		ms := storedMessages(t, txn, th.ID)
		for i := range ms {
			add(messageSearchKeys(th.ID, &ms[i]))
		}
	})
	eachRow(t, txn, prefixClient, func(raw []byte) {
		var cl model.Client
		must(t, decodeRow(raw, &cl))
		add(clientSearchKeys(&cl))
	})
	got := map[string]bool{}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixSearch)})
	defer it.Close()
	for it.Seek([]byte(prefixSearch)); it.ValidForPrefix([]byte(prefixSearch)); it.Next() {
		got[string(it.Item().Key())] = true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("search keys: %d stored, %d recomputed", len(got), len(want))
	}
}

func eachRow(t testing.TB, txn *badger.Txn, prefix string, fn func([]byte)) {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: []byte(prefix)})
	defer it.Close()
	for it.Seek([]byte(prefix)); it.ValidForPrefix([]byte(prefix)); it.Next() {
		v, err := it.Item().ValueCopy(nil)
		must(t, err)
		fn(v)
	}
}

func storedMessages(t testing.TB, txn *badger.Txn, threadID string) []model.Message {
	var out []model.Message
	eachRow(t, txn, string(prefixMessages(threadID)), func(raw []byte) {
		var m model.Message
		must(t, decodeRow(raw, &m))
		out = append(out, m)
	})
	return out
}

// countKeys counts the stored keys under prefix.
func countKeys(t testing.TB, db *DB, prefix string) int {
	n := 0
	must(t, db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		defer it.Close()
		for it.Seek([]byte(prefix)); it.ValidForPrefix([]byte(prefix)); it.Next() {
			n++
		}
		return nil
	}))
	return n
}

func inspect(t testing.TB, change []byte) crdt.ChangeInfo {
	t.Helper()
	info, err := crdt.Inspect(change)
	must(t, err)
	return info
}

var quiet = slog.New(slog.DiscardHandler)

type badgerTxn = *badger.Txn

// threadDoc lets table-driven edits call the thread view's methods directly.
type threadDoc struct{ crdt.Thread }

// createTasks creates tasks in one write at ms, then marks the task named done as done (by
// Ana, a millisecond later) and deletes the task named deleted; "" names none.
func createTasks(t testing.TB, db *DB, ms int64, tasks []model.Task, done, deleted string) {
	t.Helper()
	update(t, db, ms, func(tx ports.Tx) error {
		for _, tk := range tasks {
			d, err := tx.Doc(tk.ID)
			if err != nil {
				return err
			}
			if err := d.Task().Create(tk); err != nil {
				return err
			}
			switch tk.ID {
			case done:
				err = d.Task().SetDone(true, ana, ms+1)
			case deleted:
				err = d.Task().SetDeleted(true)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
