package device

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"huddle/internal/model"
	"huddle/sync/relay"
)

// Status is the sync status for the status bar.
func (d *Device) Status() model.SyncStatus {
	d.mu.Lock()
	cfg, nc, rep, server, problem := d.cfg, d.nc, d.rep, d.server, d.problem
	d.mu.Unlock()
	st := model.SyncStatus{State: model.SyncOff, Problem: problem}
	st.Quarantined, _ = d.store.QuarantineLen()
	st.Parked, _ = d.store.ParkedLen()
	if !cfg.configured() {
		return st
	}
	st.Hosting, st.Workspace = server != nil, cfg.WorkspaceName
	// The outbox is the truth about what waits: the replicator counts it only while a session
	// runs, and offline is when it matters most.
	st.Waiting, _ = d.store.OutboxLen()
	st.Relay = joinURLs(cfg.URLs)
	if server != nil {
		st.Relay = strings.Join(server.URLs(), ", ")
	}
	if nc == nil || rep == nil {
		st.State = model.SyncOffline
		return st
	}
	rs := rep.Status()
	st.CatchUp = rs.CatchUp
	if !rs.LastSynced.IsZero() {
		st.LastSynced = rs.LastSynced.UnixMilli()
	}
	if st.Problem == "" {
		st.Problem = rs.Problem
	}
	switch {
	case nc.IsConnected() && rs.Connected:
		st.State = model.SyncOnline
	case nc.IsConnected(), nc.Status() == nats.CONNECTING && st.Problem == "":
		st.State = model.SyncConnecting
	default:
		st.State = model.SyncOffline
	}
	return st
}

// Online lists the devices heartbeating now; empty while offline.
func (d *Device) Online() []model.Presence {
	d.mu.Lock()
	pres := d.pres
	d.mu.Unlock()
	if pres == nil {
		return []model.Presence{}
	}
	return pres.Online()
}

// SetMember says who is at this device, for presence.
func (d *Device) SetMember(memberID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.member = memberID
	if d.pres != nil {
		d.pres.SetMember(memberID)
	}
}

// SetAway says whether the person at this device stepped away.
func (d *Device) SetAway(away bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.away = away
	if d.pres != nil {
		d.pres.SetAway(away)
	}
}

// Invite issues relay credentials for one new device and wraps them, with the relay's
// addresses and the workspace, in a code to paste.
func (d *Device) Invite(deviceName string) (model.Invite, error) {
	d.mu.Lock()
	cfg, server := d.cfg, d.server
	d.mu.Unlock()
	if cfg.Host == nil {
		return model.Invite{}, model.Errorf(model.CodeForbidden, "Invites are made on the computer that set up the workspace: it holds the workspace's keys. Create the invite there.")
	}
	name := strings.TrimSpace(deviceName)
	if name == "" {
		return model.Invite{}, model.Errorf(model.CodeInvalid, "Give the new device a name, such as \"Front desk laptop\".")
	}
	if len(name) > model.MaxName {
		return model.Invite{}, model.Errorf(model.CodeInvalid, "That device name is too long; keep it under %d characters.", model.MaxName)
	}
	urls := cfg.URLs
	if server != nil {
		urls = server.URLs()
	}
	creds, err := cfg.Host.Authority.IssueUser(name)
	if err != nil {
		return model.Invite{}, model.Wrap(model.CodeInternal, err, "Huddle could not create the invite. Try again.")
	}
	inv := relay.Invite{Version: 1, WorkspaceID: cfg.Workspace, WorkspaceName: cfg.WorkspaceName, URLs: urls, Creds: creds}
	d.log.Info("invite created", "device", name)
	return model.Invite{Code: inv.Encode(), Relay: urls, Workspace: cfg.WorkspaceName}, nil
}

// Join sets this device up with an invite: it checks that the relay answers and accepts the
// credentials, then starts syncing; the workspace arrives from the relay.
func (d *Device) Join(ctx context.Context, code string) error {
	inv, err := relay.DecodeInvite(code)
	if err != nil {
		return model.Wrap(model.CodeInvalid, err, "%s", sentence(err))
	}
	d.mu.Lock()
	configured := d.cfg.configured()
	d.mu.Unlock()
	if configured {
		return model.Errorf(model.CodeConflict, "This computer is already set up for a workspace. To join another one, start Huddle with --data pointing at an empty folder.")
	}
	if err := probe(ctx, inv.URLs, inv.Creds); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cfg.configured() {
		return model.Errorf(model.CodeConflict, "This computer was set up for a workspace meanwhile.")
	}
	cfg := settings{Workspace: inv.WorkspaceID, WorkspaceName: inv.WorkspaceName, URLs: inv.URLs, Creds: inv.Creds.File()}
	if err := d.saveSettings(cfg); err != nil {
		return err
	}
	d.cfg = cfg
	d.log.Info("joined a workspace", "workspace", inv.WorkspaceID, "relay", joinURLs(inv.URLs))
	d.startLocked()
	return nil
}

