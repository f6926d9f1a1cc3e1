// Package device is this device's side of sync: it hosts the workspace's relay when this is the
// device that created the workspace, connects to the relay, runs the replicator and presence
// over that connection, issues invites and joins a workspace from one. It implements app.Sync.
package device

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"huddle/internal/model"
	"huddle/sync/claims"
	"huddle/sync/presence"
	"huddle/sync/relay"
	"huddle/sync/replicator"
)

// Store is what the device needs from the local store (localdb.DB).
type Store interface {
	replicator.Store
	LocalSetting(key string) (string, error)
	SetLocalSetting(key, value string) error
	Workspace() (model.Workspace, error)
	OutboxLen() (int, error)
	QuarantineLen() (int, error)
	ParkedLen() (int, error)
}

// Options configure a Device.
type Options struct {
	Store   Store
	DataDir string // the embedded relay keeps its store in DataDir/relay
	// Listen overrides where the embedded relay listens ("host:port", port 0 for any); ""
	// keeps the last address, first 0.0.0.0:4222.
	Listen     string
	DeviceName string // shown to teammates; the host name when ""
	Log        *slog.Logger
	// CompactAfter and Heartbeat pass through to the replicator and presence (tests).
	CompactAfter int
	Heartbeat    time.Duration
}

// defaultListen is where a hosting device's relay listens: every interface, so the other
// computers of the shop reach it, on NATS's usual port.
const defaultListen = "0.0.0.0:4222"

// Device owns the sync goroutines of one running Huddle. Start begins, Close ends them.
type Device struct {
	opts  Options
	store Store
	log   *slog.Logger

	mu     sync.Mutex // mu protects everything below
	ctx    context.Context
	cancel context.CancelFunc // ends ctx: Close must not depend on the caller cancelling
	cfg    settings
	server *relay.Server
	nc     *nats.Conn
	rep    *replicator.Replicator
	pres   *presence.Presence
	// sends claims scheduled replies over sendsConn, the connection it was made for.
	sends     *claims.Relay
	sendsConn *nats.Conn
	member    string
	away      bool
	problem   string // why sync cannot run at all (the relay would not start), "" otherwise
	stop      func() // ends the current session and waits for it
	closed    bool
	wg        sync.WaitGroup // the watchers: local writes, and a workspace to host

	// smu protects subs. It is not mu: connection callbacks and the session's goroutines
	// signal subscribers while a restart holds mu and waits for those goroutines.
	smu  sync.Mutex
	subs map[chan struct{}]struct{}
}

// New returns a device; Start starts it.
func New(opts Options) *Device {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.DeviceName == "" {
		opts.DeviceName, _ = os.Hostname()
	}
	return &Device{opts: opts, store: opts.Store, log: opts.Log.With("component", "sync"),
		subs: map[chan struct{}]struct{}{}}
}

// Start begins syncing as this device's settings say. A device without settings waits: for a
// workspace created here (it then hosts the relay) or for Join.
func (d *Device) Start(ctx context.Context) error {
	cfg, err := d.loadSettings()
	if err != nil {
		d.setProblem("This computer's sync settings are damaged, so it does not sync. Your work here is safe; ask the workspace owner for a new invite.")
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	ctx, d.cancel = context.WithCancel(ctx)
	d.ctx, d.cfg = ctx, cfg
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.watchLocalWrites(ctx)
	}()
	if cfg.configured() {
		d.startLocked()
		return nil
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.hostWhenCreated(ctx)
	}()
	return nil
}

// watchLocalWrites tells subscribers of every local write: it adds to what waits to be sent,
// which the status must show at once, above all while offline, when no sync session runs to
// report it.
func (d *Device) watchLocalWrites(ctx context.Context) {
	changes, unsubscribe := d.store.Subscribe()
	defer unsubscribe()
	for {
		select {
		case <-ctx.Done():
			return
		case c, ok := <-changes:
			if !ok {
				return
			}
			if !c.Remote {
				d.notify()
			}
		}
	}
}

// Close stops syncing and the embedded relay, and waits for every goroutine.
func (d *Device) Close() {
	d.mu.Lock()
	d.closed = true
	stop := d.stop
	d.stop = nil
	if d.cancel != nil {
		d.cancel() // ends the watchers (local writes, a workspace to host) and the session
	}
	d.mu.Unlock()
	if stop != nil {
		stop()
	}
	d.wg.Wait()
}

// hostWhenCreated waits until a workspace exists on this device, then, unless Join set the
// device up meanwhile, makes it the workspace's host: the first device of a workspace runs
// its relay, so a shop needs nothing else installed.
func (d *Device) hostWhenCreated(ctx context.Context) {
	changes, unsubscribe := d.store.Subscribe()
	defer unsubscribe()
	for {
		if ws, err := d.store.Workspace(); err == nil {
			if err := d.becomeHost(ws); err != nil {
				d.log.Error("could not set up this device as the workspace's relay", "err", err)
				d.setProblem("Huddle could not set up sync on this computer: " + err.Error())
			}
			return
		}
		select {
		case <-ctx.Done():
			return
		case _, ok := <-changes:
			if !ok {
				return
			}
		}
	}
}

func (d *Device) becomeHost(ws model.Workspace) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cfg.configured() || d.closed {
		return nil // joined meanwhile, or closing
	}
	auth, err := relay.NewAuthority(ws.ID, ws.Name)
	if err != nil {
		return err
	}
	creds, err := auth.IssueUser(d.opts.DeviceName)
	if err != nil {
		return err
	}
	cfg := settings{Workspace: ws.ID, WorkspaceName: ws.Name, Creds: creds.File(),
		Host: &hostSettings{Authority: auth, Serve: true}}
	if err := d.saveSettings(cfg); err != nil {
		return err
	}
	d.cfg = cfg
	d.log.Info("this device hosts the workspace's relay", "workspace", ws.ID)
	d.startLocked()
	return nil
}

