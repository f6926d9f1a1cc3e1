package app

import (
	"testing"

	"huddle/internal/model"
	"huddle/internal/team"
)

func TestSettingsRenameWorkspaceAndBrand(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Maison", OwnerName: "Camille Laurent", FirstBrand: "Downtown"})
	if err != nil {
		t.Fatal(err)
	}
	brand := st.Workspace.Brands[0].ID
	if err := ws.Rename("Maison Lumière"); err != nil {
		t.Fatal(err)
	}
	if err := ws.RenameBrand(brand, "Riverside"); err != nil {
		t.Fatal(err)
	}
	st, err = ws.Status()
	if err != nil || st.Workspace.Name != "Maison Lumière" || st.Workspace.Brands[0].Name != "Riverside" {
		t.Fatalf("status after renames: %+v, %v", st.Workspace, err)
	}
	if code := uiCode(t, ws.Rename("   ")); code != model.CodeInvalid {
		t.Fatalf("empty workspace name: code %q", code)
	}
	if code := uiCode(t, ws.RenameBrand("b_gone", "Uptown")); code != model.CodeNotFound {
		t.Fatalf("renaming a missing brand: code %q", code)
	}
}
