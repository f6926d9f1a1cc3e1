package team_test

import (
	"slices"
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/tasks"
	"huddle/internal/team"
)

// work gives member an open thread, a resolved thread and an open and a done task, in brand.
func (f *fixture) work(member model.Member, brand model.Brand) (open, resolved model.Thread, openTask, doneTask model.Task) {
	f.t.Helper()
	cl, err := f.in.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: brand.ID, Name: "Maria Lopez"})
	f.must(err)
	open, err = f.in.StartThread(f.ctx, f.owner.ID, cl.ID, model.ChannelSMS, "")
	f.must(err)
	resolved, err = f.in.StartThread(f.ctx, f.owner.ID, cl.ID, model.ChannelEmail, "")
	f.must(err)
	for _, th := range []model.Thread{open, resolved} {
		f.must(f.in.Assign(f.ctx, f.owner.ID, th.ID, member.ID))
	}
	f.must(f.in.Resolve(f.ctx, f.owner.ID, resolved.ID))
	openTask, err = f.tasks.Create(f.ctx, f.owner.ID, tasks.NewTask{Title: "Call back", ThreadID: open.ID, AssigneeID: member.ID})
	f.must(err)
	doneTask, err = f.tasks.Create(f.ctx, f.owner.ID, tasks.NewTask{Title: "Send voucher", ClientID: cl.ID, AssigneeID: member.ID})
	f.must(err)
	_, err = f.tasks.SetDone(f.ctx, member.ID, doneTask.ID, true)
	f.must(err)
	return open, resolved, openTask, doneTask
}

func TestDeactivatingMemberRequeuesOpenThreadsAndTasks(t *testing.T) {
	f := newFixture(t)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	ana := f.add(f.owner.ID, "Ana Silva", model.RoleAgent, f.first.ID)
	open, resolved, openTask, doneTask := f.work(ana, f.first)
	chore, err := f.tasks.Create(f.ctx, f.owner.ID, tasks.NewTask{Title: "Restock shelf", AssigneeID: ana.ID})
	f.must(err)

	rq, err := f.team.Deactivate(f.ctx, admin.ID, ana.ID)
	f.must(err)
	if rq != (team.Requeued{Threads: 1, Tasks: 2}) {
		t.Fatalf("requeued %+v", rq)
	}
	th, err := f.in.Thread(f.ctx, admin.ID, open.ID)
	f.must(err)
	if th.AssigneeID != "" {
		t.Fatal("open thread still assigned")
	}
	page, err := f.in.Threads(f.ctx, admin.ID, model.ThreadQuery{View: model.ViewUnassigned})
	f.must(err)
	if !slices.ContainsFunc(page.Threads, func(th model.Thread) bool { return th.ID == open.ID }) {
		t.Fatalf("requeued thread not in the managers' Unassigned view: %+v", page.Threads)
	}
	ms, err := f.in.Messages(f.ctx, admin.ID, open.ID)
	f.must(err)
	last := ms[len(ms)-1]
	if last.Event != model.EventRequeued || last.Subject != ana.ID || last.AuthorID != admin.ID {
		t.Fatalf("last entry: %+v", last)
	}
	// History stays: the resolved thread keeps its assignee, the done task its doer.
	if th, _ := f.in.Thread(f.ctx, admin.ID, resolved.ID); th.AssigneeID != ana.ID {
		t.Fatal("resolved thread lost its assignee")
	}
	for _, tc := range []struct {
		task model.Task
		want string
	}{{openTask, ""}, {chore, ""}, {doneTask, ana.ID}} {
		got, err := f.tasks.Get(f.ctx, admin.ID, tc.task.ID)
		f.must(err)
		if got.AssigneeID != tc.want {
			t.Fatalf("task %q assignee %q, want %q", got.Title, got.AssigneeID, tc.want)
		}
	}
	if m, _ := f.member(ana.ID); m.Active {
		t.Fatal("still active")
	}
	// Deactivating again changes nothing.
	rq, err = f.team.Deactivate(f.ctx, admin.ID, ana.ID)
	f.must(err)
	if rq != (team.Requeued{}) {
		t.Fatalf("second deactivation requeued %+v", rq)
	}
}

