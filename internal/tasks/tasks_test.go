package tasks_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb/localdbtest"
)

// fixture: Downtown and Uptown; ana (Agent, Downtown), ben (Agent, Uptown), vic (Viewer, both);
// a Downtown client with an SMS thread.
type fixture struct {
	t                    *testing.T
	ctx                  context.Context
	clock                *ports.StepClock
	store                ports.Store
	tasks                *tasks.Service
	in                   *inbox.Service
	team                 *team.Service
	owner, ana, ben, vic model.Member
	downtown, uptown     model.Brand
	client               model.Client
	thread               model.Thread
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := localdbtest.Open(t)
	clock := &ports.StepClock{T: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	f := &fixture{t: t, ctx: context.Background(), clock: clock, store: db, tasks: tasks.New(db, clock), in: inbox.New(db, clock), team: team.New(db, clock)}
	ws, owner, err := f.team.CreateWorkspace(f.ctx, team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	f.must(err)
	f.owner, f.downtown = owner, ws.Brands[0]
	f.uptown, err = f.team.AddBrand(f.ctx, owner.ID, "Uptown")
	f.must(err)
	add := func(name string, role model.Role, brands ...string) model.Member {
		m, err := f.team.AddMember(f.ctx, owner.ID, team.NewMember{Name: name, Role: role, Brands: brands})
		f.must(err)
		return m
	}
	f.ana = add("Ana Silva", model.RoleAgent, f.downtown.ID)
	f.ben = add("Ben Okafor", model.RoleAgent, f.uptown.ID)
	f.vic = add("Vic Viewer", model.RoleViewer, f.downtown.ID, f.uptown.ID)
	f.client, err = f.in.CreateClient(f.ctx, owner.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Maria Lopez"})
	f.must(err)
	f.thread, err = f.in.StartThread(f.ctx, owner.ID, f.client.ID, model.ChannelSMS, "")
	f.must(err)
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code model.Code) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) || e.Code != code || e.Message == "" {
		t.Fatalf("want a %s error with a sentence, got %v", code, err)
	}
}

func TestTaskTakesBrandFromItsLink(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name          string
		in            tasks.NewTask
		brand, client string
	}{
		{"thread link also links its client", tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID}, f.downtown.ID, f.client.ID},
		{"client link", tasks.NewTask{Title: "Send voucher", ClientID: f.client.ID}, f.downtown.ID, f.client.ID},
		{"no link", tasks.NewTask{Title: "Restock shelf"}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk, err := f.tasks.Create(f.ctx, f.ana.ID, tc.in)
			f.must(err)
			if tk.BrandID != tc.brand || tk.ClientID != tc.client || tk.CreatedBy != f.ana.ID || tk.Done {
				t.Fatalf("task: %+v", tk)
			}
		})
	}
	other, err := f.in.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Kim"})
	f.must(err)
	_, err = f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "x", ThreadID: f.thread.ID, ClientID: other.ID})
	wantCode(t, err, model.CodeInvalid)
}

func TestTaskAssigneeMustHaveAccessToBrand(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name     string
		assignee string
		want     model.Code
	}{
		{"agent of the brand", f.ana.ID, ""},
		{"owner", f.owner.ID, ""},
		{"agent of another brand", f.ben.ID, model.CodeForbidden},
		{"viewer", f.vic.ID, model.CodeInvalid},
		{"unknown", "mb_nobody", model.CodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID, AssigneeID: tc.assignee})
			if tc.want != "" {
				wantCode(t, err, tc.want)
				return
			}
			f.must(err)
			if tk.AssigneeID != tc.assignee {
				t.Fatalf("assignee %q", tk.AssigneeID)
			}
		})
	}
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ClientID: f.client.ID})
	f.must(err)
	ben := f.ben.ID
	_, err = f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{AssigneeID: &ben})
	wantCode(t, err, model.CodeForbidden)
	// A task linked to nothing may go to anyone active who is not a Viewer.
	_, err = f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Restock", AssigneeID: f.ben.ID})
	f.must(err)
}

