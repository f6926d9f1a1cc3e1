package app

import (
	"sync"

	"huddle/internal/model"
)

// SettingMember is the device-local setting naming the member signed in on this device.
const SettingMember = "member"

// LocalSettings keeps device-local values that never sync.
type LocalSettings interface {
	LocalSetting(key string) (string, error)
	SetLocalSetting(key, value string) error
}

// Session knows who is using this device. Shared shop-floor desktops switch members.
type Session struct {
	settings LocalSettings
	mu       sync.Mutex // mu protects member
	member   string
}

// NewSession reads the signed-in member from the device's settings.
func NewSession(settings LocalSettings) (*Session, error) {
	m, err := settings.LocalSetting(SettingMember)
	if err != nil {
		return nil, err
	}
	return &Session{settings: settings, member: m}, nil
}

// Member returns the signed-in member's ID, or a no_workspace error before set-up.
func (s *Session) Member() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.member == "" {
		return "", model.Errorf(model.CodeNoWorkspace, "Nobody is signed in on this computer yet. Set up the workspace first.")
	}
	return s.member, nil
}

// SetMember signs memberID in on this device.
func (s *Session) SetMember(memberID string) error {
	if err := s.settings.SetLocalSetting(SettingMember, memberID); err != nil {
		return err
	}
	s.mu.Lock()
	s.member = memberID
	s.mu.Unlock()
	return nil
}
