// Package synctest runs real relays and real devices for the sync tests: an embedded NATS
// relay with JetStream on a loopback port, and devices that each have their own Badger store,
// NATS connection and replicator, which tests connect, disconnect, reopen and compare.
package synctest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/localdb"
	"huddle/sync/relay"
	"huddle/sync/replicator"
)

// Log is the logger of test relays and devices: warnings and errors only, so a failing
// test shows what sync complained about.
var Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

// Relay is an embedded relay that keeps its port across restarts.
type Relay struct {
	t      testing.TB
	Dir    string
	Auth   relay.Authority
	Server *relay.Server
	port   int

	mu sync.Mutex          // mu protects js
	js jetstream.JetStream // the tests' own connection (see JetStream)
}

// StartRelay starts a relay for a new workspace authority in a temporary folder.
func StartRelay(t testing.TB, workspaceID string) *Relay {
	t.Helper()
	auth, err := relay.NewAuthority(workspaceID, "Test workspace")
	if err != nil {
		t.Fatal(err)
	}
	r := &Relay{t: t, Dir: t.TempDir(), Auth: auth}
	r.Start()
	t.Cleanup(r.Stop)
	return r
}

// Start starts the relay (again), on the port it had before.
func (r *Relay) Start() {
	r.t.Helper()
	trust, err := r.Auth.Trust()
	if err != nil {
		r.t.Fatal(err)
	}
	var s *relay.Server
	// A restart can find the port still held for a moment by the old listener.
	for i := 0; ; i++ {
		s, err = relay.Start(relay.Config{Dir: r.Dir, Listen: fmt.Sprintf("127.0.0.1:%d", r.port), Trust: trust, Log: Log})
		if err == nil || i == 50 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		r.t.Fatal(err)
	}
	r.Server, r.port = s, s.Port()
}

// Stop stops the relay; its data stays.
func (r *Relay) Stop() {
	if r.Server != nil {
		r.Server.Shutdown()
		r.Server = nil
	}
}

// Wipe stops the relay, deletes everything it stored and starts it empty: a relay that lost
// its data.
func (r *Relay) Wipe() {
	r.t.Helper()
	r.Stop()
	if err := os.RemoveAll(r.Dir); err != nil {
		r.t.Fatal(err)
	}
	if err := os.MkdirAll(r.Dir, 0o700); err != nil {
		r.t.Fatal(err)
	}
	r.Start()
}

// URL is the relay's loopback address.
func (r *Relay) URL() string { return fmt.Sprintf("nats://127.0.0.1:%d", r.port) }

// Creds issues credentials for one device.
func (r *Relay) Creds(name string) relay.Creds {
	r.t.Helper()
	c, err := r.Auth.IssueUser(name)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// Device is one device: a store, and while connected a NATS connection and a replicator.
type Device struct {
	t         testing.TB
	Name      string
	Dir       string
	DB        *localdb.DB
	Workspace string
	relay     *Relay
	creds     relay.Creds
	opts      localdb.Options
	// CompactAfter passes through to the replicator (0: its default).
	CompactAfter int

	mu     sync.Mutex // mu protects rep, nc, stop, closed
	rep    *replicator.Replicator
	nc     *nats.Conn
	stop   func()
	closed bool
}

// NewDevice opens a device with a fresh store; it is not connected yet.
func NewDevice(t testing.TB, r *Relay, name, workspaceID string) *Device {
	t.Helper()
	d := &Device{t: t, Name: name, Dir: t.TempDir(), Workspace: workspaceID, relay: r, creds: r.Creds(name),
		opts: localdb.Options{NoSync: true, Logger: Log}}
	d.Open()
	t.Cleanup(d.Close)
	return d
}

// Open opens the device's store (again) after Close, or for the first time.
func (d *Device) Open() {
	d.t.Helper()
	db, err := localdb.Open(d.Dir, d.opts)
	if err != nil {
		d.t.Fatal(err)
	}
	d.mu.Lock()
	d.DB, d.closed = db, false
	d.mu.Unlock()
}

// Connect starts syncing.
func (d *Device) Connect() {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stop != nil {
		return
	}
	nc, err := nats.Connect(d.relay.URL(), d.creds.Option(), nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true), nats.ReconnectWait(50*time.Millisecond), nats.Name(d.Name))
	if err != nil {
		d.t.Fatal(err)
	}
	rep := replicator.New(replicator.Config{Store: d.DB, Workspace: d.Workspace, Log: Log.With("device", d.Name),
		CompactAfter: d.CompactAfter, Retry: 100 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		rep.Run(ctx, nc)
	}()
	d.rep, d.nc = rep, nc
	d.stop = func() {
		cancel()
		<-done
		nc.Close()
	}
}

// Disconnect stops syncing; the store stays open and writable.
func (d *Device) Disconnect() {
	d.mu.Lock()
	stop := d.stop
	d.stop, d.rep, d.nc = nil, nil, nil
	d.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// Connected reports whether the device is syncing.
func (d *Device) Connected() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stop != nil
}

// Subscriptions is how many subscriptions the device's NATS connection holds; 0 while
// disconnected.
func (d *Device) Subscriptions() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.nc == nil {
		return 0
	}
	return d.nc.NumSubscriptions()
}

