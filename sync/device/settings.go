package device

import (
	"encoding/json"
	"fmt"

	"huddle/sync/relay"
)

// settingKey is the device-local setting (never synced) that holds this device's sync set-up.
// It holds secrets (relay credentials, and on the host the workspace's signing keys), which is
// why it stays on the device; the data folder is private to its user (0700).
const settingKey = "sync"

// settings is this device's sync set-up.
type settings struct {
	Workspace     string   `json:"workspace"`
	WorkspaceName string   `json:"workspaceName"`
	URLs          []string `json:"urls"`  // the relay to connect to; empty while hosting
	Creds         string   `json:"creds"` // this device's relay credentials (a NATS creds file)
	// Host is set on the device that created the workspace: it holds the keys that sign
	// invites and, while Serve is true, runs the relay.
	Host *hostSettings `json:"host,omitempty"`
}

type hostSettings struct {
	Authority relay.Authority `json:"authority"`
	Serve     bool            `json:"serve"`  // run the embedded relay (false once moved elsewhere)
	Listen    string          `json:"listen"` // the address the relay last listened on
}

func (s settings) configured() bool { return s.Workspace != "" }

func (d *Device) loadSettings() (settings, error) {
	raw, err := d.store.LocalSetting(settingKey)
	if err != nil || raw == "" {
		return settings{}, err
	}
	var s settings
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return settings{}, fmt.Errorf("this device's sync settings are damaged: %w", err)
	}
	return s, nil
}

func (d *Device) saveSettings(s settings) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return d.store.SetLocalSetting(settingKey, string(b))
}