// startLocked starts a session for d.cfg: the embedded relay when this device serves it, the
// connection, the replicator and presence. Callers hold d.mu.
func (d *Device) startLocked() {
	if d.closed {
		return
	}
	d.problem = ""
	urls := d.cfg.URLs
	var server *relay.Server
	if h := d.cfg.Host; h != nil && h.Serve {
		var err error
		server, err = d.startRelayLocked(h)
		if err != nil {
			d.log.Error("the relay could not start", "err", err)
			d.problem = err.Error()
			d.notify()
			return
		}
		urls = []string{server.ClientURL()}
	}
	creds, err := relay.ParseCreds(d.cfg.Creds)
	if err != nil {
		d.problem = "This computer's relay credentials are damaged. Ask the workspace owner for a new invite."
		d.notify()
		if server != nil {
			server.Shutdown()
		}
		return
	}
	nc, err := nats.Connect(joinURLs(urls), creds.Option(), nats.Name("huddle "+d.opts.DeviceName),
		nats.MaxReconnects(-1), nats.RetryOnFailedConnect(true), nats.ReconnectWait(time.Second),
		nats.ReconnectJitter(250*time.Millisecond, time.Second), nats.PingInterval(10*time.Second),
		nats.ConnectHandler(func(*nats.Conn) { d.notify() }),
		nats.DisconnectErrHandler(func(*nats.Conn, error) { d.notify() }),
		nats.ReconnectHandler(func(*nats.Conn) { d.notify() }),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			d.log.Warn("relay connection", "err", err)
			d.notify()
		}))
	if err != nil { // only for bad options: RetryOnFailedConnect keeps trying otherwise
		d.problem = "Huddle cannot use the relay address " + joinURLs(urls) + ". Check it in the team settings."
		d.notify()
		if server != nil {
			server.Shutdown()
		}
		return
	}
	rep := replicator.New(replicator.Config{Store: d.store, Workspace: d.cfg.Workspace, Log: d.opts.Log,
		CompactAfter: d.opts.CompactAfter})
	pres := presence.New(presence.Config{Workspace: d.cfg.Workspace, Device: d.store.DeviceID(),
		DeviceName: d.opts.DeviceName, Log: d.opts.Log, Heartbeat: d.opts.Heartbeat})
	pres.SetMember(d.member)
	pres.SetAway(d.away)
	d.server, d.nc, d.rep, d.pres = server, nc, rep, pres

	ctx, cancel := context.WithCancel(d.ctx)
	var wg sync.WaitGroup
	for _, run := range []func(){
		func() { rep.Run(ctx, nc) },
		func() { pres.Run(ctx, nc) },
		func() { d.forward(ctx, rep.Updates) },
		func() { d.forward(ctx, pres.Updates) },
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run()
		}()
	}
	d.stop = func() {
		cancel()
		wg.Wait()
		nc.Close()
		if server != nil {
			server.Shutdown()
		}
	}
	d.notify()
}

// startRelayLocked starts the embedded relay and remembers the port it got whenever the port
// was Huddle's to choose, so invites and joined devices keep working after a restart. When the
// usual port is taken (another program, another Huddle on this computer) and nobody asked for a
// particular address, it takes any free port. An address with port 0 (--relay-listen
// 127.0.0.1:0) asks for any port: the one remembered for that host when it is still free.
func (d *Device) startRelayLocked(h *hostSettings) (*relay.Server, error) {
	trust, err := h.Authority.Trust()
	if err != nil {
		return nil, err
	}
	want := d.opts.Listen
	listen := cmp.Or(want, h.Listen, defaultListen)
	wantHost, wantPort, werr := splitHostPort(want)
	anyPort := werr == nil && wantPort == 0
	if lastHost, lastPort, err := splitHostPort(h.Listen); anyPort && err == nil && lastHost == wantHost && lastPort != 0 {
		listen = h.Listen
	}
	cfg := relay.Config{Dir: filepath.Join(d.opts.DataDir, "relay"), Listen: listen, Trust: trust, Log: d.opts.Log}
	s, err := relay.Start(cfg)
	if errors.Is(err, relay.ErrPortInUse) {
		switch {
		case want == "" && h.Listen == "":
			d.log.Warn("the usual relay port is taken; using another", "err", err)
			cfg.Listen = "0.0.0.0:0"
			s, err = relay.Start(cfg)
		case anyPort && listen != want:
			d.log.Warn("the relay's last port is taken; using another", "err", err)
			cfg.Listen = want
			s, err = relay.Start(cfg)
		}
	}
	if err != nil {
		return nil, err
	}
	host, _, _ := splitHostPort(cfg.Listen)
	if bound := joinHostPort(host, s.Port()); (want == "" || anyPort) && h.Listen != bound {
		h.Listen = bound
		if err := d.saveSettings(d.cfg); err != nil {
			d.log.Warn("could not remember the relay's port", "err", err)
		}
	}
	return s, nil
}

// restartLocked ends the current session and starts one with d.cfg. Callers hold d.mu; the
// session's goroutines never take it, so waiting here cannot deadlock.
func (d *Device) restartLocked() {
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
	d.server, d.nc, d.rep, d.pres = nil, nil, nil, nil
	d.startLocked()
}
