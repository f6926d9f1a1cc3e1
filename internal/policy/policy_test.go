package policy

import (
	"testing"

	"huddle/internal/model"
)

func TestWorkOfNoBrandCanBeHeldByAnyActiveNonViewer(t *testing.T) {
	agent := model.Member{ID: "mb_a", Role: model.RoleAgent, Brands: []string{"br_1"}, Active: true}
	viewer := model.Member{ID: "mb_v", Role: model.RoleViewer, Brands: []string{"br_1"}, Active: true}
	gone := agent
	gone.Active = false
	for _, c := range []struct {
		m     model.Member
		brand string
		want  bool
	}{
		{agent, "", true}, {agent, "br_1", true}, {agent, "br_2", false},
		{viewer, "", false}, {viewer, "br_1", false},
		{gone, "", false}, {gone, "br_1", false},
	} {
		if got := CanBeAssigned(c.m, c.brand); got != c.want {
			t.Errorf("CanBeAssigned(%s %s active=%v, %q) = %v", c.m.ID, c.m.Role, c.m.Active, c.brand, got)
		}
	}
}

func TestAssigneeProblemSaysWhyInOneSentence(t *testing.T) {
	ws := model.Workspace{
		Brands: []model.Brand{{ID: "br_1", Name: "Downtown"}, {ID: "br_2", Name: "Uptown"}},
		Members: []model.Member{
			{ID: "mb_a", Name: "Ana", Role: model.RoleAgent, Brands: []string{"br_1"}, Active: true},
			{ID: "mb_v", Name: "Vic", Role: model.RoleViewer, Brands: []string{"br_1"}, Active: true},
			{ID: "mb_d", Name: "Dee", Role: model.RoleAgent, Brands: []string{"br_1"}},
		},
	}
	for _, c := range []struct {
		member, brand string
		want          string
	}{
		{"", "br_2", ""},
		{"mb_a", "br_1", ""},
		{"mb_a", "", ""},
		{"mb_a", "br_2", "Ana cannot see clients of Uptown, so the task cannot be assigned to them."},
		{"mb_v", "br_1", "Vic is a Viewer, and Viewers cannot be assigned tasks."},
		{"mb_d", "br_1", "Dee is deactivated, so the task cannot be assigned to them."},
		{"mb_x", "br_1", "That teammate is not in this workspace."},
	} {
		err := AssigneeProblem(ws, c.member, c.brand, "task")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("AssigneeProblem(%s, %q) = %q, want %q", c.member, c.brand, got, c.want)
		}
	}
}
