package model

// SyncState says whether this device exchanges changes with its relay right now.
type SyncState string

// Sync states, as the status bar shows them.
const (
	SyncOff        SyncState = "off"        // no relay set up on this device yet
	SyncConnecting SyncState = "connecting" // first contact with the relay in progress
	SyncOnline     SyncState = "online"     // connected: changes flow both ways
	SyncOffline    SyncState = "offline"    // relay unreachable: work continues, changes wait
)

// SyncStatus is what the UI shows about sync: connected or not, what waits to go, when this
// device last exchanged changes, and how far a catch-up has got.
type SyncStatus struct {
	State SyncState `json:"state"`
	// Workspace names the workspace this device syncs, "" when off: a device that joined
	// shows it while the workspace itself is still on its way.
	Workspace string `json:"workspace"`
	Relay     string `json:"relay"`   // the relay address in use, "" when off
	Hosting   bool   `json:"hosting"` // this device runs the workspace's relay
	// Waiting counts local changes not yet acknowledged by the relay.
	Waiting int `json:"waiting"`
	// LastSynced is when the relay last acknowledged a change or this device caught up with
	// it (unix milliseconds, 0 for never).
	LastSynced int64 `json:"lastSynced"`
	// CatchUp is the progress of reading what the relay holds; nil once caught up.
	CatchUp *SyncProgress `json:"catchUp"`
	// Problem says in plain words what stops sync (bad credentials, an unreachable relay),
	// "" when nothing does.
	Problem string `json:"problem"`
	// Quarantined counts items from the relay set aside as damaged; Parked counts changes
	// waiting for the changes they build on.
	Quarantined int `json:"quarantined"`
	Parked      int `json:"parked"`
}

// SyncProgress counts stream messages read out of those there were when the catch-up began.
type SyncProgress struct {
	Done  int64 `json:"done"`
	Total int64 `json:"total"`
}

// Presence states of a device.
const (
	PresenceOnline = "online"
	PresenceAway   = "away"
)

// Presence is one running device of the workspace and who is at it. A device that stops
// heartbeating drops out of the list: offline.
type Presence struct {
	DeviceID   string `json:"deviceId"`
	DeviceName string `json:"deviceName"`
	MemberID   string `json:"memberId"`
	State      string `json:"state"` // PresenceOnline or PresenceAway
	Since      int64  `json:"since"` // unix ms of the last heartbeat
}

// Invite is what an owner hands a new device: a code to paste, valid for one device.
type Invite struct {
	Code      string   `json:"code"`
	Relay     []string `json:"relay"` // the addresses the code points at, to show
	Workspace string   `json:"workspace"`
}

// RelaySetup is what an owner needs to move the workspace's relay to an always-on box or to
// an existing NATS deployment.
type RelaySetup struct {
	Trust      string `json:"trust"`      // the relay trust file (JSON) for `huddle relay --trust`
	NATSConfig string `json:"natsConfig"` // the same trust as a nats-server configuration
	Command    string `json:"command"`    // the command line to start `huddle relay`
}
