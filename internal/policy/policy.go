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

// CanBeAssigned reports whether m may be the assignee of a thread of the given brand: an
// active, non-Viewer member with access to the client's brand.
func CanBeAssigned(m model.Member, brandID string) bool {
	return m.Active && m.Role != model.RoleViewer && m.CanAccessBrand(brandID)
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
