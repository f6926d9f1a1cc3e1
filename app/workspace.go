package app

import (
	"context"

	"huddle/internal/model"
	"huddle/internal/team"
)

// WorkspaceService serves the first-run screen, the signed-in member and team settings.
type WorkspaceService struct{ a *App }

// WorkspaceStatus tells the UI which screen to show: first run (no workspace), "who is at the
// desk?" (a workspace but nobody active signed in here), or the inbox (Ready).
type WorkspaceStatus struct {
	HasWorkspace bool            `json:"hasWorkspace"`
	Ready        bool            `json:"ready"`     // someone active is signed in on this device
	Workspace    model.Workspace `json:"workspace"` // brands limited to what Me can access
	Me           model.Member    `json:"me"`
	// Teammates are the active members to pick from when nobody is signed in.
	Teammates []model.Member `json:"teammates"`
}

// Status returns what the UI should show. A device can have a workspace and nobody signed in:
// a crash between set-up and sign-in, or the signed-in member deactivated from another device.
// The desk then asks who is there instead of locking up.
func (s *WorkspaceService) Status() (WorkspaceStatus, error) {
	a := s.a
	if a.failed != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.status", a.failed)
	}
	ws, err := a.Store.Workspace()
	if model.CodeOf(err) == model.CodeNoWorkspace {
		return WorkspaceStatus{Teammates: []model.Member{}}, nil
	}
	if err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.status", err)
	}
	actor, _ := a.session.Member()
	if me, ok := ws.Member(actor); ok && me.Active {
		visible, err := a.Team.Workspace(a.context(), actor)
		if err != nil {
			return WorkspaceStatus{}, toUI(a.Log, "workspace.status", err)
		}
		return WorkspaceStatus{HasWorkspace: true, Ready: true, Workspace: visible, Me: me, Teammates: []model.Member{}}, nil
	}
	st := WorkspaceStatus{HasWorkspace: true, Teammates: []model.Member{},
		Workspace: model.Workspace{ID: ws.ID, Name: ws.Name, Brands: []model.Brand{}, Members: []model.Member{},
			Labels: []model.Label{}, Snippets: []model.Snippet{}}}
	for _, m := range ws.Members {
		if m.Active {
			st.Teammates = append(st.Teammates, model.Member{ID: m.ID, Name: m.Name, Handle: m.Handle,
				Color: m.Color, Role: m.Role, Active: true})
		}
	}
	return st, nil
}

// Create sets up the workspace on first run and signs its owner in on this device.
func (s *WorkspaceService) Create(in team.NewWorkspace) (WorkspaceStatus, error) {
	a := s.a
	if a.failed != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.create", a.failed)
	}
	_, owner, err := a.Team.CreateWorkspace(a.context(), in)
	if err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.create", err)
	}
	if err := a.signIn(owner.ID); err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.create", err)
	}
	return s.Status()
}

// SwitchMember signs another active member in on this shared device. It needs no signed-in
// member: whoever is at the desk picks themselves, even if the last person was deactivated.
func (s *WorkspaceService) SwitchMember(memberID string) (WorkspaceStatus, error) {
	a := s.a
	if a.failed != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.switch", a.failed)
	}
	ws, err := a.Store.Workspace()
	if err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.switch", err)
	}
	if m, ok := ws.Member(memberID); !ok || !m.Active {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.switch",
			model.Errorf(model.CodeNotFound, "That teammate is not an active member of this workspace."))
	}
	if err := a.signIn(memberID); err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.switch", err)
	}
	return s.Status()
}

// AddMember invites a teammate.
func (s *WorkspaceService) AddMember(in team.NewMember) (model.Member, error) {
	return call(s.a, "workspace.addMember", func(ctx context.Context, actor string) (model.Member, error) {
		return s.a.Team.AddMember(ctx, actor, in)
	})
}

// UpdateMember changes a teammate's name, role or brands.
func (s *WorkspaceService) UpdateMember(memberID string, p team.MemberPatch) (team.Requeued, error) {
	return call(s.a, "workspace.updateMember", func(ctx context.Context, actor string) (team.Requeued, error) {
		return s.a.Team.UpdateMember(ctx, actor, memberID, p)
	})
}

// Deactivate removes a teammate's access and puts their open threads and tasks back in the queue.
func (s *WorkspaceService) Deactivate(memberID string) (team.Requeued, error) {
	return call(s.a, "workspace.deactivate", func(ctx context.Context, actor string) (team.Requeued, error) {
		return s.a.Team.Deactivate(ctx, actor, memberID)
	})
}

// Reactivate gives a deactivated teammate their access back.
func (s *WorkspaceService) Reactivate(memberID string) error {
	return do(s.a, "workspace.reactivate", func(ctx context.Context, actor string) error {
		return s.a.Team.Reactivate(ctx, actor, memberID)
	})
}

// AddBrand adds a location or client brand.
func (s *WorkspaceService) AddBrand(name string) (model.Brand, error) {
	return call(s.a, "workspace.addBrand", func(ctx context.Context, actor string) (model.Brand, error) {
		return s.a.Team.AddBrand(ctx, actor, name)
	})
}

// RenameBrand renames a location or client brand.
func (s *WorkspaceService) RenameBrand(brandID, name string) error {
	return do(s.a, "workspace.renameBrand", func(ctx context.Context, actor string) error {
		return s.a.Team.RenameBrand(ctx, actor, brandID, name)
	})
}

// Rename renames the workspace (the business name the sidebar shows).
func (s *WorkspaceService) Rename(name string) error {
	return do(s.a, "workspace.rename", func(ctx context.Context, actor string) error {
		return s.a.Team.RenameWorkspace(ctx, actor, name)
	})
}

// AddLabel adds a thread label.
func (s *WorkspaceService) AddLabel(name, color string) (model.Label, error) {
	return call(s.a, "workspace.addLabel", func(ctx context.Context, actor string) (model.Label, error) {
		return s.a.Team.AddLabel(ctx, actor, name, color)
	})
}

// DeleteLabel removes a label.
func (s *WorkspaceService) DeleteLabel(labelID string) error {
	return do(s.a, "workspace.deleteLabel", func(ctx context.Context, actor string) error {
		return s.a.Team.DeleteLabel(ctx, actor, labelID)
	})
}

// AddSnippet adds a quick reply.
func (s *WorkspaceService) AddSnippet(shortcut, body string) (model.Snippet, error) {
	return call(s.a, "workspace.addSnippet", func(ctx context.Context, actor string) (model.Snippet, error) {
		return s.a.Team.AddSnippet(ctx, actor, shortcut, body)
	})
}

// DeleteSnippet removes a quick reply.
func (s *WorkspaceService) DeleteSnippet(snippetID string) error {
	return do(s.a, "workspace.deleteSnippet", func(ctx context.Context, actor string) error {
		return s.a.Team.DeleteSnippet(ctx, actor, snippetID)
	})
}

// FrontendReady is called by the UI once it has painted the first inbox page; the log line
// lets scripts and people know the window shows real content.
func (s *WorkspaceService) FrontendReady(view string, rows int) {
	a := s.a
	a.mu.Lock()
	first := !a.rendered
	a.rendered = true
	a.mu.Unlock()
	if first {
		a.Log.Info("inbox rendered", "view", view, "rows", rows)
	}
}
