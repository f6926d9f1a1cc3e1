package notify_test

import (
	"context"
	"huddle/internal/desktop/desktoptest"
	"log/slog"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/notify"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/localdb/localdbtest"
)

// fixture: a salon with Downtown; olga (Owner), ana and ben (Agents, Downtown); a client
// Maria Lopez with an SMS thread. Writes are stamped by a clock that steps a second per
// reading from 9:00 on a Saturday; passes of the dispatcher are at times the test names.
type fixture struct {
	t              *testing.T
	ctx            context.Context
	clock          *ports.StepClock
	db             *localdb.DB
	in             *inbox.Service
	tasks          *tasks.Service
	notify         *notify.Service
	olga, ana, ben model.Member
	client         model.Client
	thread         model.Thread
	desk           *desktoptest.Recorder
	signedIn       string
	dispatcher     *notify.Dispatcher
	centreChanged  int
}

var start = time.Date(2025, 3, 1, 9, 0, 0, 0, time.Local)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := localdbtest.Open(t)
	clock := &ports.StepClock{T: start}
	f := &fixture{t: t, ctx: context.Background(), clock: clock, db: db, in: inbox.New(db, clock),
		tasks: tasks.New(db, clock), notify: notify.New(db, clock), desk: &desktoptest.Recorder{}}
	tm := team.New(db, clock)
	ws, olga, err := tm.CreateWorkspace(f.ctx, team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	f.must(err)
	f.olga = olga
	add := func(name string) model.Member {
		m, err := tm.AddMember(f.ctx, olga.ID, team.NewMember{Name: name, Role: model.RoleAgent, Brands: []string{ws.Brands[0].ID}})
		f.must(err)
		return m
	}
	f.ana, f.ben = add("Ana Silva"), add("Ben Okafor")
	f.client, err = f.in.CreateClient(f.ctx, olga.ID, inbox.NewClient{BrandID: ws.Brands[0].ID, Name: "Maria Lopez"})
	f.must(err)
	f.thread, err = f.in.StartThread(f.ctx, olga.ID, f.client.ID, model.ChannelSMS, "Colour on Friday")
	f.must(err)
	f.signedIn = f.ana.ID
	f.dispatcher = f.newDispatcher()
	return f
}

// newDispatcher is the native notifier as a fresh start of the app makes it.
func (f *fixture) newDispatcher() *notify.Dispatcher { return notifyDispatcher(f, f.desk) }

func notifyDispatcher(f *fixture, desk notify.Desktop) *notify.Dispatcher {
	return notify.NewDispatcher(f.db, desk, f.clock, func() string { return f.signedIn },
		func() { f.centreChanged++ }, slog.New(slog.DiscardHandler))
}

// tick runs one pass at the fixture clock's time plus d, and returns its next wake-up.
func (f *fixture) tick(d time.Duration) time.Time {
	f.t.Helper()
	next, err := f.dispatcher.Tick(f.clock.T.Add(d))
	f.must(err)
	return next
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// tasksNew is a task for Ana on the fixture's thread reminding at remindAt.
func tasksNew(f *fixture, title string, remindAt int64) tasks.NewTask {
	return tasks.NewTask{Title: title, AssigneeID: f.ana.ID, ThreadID: f.thread.ID, RemindAt: remindAt}
}
