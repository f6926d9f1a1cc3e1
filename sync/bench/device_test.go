//go:build bench

package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/localdb"
	"huddle/sync/relay"
	"huddle/sync/replicator"
	"huddle/sync/synctest"
)

// device is one Huddle device as the app runs it: a store, and while connected a NATS
// connection and a replicator. It differs from synctest.Device in opening its store with
// the app's settings (fsync on every commit) unless told otherwise, since the figures are
// about what a person would see.
type device struct {
	t     testing.TB
	name  string
	dir   string
	relay *synctest.Relay
	creds relay.Creds
	ws    string // workspace ID: which stream the replicator uses
	DB    *localdb.DB
	rep   *replicator.Replicator
	stop  func()
}

// newDevice opens a device with a fresh store; noSync skips fsync (for generating data).
func newDevice(t testing.TB, r *synctest.Relay, name, ws string, noSync bool) *device {
	t.Helper()
	d := &device{t: t, name: name, dir: filepath.Join(t.TempDir(), name), relay: r, creds: r.Creds(name), ws: ws}
	d.open(noSync)
	t.Cleanup(d.close)
	return d
}

func (d *device) open(noSync bool) {
	d.t.Helper()
	db, err := localdb.Open(d.dir, localdb.Options{Logger: quietLogger(), NoSync: noSync})
	if err != nil {
		d.t.Fatal(err)
	}
	d.DB = db
}

// reopen closes the store and opens it again, with or without fsync; the device must be
// disconnected.
func (d *device) reopen(noSync bool) {
	d.t.Helper()
	if err := d.DB.Close(); err != nil {
		d.t.Fatal(err)
	}
	d.open(noSync)
}

// clone returns a new device whose store is a copy of d's as it is now; d must be
// disconnected. Both stores hold the same device identity, so use one at a time.
func (d *device) clone(name string) *device {
	d.t.Helper()
	if err := d.DB.Close(); err != nil {
		d.t.Fatal(err)
	}
	c := &device{t: d.t, name: name, dir: filepath.Join(d.t.TempDir(), name), relay: d.relay, creds: d.relay.Creds(name), ws: d.ws}
	if err := os.CopyFS(c.dir, os.DirFS(d.dir)); err != nil {
		d.t.Fatal(err)
	}
	d.open(false)
	c.open(false)
	d.t.Cleanup(c.close)
	return c
}

// connect starts syncing.
func (d *device) connect() {
	d.t.Helper()
	if d.stop != nil {
		return
	}
	nc, err := nats.Connect(d.relay.URL(), d.creds.Option(), nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true), nats.ReconnectWait(50*time.Millisecond), nats.Name(d.name))
	if err != nil {
		d.t.Fatal(err)
	}
	rep := replicator.New(replicator.Config{Store: d.DB, Workspace: d.ws, Log: quietLogger().With("device", d.name),
		Retry: 100 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		rep.Run(ctx, nc)
	}()
	d.rep = rep
	d.stop = func() {
		cancel()
		<-done
		nc.Close()
	}
}

// disconnect stops syncing; the store stays open.
func (d *device) disconnect() {
	if d.stop != nil {
		d.stop()
		d.stop, d.rep = nil, nil
	}
}

func (d *device) close() {
	d.disconnect()
	if d.DB != nil {
		_ = d.DB.Close()
		d.DB = nil
	}
}

// cursor is the last stream sequence the store has applied.
func (d *device) cursor() uint64 {
	c, err := d.DB.SyncCursor()
	if err != nil {
		d.t.Fatal(err)
	}
	return c.Seq
}

// waitCursor waits until the store has applied the stream up to seq, waking on every status
// change of the replicator (one per applied batch) and every few milliseconds besides. It
// calls progress, if not nil, about every 5 s.
func (d *device) waitCursor(seq uint64, timeout time.Duration, progress func(cur uint64)) error {
	updates, stop := d.rep.Updates()
	defer stop()
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	deadline := time.Now().Add(timeout)
	lastLog := time.Now()
	for {
		cur := d.cursor()
		if cur >= seq {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: cursor at %d after %v, want %d (status %+v)", d.name, cur, timeout, seq, d.rep.Status())
		}
		if progress != nil && time.Since(lastLog) > 5*time.Second {
			progress(cur)
			lastLog = time.Now()
		}
		select {
		case <-updates:
		case <-tick.C:
		}
	}
}

// observer reads the relay's stream state on a connection of its own.
type observer struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	stream string
}

func newObserver(t testing.TB, r *synctest.Relay, ws string) *observer {
	t.Helper()
	nc, err := nats.Connect(r.URL(), r.Creds("observer").Option(), nats.Name("observer"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return &observer{nc: nc, js: js, stream: replicator.StreamName(ws)}
}

// lastSeq is the stream's last sequence; 0 while it does not exist.
func (o *observer) lastSeq(t testing.TB) uint64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := o.js.Stream(ctx, o.stream)
	if err != nil {
		return 0
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return info.State.LastSeq
}

// waitPublished waits until the stream holds want messages in all and dev's outbox is
// acknowledged, logging progress.
func (o *observer) waitPublished(t testing.TB, dev *device, want uint64, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	lastLog := time.Now()
	for {
		last := o.lastSeq(t)
		st := dev.rep.Status()
		if waiting, _ := dev.DB.OutboxLen(); last >= want && waiting == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s published up to %d of %d within %v (status %+v)", dev.name, last, want, timeout, st)
		}
		if time.Since(lastLog) > 5*time.Second {
			t.Logf("  … %s published up to seq %d of %d", dev.name, last, want)
			lastLog = time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
}
