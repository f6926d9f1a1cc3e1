package notify

import (
	"context"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Service runs the notification-centre use cases against a store.
type Service struct {
	store ports.Store
	clock ports.Clock
}

// New returns a notification service writing to store and stamping writes with clock.
func New(store ports.Store, clock ports.Clock) *Service {
	return &Service{store: store, clock: clock}
}

// maxMarks bounds one MarkRead call.
const maxMarks = 500

// List returns one page of the actor's notifications, newest first, reminders due now
// included.
func (s *Service) List(actor, before string, limit int) (model.NotificationPage, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return model.NotificationPage{}, err
	}
	page, err := s.store.Notifications(model.NotificationQuery{Member: actor, Now: s.clock.Now().UnixMilli(),
		Before: before, Limit: limit})
	return page, usecase.StoreErr(err)
}

// MarkRead marks some of the actor's notifications read, on all their devices.
func (s *Service) MarkRead(ctx context.Context, actor string, ids []string) error {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return err
	}
	if len(ids) > maxMarks {
		return model.Errorf(model.CodeInvalid, "Mark at most %d notifications at once.", maxMarks)
	}
	at := make(map[string]int64, len(ids))
	for _, id := range ids {
		t, ok := model.NotificationTime(id)
		if !ok {
			return model.Errorf(model.CodeInvalid, "%q is not a notification.", id)
		}
		at[id] = t
	}
	if len(at) == 0 {
		return nil
	}
	return s.writeOwn(ctx, actor, func(m crdt.Member) error { return m.MarkRead(at) })
}

// MarkAllRead marks every notification of the actor up to now read.
func (s *Service) MarkAllRead(ctx context.Context, actor string) error {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return err
	}
	now := s.clock.Now().UnixMilli()
	return s.writeOwn(ctx, actor, func(m crdt.Member) error { return m.MarkAllRead(now) })
}

// Prefs returns the actor's notification preferences.
func (s *Service) Prefs(actor string) (model.NotifyPrefs, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return model.NotifyPrefs{}, err
	}
	st, err := s.store.MemberState(actor)
	return st.Prefs, usecase.StoreErr(err)
}

// SetPrefs replaces the actor's notification preferences.
func (s *Service) SetPrefs(ctx context.Context, actor string, p model.NotifyPrefs) error {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return err
	}
	if err := p.Quiet.Check(); err != nil {
		return err
	}
	return s.writeOwn(ctx, actor, func(m crdt.Member) error { return m.SetPrefs(p) })
}

// WorkspaceQuiet returns the workspace's quiet hours.
func (s *Service) WorkspaceQuiet(actor string) (model.QuietHours, error) {
	ws, _, err := usecase.Actor(s.store, actor)
	return ws.Quiet, err
}

// SetWorkspaceQuiet sets the workspace's quiet hours: Owners and Admins only.
func (s *Service) SetWorkspaceQuiet(ctx context.Context, actor string, q model.QuietHours) error {
	_, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return err
	}
	if !policy.CanManageTeam(m) {
		return model.Errorf(model.CodeForbidden, "Only an Owner or an Admin can set the workspace's quiet hours.")
	}
	if err := q.Check(); err != nil {
		return err
	}
	return usecase.Update(ctx, s.store, s.clock.Now(), func(tx ports.Tx) error {
		d, err := tx.Doc(model.WorkspaceDocID)
		if err != nil {
			return err
		}
		return d.Workspace().SetQuiet(q)
	})
}

// writeOwn writes the actor's private document, creating it on first use.
func (s *Service) writeOwn(ctx context.Context, actor string, fn func(crdt.Member) error) error {
	return usecase.Update(ctx, s.store, s.clock.Now(), func(tx ports.Tx) error {
		d, err := tx.Doc(model.MemberDocID(actor))
		if err != nil {
			return err
		}
		ok, err := d.Exists()
		if err != nil {
			return err
		}
		if !ok {
			if err := d.Member().Create(actor); err != nil {
				return err
			}
		}
		return fn(d.Member())
	})
}