func TestTaskOutsideYourBrandsIsHidden(t *testing.T) {
	f := newFixture(t)
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID})
	f.must(err)
	_, err = f.tasks.Get(f.ctx, f.ben.ID, tk.ID)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.tasks.SetDone(f.ctx, f.ben.ID, tk.ID, true)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.tasks.Create(f.ctx, f.ben.ID, tasks.NewTask{Title: "x", ClientID: f.client.ID})
	wantCode(t, err, model.CodeForbidden)
	page, err := f.tasks.List(f.ctx, f.ben.ID, model.TaskQuery{})
	f.must(err)
	if len(page.Tasks) != 0 {
		t.Fatalf("Ben lists %+v", page.Tasks)
	}
	page, err = f.tasks.List(f.ctx, f.ana.ID, model.TaskQuery{ThreadID: f.thread.ID})
	f.must(err)
	if len(page.Tasks) != 1 || page.Tasks[0].ID != tk.ID {
		t.Fatalf("Ana lists %+v", page.Tasks)
	}
}

func TestViewerReadsTasksButNeverWrites(t *testing.T) {
	f := newFixture(t)
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID})
	f.must(err)
	title := "x"
	for name, do := range map[string]func() error{
		"Create":  func() error { _, err := f.tasks.Create(f.ctx, f.vic.ID, tasks.NewTask{Title: "x"}); return err },
		"Update":  func() error { _, err := f.tasks.Update(f.ctx, f.vic.ID, tk.ID, tasks.Patch{Title: &title}); return err },
		"SetDone": func() error { _, err := f.tasks.SetDone(f.ctx, f.vic.ID, tk.ID, true); return err },
		"Delete":  func() error { return f.tasks.Delete(f.ctx, f.vic.ID, tk.ID) },
	} {
		t.Run(name, func(t *testing.T) { wantCode(t, do(), model.CodeForbidden) })
	}
	got, err := f.tasks.Get(f.ctx, f.vic.ID, tk.ID)
	f.must(err)
	if got.Title != "Call back" || got.Done {
		t.Fatalf("a Viewer changed the task: %+v", got)
	}
}

func TestSetDoneRecordsWhoAndWhen(t *testing.T) {
	f := newFixture(t)
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID})
	f.must(err)
	done, err := f.tasks.SetDone(f.ctx, f.ana.ID, tk.ID, true)
	f.must(err)
	if !done.Done || done.DoneBy != f.ana.ID || done.DoneAt <= tk.CreatedAt {
		t.Fatalf("done: %+v", done)
	}
	open, err := f.tasks.List(f.ctx, f.ana.ID, model.TaskQuery{})
	f.must(err)
	closed, err := f.tasks.List(f.ctx, f.ana.ID, model.TaskQuery{Done: true})
	f.must(err)
	if len(open.Tasks) != 0 || len(closed.Tasks) != 1 {
		t.Fatalf("open %d, done %d", len(open.Tasks), len(closed.Tasks))
	}
	undone, err := f.tasks.SetDone(f.ctx, f.ana.ID, tk.ID, false)
	f.must(err)
	if undone.Done || undone.DoneBy != "" || undone.DoneAt != 0 {
		t.Fatalf("undone: %+v", undone)
	}
}

func TestUpdateChangesOnlyWhatIsGiven(t *testing.T) {
	f := newFixture(t)
	due := f.clock.Now().Add(48 * time.Hour).UnixMilli()
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", Notes: "after 5pm", DueAt: due, ThreadID: f.thread.ID})
	f.must(err)
	title, remind, ana := "Call Maria back", due-3600_000, f.ana.ID
	got, err := f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{Title: &title, RemindAt: &remind, AssigneeID: &ana})
	f.must(err)
	if got.Title != title || got.Notes != "after 5pm" || got.DueAt != due || got.RemindAt != remind || got.AssigneeID != ana {
		t.Fatalf("task: %+v", got)
	}
	empty, negative := "  ", int64(-1)
	_, err = f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{Title: &empty})
	wantCode(t, err, model.CodeInvalid)
	_, err = f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{DueAt: &negative})
	wantCode(t, err, model.CodeInvalid)
}

