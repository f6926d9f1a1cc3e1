package app

import (
	"context"

	"huddle/internal/model"
)

// NotifyService serves the signed-in member's notification centre and preferences.
type NotifyService struct{ a *App }

// List returns one page of notifications, newest first; before is the previous page's next.
func (s *NotifyService) List(before string, limit int) (model.NotificationPage, error) {
	return call(s.a, "notify.list", func(_ context.Context, actor string) (model.NotificationPage, error) {
		return s.a.Notify.List(actor, before, limit)
	})
}

// MarkRead marks notifications read on all the member's devices.
func (s *NotifyService) MarkRead(ids []string) error {
	return do(s.a, "notify.markRead", func(ctx context.Context, actor string) error {
		return s.a.Notify.MarkRead(ctx, actor, ids)
	})
}

// MarkAllRead marks every notification read.
func (s *NotifyService) MarkAllRead() error {
	return do(s.a, "notify.markAllRead", func(ctx context.Context, actor string) error {
		return s.a.Notify.MarkAllRead(ctx, actor)
	})
}

// Prefs returns the member's notification preferences.
func (s *NotifyService) Prefs() (model.NotifyPrefs, error) {
	return call(s.a, "notify.prefs", func(_ context.Context, actor string) (model.NotifyPrefs, error) {
		return s.a.Notify.Prefs(actor)
	})
}

// SetPrefs replaces the member's notification preferences.
func (s *NotifyService) SetPrefs(p model.NotifyPrefs) error {
	return do(s.a, "notify.setPrefs", func(ctx context.Context, actor string) error {
		return s.a.Notify.SetPrefs(ctx, actor, p)
	})
}

// WorkspaceQuiet returns the workspace's quiet hours.
func (s *NotifyService) WorkspaceQuiet() (model.QuietHours, error) {
	return call(s.a, "notify.workspaceQuiet", func(_ context.Context, actor string) (model.QuietHours, error) {
		return s.a.Notify.WorkspaceQuiet(actor)
	})
}

// SetWorkspaceQuiet sets the workspace's quiet hours (Owners and Admins).
func (s *NotifyService) SetWorkspaceQuiet(q model.QuietHours) error {
	return do(s.a, "notify.setWorkspaceQuiet", func(ctx context.Context, actor string) error {
		return s.a.Notify.SetWorkspaceQuiet(ctx, actor, q)
	})
}
