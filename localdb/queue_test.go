package localdb

import (
	"fmt"
	"reflect"
	"testing"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// seedQueueTasks gives Ana an overdue, a future, an undated, a done and a deleted task, and
// Ben one overdue task; "now" for them is 1000.
func seedQueueTasks(t *testing.T, db *DB) {
	createTasks(t, db, 200, []model.Task{
		{ID: "tk_late", BrandID: brand1, AssigneeID: ana, DueAt: 500},
		{ID: "tk_later", BrandID: brand1, AssigneeID: ana, DueAt: 2000},
		{ID: "tk_undated", BrandID: brand1, AssigneeID: ana},
		{ID: "tk_done", BrandID: brand1, AssigneeID: ana, DueAt: 10},
		{ID: "tk_gone", BrandID: brand1, AssigneeID: ana, DueAt: 20},
		{ID: "tk_ben", BrandID: brand2, AssigneeID: ben, DueAt: 999},
		{ID: "tk_due_now", BrandID: brand2, AssigneeID: ben, DueAt: 1000},
	}, "tk_done", "tk_gone")
}

func queueQuery(member string) model.QueueQuery {
	return model.QueueQuery{Member: member, Members: []string{olga, ana, ben}, Brands: []string{brand1, brand2}, Now: 1000}
}

func TestQueueCountsOpenAssignedUnreadOverdueAndUnassignedPerBrand(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	seedQueueTasks(t, db)

	got, err := db.Queue(queueQuery(olga))
	must(t, err)
	want := model.Queue{
		Members: []model.MemberLoad{
			{MemberID: olga},
			// th_a (read by Ana); th_g is deleted.
			{MemberID: ana, Open: 1, Unread: 0, Overdue: 1},
			// th_c, never read by Ben; th_d is resolved. A task due at "now" is not late yet.
			{MemberID: ben, Open: 1, Unread: 1, Overdue: 1},
		},
		Unassigned: model.Count{Total: 2, Unread: 2}, // th_b, th_f
		Brands: []model.BrandLoad{
			{BrandID: brand1, Open: 2, Unassigned: 1}, // th_a, th_b
			{BrandID: brand2, Open: 2, Unassigned: 1}, // th_c, th_f
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("queue\n got %+v\nwant %+v", got, want)
	}

	// The unassigned queue is the asker's own Unassigned view: Ana sees brand 1 only.
	got, err = db.Queue(queueQuery(ana))
	must(t, err)
	if got.Unassigned != (model.Count{Total: 1, Unread: 1}) {
		t.Fatalf("Ana's unassigned queue %+v, want th_b alone", got.Unassigned)
	}

	// The counts follow writes: Ben takes th_b, Ana resolves th_a.
	update(t, db, 400, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_b")
		if err := d.Thread().SetAssignee(ben); err != nil {
			return err
		}
		d, _ = tx.Doc("th_a")
		return d.Thread().SetStatus(model.StatusResolved)
	})
	got, err = db.Queue(queueQuery(olga))
	must(t, err)
	if got.Members[1].Open != 0 || got.Members[2].Open != 2 || got.Unassigned.Total != 1 ||
		got.Brands[0] != (model.BrandLoad{BrandID: brand1, Open: 1}) {
		t.Fatalf("after Ben took th_b and th_a was resolved: %+v", got)
	}
	checkConsistent(t, db)
}

func TestQueueScansStopAtTheLimitAndSaySo(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	seedQueueTasks(t, db)
	update(t, db, 500, func(tx ports.Tx) error {
		d, err := tx.Doc("tk_late2")
		if err != nil {
			return err
		}
		return d.Task().Create(model.Task{BrandID: brand1, AssigneeID: ana, DueAt: 600})
	})
	defer func(n int) { queueScanLimit = n }(queueScanLimit)
	queueScanLimit = 1

	got, err := db.Queue(queueQuery(olga))
	must(t, err)
	if l := got.Members[1]; l.Overdue != 1 || !l.OverdueMore {
		t.Fatalf("Ana has two overdue tasks, limit 1: %+v", l)
	}
	if l := got.Members[2]; l.Overdue != 1 || l.OverdueMore {
		t.Fatalf("Ben has exactly one overdue task, limit 1: %+v", l)
	}
	for _, b := range got.Brands {
		if !b.UnassignedMore {
			t.Fatalf("two candidates to look up, limit 1, yet no 'more': %+v", b)
		}
	}
}

func TestQueueIsAskedForByAMember(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	for _, who := range []string{"", "mb_nobody"} {
		if _, err := db.Queue(queueQuery(who)); err == nil {
			t.Fatalf("queue for %q: no error", who)
		}
	}
}

func TestQueueCountsSharedEntriesWhicheverWayItWalksTheIndexes(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	for i := range 12 {
		createThread(t, db, threadSpec{id: fmt.Sprintf("th_%02d", i), brand: brand1, createdAt: int64(100 + i)})
	}
	createThread(t, db, threadSpec{id: "th_up", brand: brand2, createdAt: 200})
	// Brand 1 (12) against the unassigned index (13): walked side by side. Brand 2 (1):
	// looked up, since 10 lookups cost less than stepping through 14 keys.
	if cheaperToLookUp(12, 13) || !cheaperToLookUp(1, 13) {
		t.Fatal("the fixture no longer takes both ways")
	}
	q := model.QueueQuery{Member: olga, Brands: []string{brand1, brand2}}
	got, err := db.Queue(q)
	must(t, err)
	want := []model.BrandLoad{{BrandID: brand1, Open: 12, Unassigned: 12}, {BrandID: brand2, Open: 1, Unassigned: 1}}
	if !reflect.DeepEqual(got.Brands, want) {
		t.Fatalf("brands %+v, want %+v", got.Brands, want)
	}
	// A key that is not in the large index is not counted.
	update(t, db, 300, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_up")
		return d.Thread().SetAssignee(ben)
	})
	got, err = db.Queue(q)
	must(t, err)
	if got.Brands[1] != (model.BrandLoad{BrandID: brand2, Open: 1}) {
		t.Fatalf("brand 2 after its thread was assigned: %+v", got.Brands[1])
	}
}
