package localdb

import (
	"reflect"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

func seedClients(t *testing.T, db *DB) {
	seedWorkspace(t, db)
	update(t, db, 10, func(tx ports.Tx) error {
		for _, c := range []model.Client{
			{ID: "cl_1", BrandID: brand1, Name: "maria Lopez"},
			{ID: "cl_2", BrandID: brand1, Name: "Mario Rossi"},
			{ID: "cl_3", BrandID: brand2, Name: "Marta Diaz"},
			{ID: "cl_4", BrandID: brand2, Name: "Anna Berg"},
			{ID: "cl_5", BrandID: brand1, Name: "Mark Gone"},
			{ID: "cl_6", BrandID: brand1, Name: "Maria Lopez"}, // a namesake: ordered by ID
		} {
			d, err := tx.Doc(c.ID)
			if err != nil {
				return err
			}
			if err := d.Client().Create(c); err != nil {
				return err
			}
			if c.ID == "cl_5" {
				if err := d.Client().SetDeleted(true); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func clientIDs(p model.ClientPage) []string {
	out := []string{}
	for _, c := range p.Clients {
		out = append(out, c.ID)
	}
	return out
}

func TestClientsAreListedByNameWithinBrandAccess(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedClients(t, db)
	cases := []struct {
		name string
		q    model.ClientQuery
		want []string
	}{
		{"owner sees all, by name", model.ClientQuery{Member: olga}, []string{"cl_4", "cl_1", "cl_6", "cl_2", "cl_3"}},
		{"prefix is case-insensitive", model.ClientQuery{Member: olga, Prefix: "MARI"}, []string{"cl_1", "cl_6", "cl_2"}},
		{"brand filter", model.ClientQuery{Member: olga, BrandID: brand2}, []string{"cl_4", "cl_3"}},
		{"agent sees their brand only", model.ClientQuery{Member: ana}, []string{"cl_1", "cl_6", "cl_2"}},
		{"agent filtering a foreign brand sees nothing", model.ClientQuery{Member: ana, BrandID: brand2}, []string{}},
		{"deactivated member sees nothing", model.ClientQuery{Member: dee}, []string{}},
		{"no match", model.ClientQuery{Member: olga, Prefix: "zz"}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := db.Clients(c.q)
			must(t, err)
			if got := clientIDs(p); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("listed %v, want %v", got, c.want)
			}
		})
	}
	// Paging with a prefix, one at a time.
	var got []string
	q := model.ClientQuery{Member: olga, Prefix: "mar", Limit: 1}
	for {
		p, err := db.Clients(q)
		must(t, err)
		got = append(got, clientIDs(p)...)
		if q.Cursor = p.Next; q.Cursor == "" {
			break
		}
	}
	if want := []string{"cl_1", "cl_6", "cl_2", "cl_3"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("paged %v, want %v", got, want)
	}
	// A rename moves the client in the order.
	update(t, db, 20, func(tx ports.Tx) error {
		d, _ := tx.Doc("cl_4")
		return d.Client().SetName("Zoe Berg")
	})
	p, _ := db.Clients(model.ClientQuery{Member: olga})
	if got := clientIDs(p); got[len(got)-1] != "cl_4" {
		t.Fatalf("after rename: %v", got)
	}
	checkConsistent(t, db)
}

func taskIDs(p model.TaskPage) []string {
	out := []string{}
	for _, tk := range p.Tasks {
		out = append(out, tk.ID)
	}
	return out
}

func TestTasksAreListedByDueDateWithUndatedLast(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createTasks(t, db, 10, []model.Task{
		{ID: "tk_1", Title: "undated", BrandID: brand1, AssigneeID: ana},
		{ID: "tk_2", Title: "late", BrandID: brand1, AssigneeID: ana, DueAt: 500, ThreadID: "th_1"},
		{ID: "tk_3", Title: "soon", BrandID: brand1, AssigneeID: ben, DueAt: 100, ClientID: "cl_1"},
		{ID: "tk_4", Title: "other brand", BrandID: brand2, AssigneeID: ben, DueAt: 50},
		{ID: "tk_5", Title: "done", BrandID: brand1, AssigneeID: ana, DueAt: 10},
		{ID: "tk_6", Title: "gone", BrandID: brand1, DueAt: 20},
		{ID: "tk_7", Title: "undated 2", BrandID: brand1, ThreadID: "th_1"},
	}, "tk_5", "tk_6")
	cases := []struct {
		name string
		q    model.TaskQuery
		want []string
	}{
		{"open, owner", model.TaskQuery{Member: olga}, []string{"tk_4", "tk_3", "tk_2", "tk_1", "tk_7"}},
		{"open, agent of brand 1", model.TaskQuery{Member: ana}, []string{"tk_3", "tk_2", "tk_1", "tk_7"}},
		{"done", model.TaskQuery{Member: olga, Done: true}, []string{"tk_5"}},
		{"assignee", model.TaskQuery{Member: olga, AssigneeID: ana}, []string{"tk_2", "tk_1"}},
		{"thread", model.TaskQuery{Member: olga, ThreadID: "th_1"}, []string{"tk_2", "tk_7"}},
		{"client", model.TaskQuery{Member: olga, ClientID: "cl_1"}, []string{"tk_3"}},
		{"assignee without access", model.TaskQuery{Member: ana, AssigneeID: ben}, []string{"tk_3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := db.Tasks(c.q)
			must(t, err)
			if got := taskIDs(p); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("listed %v, want %v", got, c.want)
			}
		})
	}
	var got []string
	q := model.TaskQuery{Member: olga, Limit: 2}
	for {
		p, err := db.Tasks(q)
		must(t, err)
		got = append(got, taskIDs(p)...)
		if q.Cursor = p.Next; q.Cursor == "" {
			break
		}
	}
	if want := cases[0].want; !reflect.DeepEqual(got, want) {
		t.Fatalf("paged %v, want %v", got, want)
	}
	// Completing a task moves it to the done list.
	update(t, db, 20, func(tx ports.Tx) error {
		d, _ := tx.Doc("tk_3")
		return d.Task().SetDone(true, ben, 20)
	})
	if p, _ := db.Tasks(model.TaskQuery{Member: olga, Done: true}); !reflect.DeepEqual(taskIDs(p), []string{"tk_5", "tk_3"}) {
		t.Fatalf("done after completing: %v", taskIDs(p))
	}
	checkConsistent(t, db)
}

func TestDueBeforeListsOverdueTasksFromTheDueDateIndex(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createTasks(t, db, 10, []model.Task{
		{ID: "tk_1", Title: "undated", BrandID: brand1, AssigneeID: ana},
		{ID: "tk_2", Title: "due at the bound", BrandID: brand1, AssigneeID: ana, DueAt: 500},
		{ID: "tk_3", Title: "overdue", BrandID: brand1, AssigneeID: ben, DueAt: 100},
		{ID: "tk_4", Title: "overdue, other brand", BrandID: brand2, AssigneeID: ben, DueAt: 50},
		{ID: "tk_5", Title: "done late", BrandID: brand1, AssigneeID: ana, DueAt: 10},
		{ID: "tk_6", Title: "deleted", BrandID: brand1, DueAt: 20},
		{ID: "tk_7", Title: "overdue too", BrandID: brand1, AssigneeID: ana, DueAt: 499},
		{ID: "tk_8", Title: "later", BrandID: brand1, AssigneeID: ana, DueAt: 900},
	}, "tk_5", "tk_6")
	cases := []struct {
		name string
		q    model.TaskQuery
		want []string
	}{
		{"open, due strictly before, undated left out", model.TaskQuery{Member: olga, DueBefore: 500}, []string{"tk_4", "tk_3", "tk_7"}},
		{"bound after every due date", model.TaskQuery{Member: olga, DueBefore: 1 << 50}, []string{"tk_4", "tk_3", "tk_7", "tk_2", "tk_8"}},
		{"nothing due yet", model.TaskQuery{Member: olga, DueBefore: 50}, []string{}},
		{"agent of brand 1", model.TaskQuery{Member: ana, DueBefore: 500}, []string{"tk_3", "tk_7"}},
		{"with an assignee", model.TaskQuery{Member: olga, AssigneeID: ana, DueBefore: 501}, []string{"tk_7", "tk_2"}},
		{"done", model.TaskQuery{Member: olga, Done: true, DueBefore: 500}, []string{"tk_5"}},
		{"no bound: every open task", model.TaskQuery{Member: olga}, []string{"tk_4", "tk_3", "tk_7", "tk_2", "tk_8", "tk_1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := db.Tasks(c.q)
			must(t, err)
			if got := taskIDs(p); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("listed %v, want %v", got, c.want)
			}
			if p.Next != "" {
				t.Fatalf("a bounded list that fits one page has a next cursor %q", p.Next)
			}
		})
	}

	// Paging one at a time stays inside the bound and ends without an empty extra page.
	var got []string
	pages := 0
	q := model.TaskQuery{Member: olga, DueBefore: 500, Limit: 1}
	for {
		p, err := db.Tasks(q)
		must(t, err)
		pages++
		got = append(got, taskIDs(p)...)
		if q.Cursor = p.Next; q.Cursor == "" {
			break
		}
	}
	if want := []string{"tk_4", "tk_3", "tk_7"}; !reflect.DeepEqual(got, want) || pages != 3 {
		t.Fatalf("paged %v in %d pages, want %v in 3", got, pages, want)
	}

	// Moving a due date moves the task in or out of the overdue list.
	update(t, db, 20, func(tx ports.Tx) error {
		d, _ := tx.Doc("tk_8")
		if err := d.Task().SetDue(200); err != nil {
			return err
		}
		d, _ = tx.Doc("tk_3")
		return d.Task().SetDue(0)
	})
	p, err := db.Tasks(model.TaskQuery{Member: olga, DueBefore: 500})
	must(t, err)
	if want := []string{"tk_4", "tk_8", "tk_7"}; !reflect.DeepEqual(taskIDs(p), want) {
		t.Fatalf("after moving due dates: %v, want %v", taskIDs(p), want)
	}

	if _, err := db.Tasks(model.TaskQuery{Member: olga, DueBefore: -1}); model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("a negative bound: %v", err)
	}
	checkConsistent(t, db)

	// The walk ends at the bound: an index entry past it is never read. This one names a row
	// that does not exist, so reading it would fail the query.
	ghost := taskIndex('o', taskDimAll, "") + taskSort(600, "tk_ghost")
	must(t, db.bdb.Update(func(txn *badger.Txn) error { return txn.Set([]byte(ghost), nil) }))
	if _, err := db.Tasks(model.TaskQuery{Member: olga, DueBefore: 500}); err != nil {
		t.Fatalf("the bounded walk read past its bound: %v", err)
	}
	if _, err := db.Tasks(model.TaskQuery{Member: olga}); err == nil {
		t.Fatal("the unbounded walk did not reach the entry past the bound; the check above proves nothing")
	}
}
