// Package policy decides who may do what: the preset roles (Owner, Admin, Agent, Viewer) and
// per-brand and per-thread access. Every use case asks it before it reads or writes.
package policy

import (
	"slices"

	"huddle/internal/model"
)

// CanReadThread reports whether m sees th: through brand access, or as a participant or watcher.
func CanReadThread(m model.Member, th model.Thread) bool {
	if !m.Active {
		return false
	}
	if m.CanAccessBrand(th.BrandID) {
		return true
	}
	_, participant := th.Participants[m.ID]
	return participant || slices.Contains(th.Watchers, m.ID)
}

// CanWriteThread reports whether m may post to, assign, label or resolve th. Viewers never
// write; a participant's own access (write or read-only) overrides brand access; watchers
// are read-only.
func CanWriteThread(m model.Member, th model.Thread) bool {
	if !m.Active || m.Role == model.RoleViewer {
		return false
	}
	if a, ok := th.Participants[m.ID]; ok {
		return a == model.AccessWrite
	}
	return m.CanAccessBrand(th.BrandID)
}

// CanBeAssigned reports whether m may hold work (a thread or a task) of the given brand: an
// active, non-Viewer member with access to the brand. Work linked to no brand ("") belongs to
// the whole team and needs only an active non-Viewer.
func CanBeAssigned(m model.Member, brandID string) bool {
	if !m.Active || m.Role == model.RoleViewer {
		return false
	}
	return brandID == "" || m.CanAccessBrand(brandID)
}

// CanHoldThread reports whether m may be, or stay, the assignee of th: anyone who may be
// assigned work of its brand, and anyone who may write it (a write participant from another
// brand may take a thread themselves).
func CanHoldThread(m model.Member, th model.Thread) bool {
	return CanBeAssigned(m, th.BrandID) || CanWriteThread(m, th)
}

// AssigneeProblem says, in a sentence, why memberID may not hold work of brandID (see
// CanBeAssigned), or returns nil when they may. "" unassigns and is always fine. what names
// the work for the sentence: "conversation" or "task".
func AssigneeProblem(ws model.Workspace, memberID, brandID, what string) error {
	if memberID == "" {
		return nil
	}
	a, ok := ws.Member(memberID)
	switch {
	case !ok:
		return model.Errorf(model.CodeNotFound, "That teammate is not in this workspace.")
	case !a.Active:
		return model.Errorf(model.CodeInvalid, "%s is deactivated, so the %s cannot be assigned to them.", a.Name, what)
	case a.Role == model.RoleViewer:
		return model.Errorf(model.CodeInvalid, "%s is a Viewer, and Viewers cannot be assigned %ss.", a.Name, what)
	case !CanBeAssigned(a, brandID):
		return model.Errorf(model.CodeForbidden, "%s cannot see clients of %s, so the %s cannot be assigned to them.", a.Name, ws.BrandName(brandID), what)
	}
	return nil
}

// CanReadTask reports whether m sees tk: tasks linked to no brand are the whole team's.
func CanReadTask(m model.Member, tk model.Task) bool {
	return m.Active && (tk.BrandID == "" || m.CanAccessBrand(tk.BrandID))
}

// CanWriteBrand reports whether m may create or change clients and tasks in a brand.
func CanWriteBrand(m model.Member, brandID string) bool {
	return m.Active && m.Role != model.RoleViewer && m.CanAccessBrand(brandID)
}

// CanManageTeam reports whether m may change the workspace: brands, members, labels, snippets.
func CanManageTeam(m model.Member) bool {
	return m.Active && (m.Role == model.RoleOwner || m.Role == model.RoleAdmin)
}

// CanGrantRole reports whether m may give someone role r: only an Owner makes Owners.
func CanGrantRole(m model.Member, r model.Role) bool {
	if !CanManageTeam(m) || !r.Valid() {
		return false
	}
	return r != model.RoleOwner || m.Role == model.RoleOwner
}