// probe connects once to tell a person at once whether an invite works.
func probe(ctx context.Context, urls []string, creds relay.Creds) error {
	nc, err := nats.Connect(joinURLs(urls), creds.Option(), nats.Timeout(5*time.Second), nats.MaxReconnects(0))
	if err == nil {
		nc.Close()
		return nil
	}
	if errors.Is(err, nats.ErrAuthorization) || strings.Contains(strings.ToLower(err.Error()), "authorization") {
		return model.Wrap(model.CodeForbidden, err, "The workspace's relay did not accept this invite. Ask the owner for a new one.")
	}
	return model.Wrap(model.CodeUnavailable, err, "Huddle could not reach the workspace's relay (%s). Check that the computer hosting it is switched on and on the same network, then try again.", joinURLs(urls))
}

// RelaySetup returns the trust file, its nats-server form and the command that runs the relay
// on an always-on computer.
func (d *Device) RelaySetup() (model.RelaySetup, error) {
	d.mu.Lock()
	cfg := d.cfg
	d.mu.Unlock()
	if cfg.Host == nil {
		return model.RelaySetup{}, model.Errorf(model.CodeForbidden, "The relay set-up is on the computer that set up the workspace: it holds the workspace's keys.")
	}
	trust, err := cfg.Host.Authority.Trust()
	if err != nil {
		return model.RelaySetup{}, model.Wrap(model.CodeInternal, err, "Huddle could not read the workspace's keys. Try again.")
	}
	b, err := json.MarshalIndent(trust, "", "  ")
	if err != nil {
		return model.RelaySetup{}, err
	}
	const dir = "/var/lib/huddle-relay"
	return model.RelaySetup{Trust: string(b), NATSConfig: trust.NATSConfig(defaultListen, dir),
		Command: "huddle relay --data " + dir + " --listen " + defaultListen + " --trust huddle-relay-trust.json"}, nil
}

// UseRelay points this device at another relay. On the host, an empty url goes back to
// running the relay here. creds, when given, replaces this device's credentials.
func (d *Device) UseRelay(url, creds string) error {
	url = strings.TrimSpace(url)
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.cfg.configured() {
		return model.Errorf(model.CodeNoWorkspace, "Set up or join a workspace first.")
	}
	cfg := d.cfg
	if url == "" {
		if cfg.Host == nil {
			return model.Errorf(model.CodeInvalid, "Enter the relay's address, such as nats://relay.local:4222.")
		}
		cfg.URLs, cfg.Host.Serve = nil, true
	} else {
		u, err := normalizeURL(url)
		if err != nil {
			return err
		}
		cfg.URLs = []string{u}
		if cfg.Host != nil {
			h := *cfg.Host
			h.Serve = false
			cfg.Host = &h
		}
	}
	if strings.TrimSpace(creds) != "" {
		c, err := relay.ParseCreds(creds)
		if err != nil {
			return model.Wrap(model.CodeInvalid, err, "That credentials file is not one Huddle can use: %s", sentence(err))
		}
		cfg.Creds = c.File()
	}
	if err := d.saveSettings(cfg); err != nil {
		return err
	}
	d.cfg = cfg
	d.log.Info("relay changed", "relay", joinURLs(cfg.URLs), "hosting", cfg.Host != nil && cfg.Host.Serve)
	d.restartLocked()
	return nil
}

func normalizeURL(u string) (string, error) {
	if !strings.Contains(u, "://") {
		u = "nats://" + u
	}
	rest := u[strings.Index(u, "://")+3:]
	if _, _, err := net.SplitHostPort(rest); err != nil {
		if rest == "" || strings.ContainsAny(rest, " /") {
			return "", model.Errorf(model.CodeInvalid, "%q is not a relay address. Use host:port, such as relay.local:4222.", u)
		}
		u += ":4222"
	}
	return u, nil
}

// Updates signals changes to Status or Online.
func (d *Device) Updates() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	d.smu.Lock()
	d.subs[ch] = struct{}{}
	d.smu.Unlock()
	return ch, func() {
		d.smu.Lock()
		delete(d.subs, ch)
		d.smu.Unlock()
	}
}

func (d *Device) notify() {
	d.smu.Lock()
	defer d.smu.Unlock()
	for ch := range d.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// forward passes a part's updates on to the device's subscribers until ctx ends.
func (d *Device) forward(ctx context.Context, subscribe func() (<-chan struct{}, func())) {
	ch, stop := subscribe()
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ch:
			d.notify()
		}
	}
}

func (d *Device) setProblem(p string) {
	d.mu.Lock()
	d.problem = p
	d.mu.Unlock()
	d.notify()
}

func joinURLs(urls []string) string { return strings.Join(urls, ",") }

func splitHostPort(hp string) (string, int, error) {
	h, p, err := net.SplitHostPort(hp)
	if err != nil {
		return "", 0, err
	}
	n, err := strconv.Atoi(p)
	return h, n, err
}

func joinHostPort(host string, port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }

// sentence returns an error's text as a sentence for a person.
func sentence(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
