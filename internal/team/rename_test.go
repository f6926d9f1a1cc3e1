package team_test

import (
	"strings"
	"testing"

	"huddle/internal/model"
)

func TestRenameWorkspace(t *testing.T) {
	f := newFixture(t)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)

	// Spaces are tidied as on the first run; an Admin may rename it too.
	f.must(f.team.RenameWorkspace(f.ctx, f.owner.ID, "  Maison   Lumière "))
	if got := f.ws().Name; got != "Maison Lumière" {
		t.Fatalf("name %q", got)
	}
	f.must(f.team.RenameWorkspace(f.ctx, admin.ID, "Maison Lumière Salons"))
	if got := f.ws().Name; got != "Maison Lumière Salons" {
		t.Fatalf("name %q", got)
	}
	// The same name again is fine and changes nothing.
	f.must(f.team.RenameWorkspace(f.ctx, f.owner.ID, "Maison Lumière Salons"))
	if got := f.ws().Name; got != "Maison Lumière Salons" {
		t.Fatalf("name %q", got)
	}
	// What everyone reads, including the "who is at the desk?" screen, is the store's name.
	ws, err := f.db.Workspace()
	f.must(err)
	if ws.Name != "Maison Lumière Salons" {
		t.Fatalf("stored name %q", ws.Name)
	}
}

func TestRenameWorkspaceChecksTheNameAndWhoAsks(t *testing.T) {
	f := newFixture(t)
	agent := f.add(f.owner.ID, "Léa Moreau", model.RoleAgent, f.first.ID)
	viewer := f.add(f.owner.ID, "Tom Hughes", model.RoleViewer, f.first.ID)
	admin := f.add(f.owner.ID, "Priya Shah", model.RoleAdmin, f.first.ID)
	_, err := f.team.Deactivate(f.ctx, f.owner.ID, admin.ID)
	f.must(err)

	for _, name := range []string{"", "   \t ", strings.Repeat("é", model.MaxName+1)} {
		wantCode(t, f.team.RenameWorkspace(f.ctx, f.owner.ID, name), model.CodeInvalid)
	}
	for _, actor := range []model.Member{agent, viewer} {
		wantCode(t, f.team.RenameWorkspace(f.ctx, actor.ID, "Mine now"), model.CodeForbidden)
	}
	wantCode(t, f.team.RenameWorkspace(f.ctx, admin.ID, "Gone"), model.CodeForbidden) // deactivated
	wantCode(t, f.team.RenameWorkspace(f.ctx, "m_nobody", "Nobody's"), model.CodeForbidden)
	if got := f.ws().Name; got != "Maison" {
		t.Fatalf("name changed to %q by a refused rename", got)
	}
	// A name of exactly the longest length is fine.
	f.must(f.team.RenameWorkspace(f.ctx, f.owner.ID, strings.Repeat("é", model.MaxName)))
}
