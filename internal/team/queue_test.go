package team_test

import (
	"reflect"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/tasks"
)

// queueFixture: Downtown and Uptown; an Admin and Ana at Downtown, Ben at Uptown, Tom a
// Viewer, Dee deactivated. Each brand has one client whose chat nobody holds; Ana holds two
// Downtown threads (one she has read) and has one overdue and one future task; Ben holds one
// Uptown thread.
type queueFixture struct {
	*fixture
	uptown               model.Brand
	admin, ana, ben, tom model.Member
}

func newQueueFixture(t *testing.T) *queueFixture {
	f := &queueFixture{fixture: newFixture(t)}
	start := f.clock.T // the clock only moves forward from here
	var err error
	f.uptown, err = f.team.AddBrand(f.ctx, f.owner.ID, "Uptown")
	f.must(err)
	f.admin = f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	f.ana = f.add(f.owner.ID, "Ana Silva", model.RoleAgent, f.first.ID)
	f.ben = f.add(f.owner.ID, "Ben Okafor", model.RoleAgent, f.uptown.ID)
	f.tom = f.add(f.owner.ID, "Tom Hughes", model.RoleViewer, f.first.ID)
	dee := f.add(f.owner.ID, "Dee Marsh", model.RoleAgent, f.first.ID)
	_, err = f.team.Deactivate(f.ctx, f.owner.ID, dee.ID)
	f.must(err)

	// hold gives who threads new threads of a new client of brand, and has them read some.
	hold := func(brand model.Brand, client string, who model.Member, threads, read int) model.Client {
		cl, err := f.in.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: brand.ID, Name: client})
		f.must(err)
		for i := range threads {
			th, err := f.in.StartThread(f.ctx, f.owner.ID, cl.ID, model.ChannelSMS, "")
			f.must(err)
			f.must(f.in.Assign(f.ctx, f.owner.ID, th.ID, who.ID))
			if i < read {
				f.must(f.in.MarkRead(f.ctx, who.ID, th.ID))
			}
		}
		return cl
	}
	maria := hold(f.first, "Maria Lopez", f.ana, 2, 1)
	hold(f.uptown, "Joe Kim", f.ben, 1, 0)
	for _, due := range []time.Time{start, start.Add(365 * 24 * time.Hour)} {
		_, err = f.tasks.Create(f.ctx, f.owner.ID, tasks.NewTask{Title: "Call back", ClientID: maria.ID, AssigneeID: f.ana.ID, DueAt: due.UnixMilli()})
		f.must(err)
	}
	return f
}

func TestQueueShowsEachActiveTeammatesLoadTheUnassignedQueueAndBrandTotals(t *testing.T) {
	f := newQueueFixture(t)
	got, err := f.team.Queue(f.ctx, f.owner.ID)
	f.must(err)
	// Members come in the workspace's order, which is by name.
	want := model.Queue{
		Members: []model.MemberLoad{
			{MemberID: f.ana.ID, Assignable: true, Open: 2, Unread: 1, Overdue: 1},
			{MemberID: f.ben.ID, Assignable: true, Open: 1, Unread: 1},
			{MemberID: f.owner.ID, Assignable: true},
			{MemberID: f.admin.ID, Assignable: true},
			{MemberID: f.tom.ID}, // a Viewer holds no work; Dee is deactivated and not listed
		},
		// The two clients' chats, which the Owner opened, so read.
		Unassigned: model.Count{Total: 2, Unread: 0},
		Brands: []model.BrandLoad{
			{BrandID: f.first.ID, Open: 3, Unassigned: 1},
			{BrandID: f.uptown.ID, Open: 2, Unassigned: 1},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Owner's queue\n got %+v\nwant %+v", got, want)
	}
}

func TestAdminsQueueCoversTheirBrandsButEveryTeammatesWholeLoad(t *testing.T) {
	f := newQueueFixture(t)
	got, err := f.team.Queue(f.ctx, f.admin.ID)
	f.must(err)
	if len(got.Brands) != 1 || got.Brands[0].BrandID != f.first.ID {
		t.Fatalf("Admin of Downtown sees brand totals %+v", got.Brands)
	}
	if got.Unassigned.Total != 1 {
		t.Fatalf("Admin's unassigned queue %+v, want Downtown's one chat", got.Unassigned)
	}
	if len(got.Members) != 5 || got.Members[1].MemberID != f.ben.ID || got.Members[1].Open != 1 {
		t.Fatalf("Admin sees members %+v, want every active one with their whole load", got.Members)
	}
}

func TestOnlyOwnersAndAdminsSeeTheTeamQueue(t *testing.T) {
	f := newQueueFixture(t)
	for _, m := range []model.Member{f.ana, f.tom} {
		_, err := f.team.Queue(f.ctx, m.ID)
		wantCode(t, err, model.CodeForbidden)
	}
	_, err := f.team.Queue(f.ctx, "mb_stranger")
	wantCode(t, err, model.CodeForbidden)
}