func TestDeletedTaskIsGone(t *testing.T) {
	f := newFixture(t)
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ClientID: f.client.ID})
	f.must(err)
	f.must(f.tasks.Delete(f.ctx, f.ana.ID, tk.ID))
	_, err = f.tasks.Get(f.ctx, f.ana.ID, tk.ID)
	wantCode(t, err, model.CodeNotFound)
	wantCode(t, f.tasks.Delete(f.ctx, f.ana.ID, tk.ID), model.CodeNotFound)
	page, err := f.tasks.List(f.ctx, f.ana.ID, model.TaskQuery{ClientID: f.client.ID})
	f.must(err)
	if len(page.Tasks) != 0 {
		t.Fatalf("listed: %+v", page.Tasks)
	}
}

func TestTaskForDeletedThreadIsRefused(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.DeleteThread(f.ctx, f.owner.ID, f.thread.ID))
	_, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "x", ThreadID: f.thread.ID})
	wantCode(t, err, model.CodeNotFound)
}

func TestReminderGoesOffAtOrBeforeTheDueTime(t *testing.T) {
	f := newFixture(t)
	due := f.clock.Now().Add(24 * time.Hour).UnixMilli()
	_, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID, DueAt: due, RemindAt: due + 1})
	wantCode(t, err, model.CodeInvalid)
	tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Call back", ThreadID: f.thread.ID, DueAt: due, RemindAt: due})
	f.must(err)
	// A reminder without a due date, and a due date moved before the reminder.
	undated, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Order colour", ClientID: f.client.ID, RemindAt: due})
	f.must(err)
	if undated.RemindAt != due {
		t.Fatalf("reminder of an undated task: %+v", undated)
	}
	earlier := due - 3_600_000
	_, err = f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{DueAt: &earlier})
	wantCode(t, err, model.CodeInvalid)
	remind := earlier - 60_000
	got, err := f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{DueAt: &earlier, RemindAt: &remind})
	f.must(err)
	if got.DueAt != earlier || got.RemindAt != remind {
		t.Fatalf("moved: %+v", got)
	}

	// Two devices may each move one time and merge into a reminder after the due time: a
	// change that leaves the times alone still goes through.
	f.must(f.store.Update(f.ctx, f.clock.Now(), func(tx ports.Tx) error {
		d, err := tx.Doc(tk.ID)
		if err != nil {
			return err
		}
		return d.Task().SetReminder(earlier + 60_000)
	}))
	title := "Call Maria back"
	if _, err := f.tasks.Update(f.ctx, f.ana.ID, tk.ID, tasks.Patch{Title: &title}); err != nil {
		t.Fatalf("a title change on a merged task: %v", err)
	}
}

func TestOverdueTasksAreOpenTasksDueBeforeNow(t *testing.T) {
	f := newFixture(t)
	now := f.clock.Now()
	mk := func(title string, due time.Time) model.Task {
		tk, err := f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: title, ThreadID: f.thread.ID, AssigneeID: f.ana.ID, DueAt: due.UnixMilli()})
		f.must(err)
		return tk
	}
	late := mk("Late", now.Add(-48*time.Hour))
	later := mk("Just late", now.Add(-time.Minute))
	mk("Tomorrow", now.Add(24*time.Hour))
	done := mk("Done late", now.Add(-72*time.Hour))
	_, err := f.tasks.SetDone(f.ctx, f.ana.ID, done.ID, true)
	f.must(err)
	_, err = f.tasks.Create(f.ctx, f.ana.ID, tasks.NewTask{Title: "Undated", ThreadID: f.thread.ID})
	f.must(err)

	page, err := f.tasks.List(f.ctx, f.ana.ID, model.TaskQuery{DueBefore: now.UnixMilli()})
	f.must(err)
	var got []string
	for _, tk := range page.Tasks {
		got = append(got, tk.ID)
	}
	if len(got) != 2 || got[0] != late.ID || got[1] != later.ID {
		t.Fatalf("overdue: %v, want [%s %s] (most overdue first)", got, late.ID, later.ID)
	}
	// Ben cannot see Downtown's tasks, overdue or not.
	page, err = f.tasks.List(f.ctx, f.ben.ID, model.TaskQuery{DueBefore: now.UnixMilli()})
	f.must(err)
	if len(page.Tasks) != 0 {
		t.Fatalf("ben sees %+v", page.Tasks)
	}
}
