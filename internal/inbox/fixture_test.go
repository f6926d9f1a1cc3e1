package inbox_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/localdb/localdbtest"
)

// fixture is a workspace with two brands and one member of each kind:
// owner (all), admin (both brands), ana (Agent, Downtown), ben (Agent, Uptown),
// vic (Viewer, both brands).
type fixture struct {
	t                           *testing.T
	ctx                         context.Context
	db                          *localdb.DB
	clock                       *ports.StepClock
	team                        *team.Service
	in                          *inbox.Service
	downtown, uptown            model.Brand
	owner, admin, ana, ben, vic model.Member
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := localdbtest.Open(t)
	f := &fixture{t: t, ctx: context.Background(), db: db,
		clock: &ports.StepClock{T: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}}
	f.team = team.New(db, f.clock)
	f.in = inbox.New(db, f.clock)
	ws, owner, err := f.team.CreateWorkspace(f.ctx, team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	f.must(err)
	f.owner, f.downtown = owner, ws.Brands[0]
	f.uptown, err = f.team.AddBrand(f.ctx, owner.ID, "Uptown")
	f.must(err)
	f.admin = f.member("Adam Admin", model.RoleAdmin, f.downtown.ID, f.uptown.ID)
	f.ana = f.member("Ana Silva", model.RoleAgent, f.downtown.ID)
	f.ben = f.member("Ben Okafor", model.RoleAgent, f.uptown.ID)
	f.vic = f.member("Vic Viewer", model.RoleViewer, f.downtown.ID, f.uptown.ID)
	return f
}

func (f *fixture) member(name string, role model.Role, brands ...string) model.Member {
	f.t.Helper()
	m, err := f.team.AddMember(f.ctx, f.owner.ID, team.NewMember{Name: name, Role: role, Brands: brands})
	f.must(err)
	return m
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// client creates a client of brand as the owner.
func (f *fixture) client(brand model.Brand, name string) model.Client {
	f.t.Helper()
	cl, err := f.in.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: brand.ID, Name: name, Phones: []string{"+44 7700 900123"}})
	f.must(err)
	return cl
}

// thread starts an SMS thread with a new client of brand, with one inbound message.
func (f *fixture) thread(brand model.Brand) model.Thread {
	f.t.Helper()
	cl := f.client(brand, "Maria Lopez")
	th, err := f.in.StartThread(f.ctx, f.owner.ID, cl.ID, model.ChannelSMS, "")
	f.must(err)
	_, err = f.in.RecordInbound(f.ctx, th.ID, "Hi, can I book a cut?", time.Time{})
	f.must(err)
	return f.row(th.ID)
}

// row reads a thread's read model as the owner.
func (f *fixture) row(id string) model.Thread {
	f.t.Helper()
	th, err := f.in.Thread(f.ctx, f.owner.ID, id)
	f.must(err)
	return th
}

func (f *fixture) messages(id string) []model.Message {
	f.t.Helper()
	ms, err := f.in.Messages(f.ctx, f.owner.ID, id)
	f.must(err)
	return ms
}

// inView reports whether thread id is on the first page of member's view.
func (f *fixture) inView(member string, v model.View, id string) bool {
	f.t.Helper()
	page, err := f.in.Threads(f.ctx, member, model.ThreadQuery{View: v, Limit: 500})
	f.must(err)
	return slices.ContainsFunc(page.Threads, func(th model.Thread) bool { return th.ID == id })
}

// wantClientGone checks that a deleted client and the given threads of it are gone.
func (f *fixture) wantClientGone(cl model.Client, threadIDs ...string) {
	f.t.Helper()
	for _, id := range append([]string{cl.ChatThreadID}, threadIDs...) {
		_, err := f.in.Thread(f.ctx, f.owner.ID, id)
		wantCode(f.t, err, model.CodeNotFound)
	}
	_, err := f.in.Client(f.ctx, f.owner.ID, cl.ID)
	wantCode(f.t, err, model.CodeNotFound)
}

// events returns the event codes of a thread's timeline, in order.
func (f *fixture) events(id string) []string {
	var out []string
	for _, m := range f.messages(id) {
		if m.Kind == model.KindEvent {
			out = append(out, m.Event)
		}
	}
	return out
}

func wantCode(t *testing.T, err error, code model.Code) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("want a %s error, got %v", code, err)
	}
	if e.Message == "" {
		t.Fatalf("error %v has no sentence", err)
	}
}
