package team_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/localdb/localdbtest"
)

type fixture struct {
	t     *testing.T
	ctx   context.Context
	db    *localdb.DB
	clock *ports.StepClock
	team  *team.Service
	in    *inbox.Service
	tasks *tasks.Service
	owner model.Member
	first model.Brand
}

// newFixture sets up a workspace with only its Owner and first brand, "Downtown".
func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := localdbtest.Open(t)
	clock := &ports.StepClock{T: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	f := &fixture{t: t, ctx: context.Background(), db: db, clock: clock, team: team.New(db, clock), in: inbox.New(db, clock), tasks: tasks.New(db, clock)}
	ws, owner, err := f.team.CreateWorkspace(f.ctx, team.NewWorkspace{Name: "Maison", OwnerName: "Camille Laurent", FirstBrand: "Downtown"})
	f.must(err)
	f.owner, f.first = owner, ws.Brands[0]
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) add(actor, name string, role model.Role, brands ...string) model.Member {
	f.t.Helper()
	m, err := f.team.AddMember(f.ctx, actor, team.NewMember{Name: name, Role: role, Brands: brands})
	f.must(err)
	return m
}

func (f *fixture) ws() model.Workspace {
	f.t.Helper()
	ws, err := f.team.Workspace(f.ctx, f.owner.ID)
	f.must(err)
	return ws
}

func (f *fixture) member(id string) (model.Member, bool) {
	ws := f.ws()
	return ws.Member(id)
}

func wantCode(t *testing.T, err error, code model.Code) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) || e.Code != code || e.Message == "" {
		t.Fatalf("want a %s error with a sentence, got %v", code, err)
	}
}

func TestCreateWorkspaceMakesOwnerAndFirstBrand(t *testing.T) {
	f := newFixture(t)
	ws := f.ws()
	if ws.Name != "Maison" || len(ws.Brands) != 1 || ws.Brands[0].Name != "Downtown" || len(ws.Members) != 1 {
		t.Fatalf("workspace: %+v", ws)
	}
	o := ws.Members[0]
	if o.ID != f.owner.ID || o.Role != model.RoleOwner || !o.Active || o.Handle != "camille" || o.Color == "" {
		t.Fatalf("owner: %+v", o)
	}
}

func TestSecondWorkspaceIsRefused(t *testing.T) {
	f := newFixture(t)
	_, _, err := f.team.CreateWorkspace(f.ctx, team.NewWorkspace{Name: "Other", OwnerName: "Eve", FirstBrand: "X"})
	wantCode(t, err, model.CodeConflict)
	if f.ws().Name != "Maison" {
		t.Fatal("workspace replaced")
	}
}

func TestOnlyOwnerGrantsOwner(t *testing.T) {
	f := newFixture(t)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	agent := f.add(admin.ID, "Léa Moreau", model.RoleAgent, f.first.ID) // Admins add members

	_, err := f.team.AddMember(f.ctx, admin.ID, team.NewMember{Name: "Eve", Role: model.RoleOwner})
	wantCode(t, err, model.CodeForbidden)
	owner := model.RoleOwner
	_, err = f.team.UpdateMember(f.ctx, admin.ID, agent.ID, team.MemberPatch{Role: &owner})
	wantCode(t, err, model.CodeForbidden)
	_, err = f.team.UpdateMember(f.ctx, admin.ID, admin.ID, team.MemberPatch{Role: &owner})
	wantCode(t, err, model.CodeForbidden)
	// An Admin cannot change an Owner either.
	agentRole := model.RoleAgent
	_, err = f.team.UpdateMember(f.ctx, admin.ID, f.owner.ID, team.MemberPatch{Role: &agentRole})
	wantCode(t, err, model.CodeForbidden)

	_, err = f.team.UpdateMember(f.ctx, f.owner.ID, agent.ID, team.MemberPatch{Role: &owner})
	f.must(err)
	if m, _ := f.member(agent.ID); m.Role != model.RoleOwner {
		t.Fatalf("role %s", m.Role)
	}
}

func TestOnlyOwnersAndAdminsManageTheTeam(t *testing.T) {
	f := newFixture(t)
	agent := f.add(f.owner.ID, "Léa Moreau", model.RoleAgent, f.first.ID)
	viewer := f.add(f.owner.ID, "Tom Hughes", model.RoleViewer, f.first.ID)
	for _, actor := range []model.Member{agent, viewer} {
		_, err := f.team.AddMember(f.ctx, actor.ID, team.NewMember{Name: "X", Role: model.RoleAgent, Brands: []string{f.first.ID}})
		wantCode(t, err, model.CodeForbidden)
		_, err = f.team.AddBrand(f.ctx, actor.ID, "Uptown")
		wantCode(t, err, model.CodeForbidden)
		wantCode(t, f.team.RenameBrand(f.ctx, actor.ID, f.first.ID, "X"), model.CodeForbidden)
		_, err = f.team.AddLabel(f.ctx, actor.ID, "VIP", "")
		wantCode(t, err, model.CodeForbidden)
		_, err = f.team.AddSnippet(f.ctx, actor.ID, "hours", "9 to 5")
		wantCode(t, err, model.CodeForbidden)
		_, err = f.team.Deactivate(f.ctx, actor.ID, f.owner.ID)
		wantCode(t, err, model.CodeForbidden)
		if _, err := f.team.Workspace(f.ctx, actor.ID); err != nil {
			t.Fatalf("%s cannot read the workspace: %v", actor.Name, err)
		}
	}
}