func TestLosingBrandRequeuesThatBrandsWork(t *testing.T) {
	f := newFixture(t)
	up, err := f.team.AddBrand(f.ctx, f.owner.ID, "Uptown")
	f.must(err)
	ana := f.add(f.owner.ID, "Ana Silva", model.RoleAgent, f.first.ID, up.ID)
	downOpen, _, _, _ := f.work(ana, f.first)
	upOpen, _, upTask, _ := f.work(ana, up)
	only := []string{f.first.ID}
	rq, err := f.team.UpdateMember(f.ctx, f.owner.ID, ana.ID, team.MemberPatch{Brands: &only})
	f.must(err)
	if rq != (team.Requeued{Threads: 1, Tasks: 1}) {
		t.Fatalf("requeued %+v", rq)
	}
	for id, want := range map[string]string{downOpen.ID: ana.ID, upOpen.ID: ""} {
		th, err := f.in.Thread(f.ctx, f.owner.ID, id)
		f.must(err)
		if th.AssigneeID != want {
			t.Fatalf("thread of %s: assignee %q, want %q", th.BrandID, th.AssigneeID, want)
		}
	}
	if tk, _ := f.tasks.Get(f.ctx, f.owner.ID, upTask.ID); tk.AssigneeID != "" {
		t.Fatal("Uptown task still assigned")
	}
	// Becoming a Viewer requeues the rest: Viewers hold no work.
	viewer := model.RoleViewer
	rq, err = f.team.UpdateMember(f.ctx, f.owner.ID, ana.ID, team.MemberPatch{Role: &viewer})
	f.must(err)
	if rq.Threads != 1 || rq.Tasks != 1 {
		t.Fatalf("requeued %+v", rq)
	}
}

func TestDeactivatedMemberDoesNothing(t *testing.T) {
	f := newFixture(t)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	_, err := f.team.Deactivate(f.ctx, f.owner.ID, admin.ID)
	f.must(err)
	_, err = f.team.AddLabel(f.ctx, admin.ID, "VIP", "")
	wantCode(t, err, model.CodeForbidden)
	_, err = f.team.Workspace(f.ctx, admin.ID)
	wantCode(t, err, model.CodeForbidden)
	f.must(f.team.Reactivate(f.ctx, f.owner.ID, admin.ID))
	_, err = f.team.AddLabel(f.ctx, admin.ID, "VIP", "")
	f.must(err)
}

func TestRequeueLeavesThreadsAWriteParticipantTookThemselves(t *testing.T) {
	f := newFixture(t)
	up, err := f.team.AddBrand(f.ctx, f.owner.ID, "Uptown")
	f.must(err)
	river, err := f.team.AddBrand(f.ctx, f.owner.ID, "Riverside")
	f.must(err)
	ana := f.add(f.owner.ID, "Ana Silva", model.RoleAgent, up.ID, river.ID)
	cl, err := f.in.CreateClient(f.ctx, f.owner.ID, inbox.NewClient{BrandID: f.first.ID, Name: "Maria Lopez"})
	f.must(err)
	f.must(f.in.SetParticipant(f.ctx, f.owner.ID, cl.ChatThreadID, ana.ID, model.AccessWrite))
	f.must(f.in.Assign(f.ctx, ana.ID, cl.ChatThreadID, ana.ID))

	only := []string{up.ID}
	rq, err := f.team.UpdateMember(f.ctx, f.owner.ID, ana.ID, team.MemberPatch{Brands: &only})
	f.must(err)
	if rq != (team.Requeued{}) {
		t.Fatalf("requeued %+v", rq)
	}
	if th, _ := f.in.Thread(f.ctx, f.owner.ID, cl.ChatThreadID); th.AssigneeID != ana.ID {
		t.Fatalf("the participant lost a thread she may still write: assignee %q", th.AssigneeID)
	}
}
