package app

import (
	"context"

	"huddle/internal/model"
	"huddle/internal/team"
)

// WorkspaceService serves the first-run screen, the signed-in member and team settings.
type WorkspaceService struct{ a *App }

// WorkspaceStatus tells the UI whether to show the first-run screen.
type WorkspaceStatus struct {
	Ready     bool            `json:"ready"` // a workspace exists and someone is signed in
	Workspace model.Workspace `json:"workspace"`
	Me        model.Member    `json:"me"`
}

// Status returns the workspace and who is signed in, or Ready=false before set-up. A signed-in
// member who was deactivated (perhaps from another device) comes back with Me.Active false, so
// the UI can ask who is at the desk instead of locking it.
func (s *WorkspaceService) Status() (WorkspaceStatus, error) {
	a := s.a
	actor, err := a.session.Member()
	if err != nil {
		return WorkspaceStatus{}, nil
	}
	ws, err := a.Store.Workspace()
	if model.CodeOf(err) == model.CodeNoWorkspace {
		return WorkspaceStatus{}, nil
	}
	if err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.status", err)
	}
	me, _ := ws.Member(actor)
	return WorkspaceStatus{Ready: true, Workspace: ws, Me: me}, nil
}

// Create sets up the workspace on first run and signs its owner in on this device.
func (s *WorkspaceService) Create(in team.NewWorkspace) (WorkspaceStatus, error) {
	a := s.a
	ws, owner, err := a.Team.CreateWorkspace(a.context(), in)
	if err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.create", err)
	}
	if err := a.session.SetMember(owner.ID); err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.create", err)
	}
	return WorkspaceStatus{Ready: true, Workspace: ws, Me: owner}, nil
}

// SwitchMember signs another active member in on this shared device. It needs no signed-in
// member: whoever is at the desk picks themselves, even if the last person was deactivated.
func (s *WorkspaceService) SwitchMember(memberID string) (WorkspaceStatus, error) {
	a := s.a
	ws, err := a.Store.Workspace()
	if err != nil {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.switch", err)
	}
	if m, ok := ws.Member(memberID); !ok || !m.Active {
		return WorkspaceStatus{}, toUI(a.Log, "workspace.switch",
			model.Errorf(model.CodeNotFound, "That teammate is not an active member of this workspace."))
	}
	if err := a.session.SetMember(memberID); err != nil {
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