func TestAdminCannotGrantBrandsTheyCannotSee(t *testing.T) {
	f := newFixture(t)
	up, err := f.team.AddBrand(f.ctx, f.owner.ID, "Uptown")
	f.must(err)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	_, err = f.team.AddMember(f.ctx, admin.ID, team.NewMember{Name: "Ben", Role: model.RoleAgent, Brands: []string{up.ID}})
	wantCode(t, err, model.CodeForbidden)
	agent := f.add(f.owner.ID, "Ben Okafor", model.RoleAgent, f.first.ID, up.ID)
	// Nor take away a brand they cannot see.
	only := []string{f.first.ID}
	_, err = f.team.UpdateMember(f.ctx, admin.ID, agent.ID, team.MemberPatch{Brands: &only})
	wantCode(t, err, model.CodeForbidden)
	// An Admin who adds a brand can see it.
	mid, err := f.team.AddBrand(f.ctx, admin.ID, "Midtown")
	f.must(err)
	if m, _ := f.member(admin.ID); !m.CanAccessBrand(mid.ID) {
		t.Fatal("Admin cannot see the brand they added")
	}
	ws, err := f.team.Workspace(f.ctx, admin.ID)
	f.must(err)
	if len(ws.Brands) != 2 {
		t.Fatalf("Admin sees brands %+v; want Downtown and Midtown only", ws.Brands)
	}
}

func TestHandleDerivedFromFirstNameIsUniqueAndLowerCase(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ name, handle, want string }{
		{"Léa Moreau", "", "lea"},
		{"Lea Smith", "", "lea2"},
		{"Lea Jones", "", "lea3"},
		{"Marcus Bell", "@MBell", "mbell"},
		{"  ", "", ""}, // no name: refused below
	} {
		m, err := f.team.AddMember(f.ctx, f.owner.ID, team.NewMember{Name: tc.name, Handle: tc.handle, Role: model.RoleAgent, Brands: []string{f.first.ID}})
		if tc.want == "" {
			wantCode(t, err, model.CodeInvalid)
			continue
		}
		f.must(err)
		if m.Handle != tc.want {
			t.Errorf("%s got @%s, want @%s", tc.name, m.Handle, tc.want)
		}
	}
	_, err := f.team.AddMember(f.ctx, f.owner.ID, team.NewMember{Name: "Lea Other", Handle: "LEA", Role: model.RoleAgent, Brands: []string{f.first.ID}})
	wantCode(t, err, model.CodeInvalid)
	_, err = f.team.AddMember(f.ctx, f.owner.ID, team.NewMember{Name: "X", Handle: "two words", Role: model.RoleAgent, Brands: []string{f.first.ID}})
	wantCode(t, err, model.CodeInvalid)
}

func TestMembersGetDifferentPaletteColours(t *testing.T) {
	f := newFixture(t)
	seen := map[string]bool{f.owner.Color: true}
	for _, n := range []string{"A a", "B b", "C c", "D d"} {
		m := f.add(f.owner.ID, n, model.RoleAgent, f.first.ID)
		if seen[m.Color] || !slices.Contains(team.Palette, m.Color) {
			t.Fatalf("%s got %s", n, m.Color)
		}
		seen[m.Color] = true
	}
}

func TestLastOwnerStaysOwner(t *testing.T) {
	f := newFixture(t)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	agent := model.RoleAgent
	_, err := f.team.UpdateMember(f.ctx, f.owner.ID, f.owner.ID, team.MemberPatch{Role: &agent})
	wantCode(t, err, model.CodeInvalid)
	_, err = f.team.Deactivate(f.ctx, f.owner.ID, f.owner.ID)
	wantCode(t, err, model.CodeInvalid)
	_, err = f.team.Deactivate(f.ctx, admin.ID, f.owner.ID)
	wantCode(t, err, model.CodeForbidden)
}

func TestLabelAndSnippetNamesAreUnique(t *testing.T) {
	f := newFixture(t)
	vip, err := f.team.AddLabel(f.ctx, f.owner.ID, "VIP", "")
	f.must(err)
	_, err = f.team.AddLabel(f.ctx, f.owner.ID, "vip", "")
	wantCode(t, err, model.CodeInvalid)
	_, err = f.team.AddLabel(f.ctx, f.owner.ID, "Booking", "blue")
	wantCode(t, err, model.CodeInvalid)
	sn, err := f.team.AddSnippet(f.ctx, f.owner.ID, "/Hours", "Tue–Sat 9–7")
	f.must(err)
	if sn.Shortcut != "hours" {
		t.Fatalf("shortcut %q", sn.Shortcut)
	}
	_, err = f.team.AddSnippet(f.ctx, f.owner.ID, "hours", "again")
	wantCode(t, err, model.CodeInvalid)
	ws := f.ws()
	if len(ws.Labels) != 1 || ws.Labels[0].ID != vip.ID || len(ws.Snippets) != 1 {
		t.Fatalf("workspace: %+v %+v", ws.Labels, ws.Snippets)
	}
	f.must(f.team.DeleteLabel(f.ctx, f.owner.ID, vip.ID))
	f.must(f.team.DeleteSnippet(f.ctx, f.owner.ID, sn.ID))
	wantCode(t, f.team.DeleteLabel(f.ctx, f.owner.ID, vip.ID), model.CodeNotFound)
	if ws := f.ws(); len(ws.Labels) != 0 || len(ws.Snippets) != 0 {
		t.Fatal("not deleted")
	}
}
