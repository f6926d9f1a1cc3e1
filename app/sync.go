package app

import (
	"context"

	"huddle/internal/model"
	"huddle/internal/policy"
)

// Sync is this device's side of sync, as the UI needs it: the relay connection, presence,
// invites and joining. main wires the sync package's implementation; nil means sync is not
// wired (tests of other areas, the failed-start window).
type Sync interface {
	Status() model.SyncStatus
	// Online lists the devices of the workspace heartbeating now, this one included.
	Online() []model.Presence
	// Invite issues credentials for one new device and returns them as a code to paste.
	Invite(deviceName string) (model.Invite, error)
	// Join connects a device without a workspace to the one the invite code names; the
	// workspace then arrives from the relay.
	Join(ctx context.Context, code string) error
	RelaySetup() (model.RelaySetup, error)
	// UseRelay points this device at another relay (an always-on box, a NATS deployment);
	// creds is the text of a NATS credentials file, "" to keep the current ones.
	UseRelay(url, creds string) error
	SetMember(memberID string)
	SetAway(away bool)
	// Updates signals that Status or Online changed; the function ends the subscription.
	Updates() (<-chan struct{}, func())
}

// SyncService serves the sync status bar, who is online, invites and joining.
type SyncService struct{ a *App }

// Status returns the sync status for the status bar.
func (s *SyncService) Status() (model.SyncStatus, error) {
	if s.a.Sync == nil {
		return model.SyncStatus{State: model.SyncOff}, nil
	}
	return s.a.Sync.Status(), nil
}

// Online lists the teammates' devices heartbeating now.
func (s *SyncService) Online() ([]model.Presence, error) {
	if s.a.Sync == nil {
		return []model.Presence{}, nil
	}
	return s.a.Sync.Online(), nil
}

// Invite creates an invite code for one new device; Owners and Admins only.
func (s *SyncService) Invite(deviceName string) (model.Invite, error) {
	return call(s.a, "sync.invite", func(ctx context.Context, actor string) (model.Invite, error) {
		if err := s.manager(actor, false); err != nil {
			return model.Invite{}, err
		}
		return s.a.Sync.Invite(deviceName)
	})
}

// RelaySetup returns what an Owner needs to run the relay elsewhere.
func (s *SyncService) RelaySetup() (model.RelaySetup, error) {
	return call(s.a, "sync.relaySetup", func(ctx context.Context, actor string) (model.RelaySetup, error) {
		if err := s.manager(actor, true); err != nil {
			return model.RelaySetup{}, err
		}
		return s.a.Sync.RelaySetup()
	})
}

// UseRelay points this device at another relay; Owners and Admins only.
func (s *SyncService) UseRelay(url, creds string) error {
	return do(s.a, "sync.useRelay", func(ctx context.Context, actor string) error {
		if err := s.manager(actor, false); err != nil {
			return err
		}
		return s.a.Sync.UseRelay(url, creds)
	})
}

// Join connects this new device to a workspace with an invite code. It needs nobody signed in:
// the device has no workspace yet.
func (s *SyncService) Join(code string) error {
	a := s.a
	if a.failed != nil {
		return toUI(a.Log, "sync.join", a.failed)
	}
	if a.Sync == nil {
		return toUI(a.Log, "sync.join", errNoSync())
	}
	if _, err := a.Store.Workspace(); model.CodeOf(err) != model.CodeNoWorkspace {
		return toUI(a.Log, "sync.join", model.Errorf(model.CodeConflict,
			"This computer already has a workspace. To join another one, start Huddle with --data pointing at an empty folder."))
	}
	return toUI(a.Log, "sync.join", a.Sync.Join(a.context(), code))
}

// SetAway tells teammates whether someone is using this window (the UI reports idle time).
func (s *SyncService) SetAway(away bool) {
	if s.a.Sync != nil {
		s.a.Sync.SetAway(away)
	}
}

// manager checks that actor may manage the workspace's devices (ownerOnly: the Owner alone).
func (s *SyncService) manager(actor string, ownerOnly bool) error {
	if s.a.Sync == nil {
		return errNoSync()
	}
	ws, err := s.a.Store.Workspace()
	if err != nil {
		return err
	}
	m, ok := ws.Member(actor)
	if !ok || !policy.CanManageTeam(m) || (ownerOnly && m.Role != model.RoleOwner) {
		who := "Owners and Admins"
		if ownerOnly {
			who = "The workspace Owner"
		}
		return model.Errorf(model.CodeForbidden, "%s can do this; ask them.", who)
	}
	return nil
}

func errNoSync() error {
	return model.Errorf(model.CodeUnavailable, "Sync is not running on this computer. Restart Huddle and try again.")
}