// Conn is the device's connection to the relay; nil while disconnected.
func (d *Device) Conn() *nats.Conn {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.nc
}

// Status is the replicator's status; zero while disconnected.
func (d *Device) Status() replicator.Status {
	d.mu.Lock()
	rep := d.rep
	d.mu.Unlock()
	if rep == nil {
		return replicator.Status{}
	}
	return rep.Status()
}

// Reopen disconnects, closes the store, opens it again and reconnects if it was connected.
func (d *Device) Reopen() {
	d.t.Helper()
	was := d.Connected()
	d.Disconnect()
	if err := d.DB.Close(); err != nil {
		d.t.Fatal(err)
	}
	d.Open()
	if was {
		d.Connect()
	}
}

// Close disconnects and closes the store; Open opens it again. Closing twice does nothing.
func (d *Device) Close() {
	d.Disconnect()
	d.mu.Lock()
	closed := d.closed
	d.closed = true
	d.mu.Unlock()
	if !closed {
		_ = d.DB.Close()
	}
}

// Cursor is where the device's store is in the relay's stream.
func (d *Device) Cursor() localdb.SyncCursor {
	d.t.Helper()
	c, err := d.DB.SyncCursor()
	if err != nil {
		d.t.Fatal(err)
	}
	return c
}

// State is everything a device's store says about the workspace's documents.
type State map[string][]string // document ID → heads

// Heads returns the heads of every document of a store.
func Heads(t testing.TB, db *localdb.DB) State {
	t.Helper()
	ids, err := db.DocIDs("")
	if err != nil {
		t.Fatal(err)
	}
	s := State{}
	for _, id := range ids {
		h, err := db.Heads(id)
		if err != nil {
			t.Fatal(err)
		}
		s[id] = h
	}
	return s
}

// Converged waits until every device has published its outbox and all hold the same heads
// for every document, failing after timeout with the differences.
func Converged(t testing.TB, timeout time.Duration, devices ...*Device) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var why string
	for time.Now().Before(deadline) {
		if why = differences(t, devices); why == "" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("devices did not converge within %v: %s", timeout, why)
}

func differences(t testing.TB, devices []*Device) string {
	for _, d := range devices {
		if n, _ := d.DB.OutboxLen(); n > 0 {
			return fmt.Sprintf("%s still has %d changes to publish", d.Name, n)
		}
	}
	first := Heads(t, devices[0].DB)
	for _, d := range devices[1:] {
		other := Heads(t, d.DB)
		if !reflect.DeepEqual(first, other) {
			return fmt.Sprintf("%s and %s differ: %s", devices[0].Name, d.Name, diff(first, other))
		}
	}
	return ""
}

func diff(a, b State) string {
	var out []string
	for id, h := range a {
		if !reflect.DeepEqual(h, b[id]) {
			out = append(out, id)
		}
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	if len(out) > 5 {
		return fmt.Sprintf("%d documents, e.g. %v", len(out), out[:5])
	}
	return fmt.Sprint(out)
}

// WaitFor polls ok until it holds, failing after timeout with what was awaited.
func WaitFor(t testing.TB, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	Eventually(t, timeout, what, func() (bool, string) { return ok(), "" })
}

// Eventually polls cond until it holds, failing after timeout with what cond last said. The
// timeout guards against hangs; it is never a measurement.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(timeout); ; time.Sleep(20 * time.Millisecond) {
		var ok bool
		if ok, last = cond(); ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %v waiting for %s (last: %s)", timeout, what, last)
		}
	}
}
