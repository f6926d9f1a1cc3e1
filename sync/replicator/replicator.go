package replicator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
	"huddle/localdb"
)

// Store is what the replicator needs from the local store (localdb.DB).
type Store interface {
	Outbox(afterSeq uint64, limit int) ([]localdb.OutboxEntry, error)
	AckOutbox(uptoSeq uint64) error
	ApplyRemote(ctx context.Context, stream string, items []localdb.RemoteItem, progress func(applied int)) (localdb.ApplyResult, error)
	SyncCursor() (localdb.SyncCursor, error)
	ResetSyncCursor(stream string) error
	Snapshot(docID string) (localdb.Snapshot, error)
	DocIDs(prefix string) ([]string, error)
	Subscribe() (<-chan model.Change, func())
	DeviceID() string
}

var _ Store = (*localdb.DB)(nil)

// publishedMemory is how many published change hashes a replicator remembers: a few minutes
// of a busy shop's writes, far more than are ever in flight to the relay and back.
const publishedMemory = 16384

// Config configures a Replicator.
type Config struct {
	Store     Store
	Workspace string // the workspace ID: which stream to use
	Log       *slog.Logger
	// CompactAfter is how many changes of one document the stream may hold before it is
	// compacted into a snapshot; 0 means 256, negative turns compaction off.
	CompactAfter int
	// Retry is the wait after a failed session before the next; 0 means 2 s.
	Retry time.Duration
}

// Status is the replicator's view of sync.
type Status struct {
	Connected  bool
	LastSynced time.Time // last acknowledgement or catch-up; zero for never
	CatchUp    *model.SyncProgress
	Problem    string // plain sentence, "" when all is well
}

// Replicator runs sync sessions over a NATS connection until its context ends.
type Replicator struct {
	cfg    Config
	store  Store
	log    *slog.Logger
	device string
	stream string

	mu      sync.Mutex // mu protects status, subs, counts
	status  Status
	subs    map[chan struct{}]struct{}
	counts  map[string]int // changes per document on the stream since its last snapshot
	compact chan string    // documents this device should compact (see consume.go)
	// published holds the hashes of changes this process published from the outbox: the
	// store certainly has them, so when they come back from the relay they only move the
	// cursor (localdb.RemoteItem.Known).
	published *lru.Cache[string, struct{}]
}

// New returns a replicator for cfg.Workspace; Run starts it.
func New(cfg Config) *Replicator {
	if cfg.CompactAfter == 0 {
		cfg.CompactAfter = 256
	}
	if cfg.Retry == 0 {
		cfg.Retry = 2 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	r := &Replicator{cfg: cfg, store: cfg.Store, log: cfg.Log.With("component", "sync"),
		device: cfg.Store.DeviceID(), stream: StreamName(cfg.Workspace),
		subs: map[chan struct{}]struct{}{}, counts: map[string]int{}, compact: make(chan string, 1024)}
	r.published, _ = lru.New[string, struct{}](publishedMemory) // only fails for a size <= 0
	return r
}

// Status returns the current status.
func (r *Replicator) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.status
	if s.CatchUp != nil {
		p := *s.CatchUp
		s.CatchUp = &p
	}
	return s
}

// Updates signals every status change; the function ends the subscription.
func (r *Replicator) Updates() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	r.mu.Lock()
	r.subs[ch] = struct{}{}
	r.mu.Unlock()
	return ch, func() {
		r.mu.Lock()
		delete(r.subs, ch)
		r.mu.Unlock()
	}
}

// update changes the status under the lock and signals subscribers.
func (r *Replicator) update(fn func(*Status)) {
	r.mu.Lock()
	fn(&r.status)
	for ch := range r.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	r.mu.Unlock()
}

// Run syncs over nc until ctx ends: a session at a time, a new one after any failure (the
// relay went away, refused something, lost its data). nc reconnects by itself; Run never
// closes it.
func (r *Replicator) Run(ctx context.Context, nc *nats.Conn) {
	for ctx.Err() == nil {
		err := r.session(ctx, nc)
		if ctx.Err() != nil {
			break
		}
		if errors.Is(err, errOffline) || !nc.IsConnected() {
			r.log.Debug("sync waits for the relay", "err", err) // offline is normal, not a warning
		} else {
			r.log.Warn("sync session ended; retrying", "err", err)
		}
		r.update(func(s *Status) {
			s.Connected, s.CatchUp = false, nil
			s.Problem = problemOf(err, nc)
		})
		select {
		case <-ctx.Done():
		case <-time.After(r.cfg.Retry):
		}
	}
	r.update(func(s *Status) { s.Connected, s.CatchUp = false, nil })
}

// session runs the publisher, the consumer and the compactor against the stream until one
// of them fails or ctx ends.
func (r *Replicator) session(ctx context.Context, nc *nats.Conn) error {
	// A session lives on one connection to one relay. When the connection drops, the relay
	// that answers after the reconnect may have lost its data (a new stream under the same
	// name), and the ordered consumer would resume on it silently, past its end: so the
	// session ends, and the next one checks the stream before it reads or publishes.
	dropped := nc.StatusChanged(nats.DISCONNECTED, nats.RECONNECTING, nats.CLOSED)
	defer nc.RemoveStatusListener(dropped)
	if !nc.IsConnected() {
		return errOffline
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(publishWindow*2),
		jetstream.WithPublishAsyncTimeout(15*time.Second))
	if err != nil {
		return err
	}
	// The publisher's reply subscription and status listener live on nc, which outlives the
	// session: without this every session would leave them behind.
	defer js.CleanupPublisher()
	identity, last, err := r.openStream(ctx, js)
	if err != nil {
		return err
	}
	if err := r.checkEpoch(ctx, js, identity, last); err != nil {
		return err
	}
	r.update(func(s *Status) { s.Connected, s.Problem = true, "" })
	r.log.Info("sync connected", "stream", r.stream, "relay", nc.ConnectedUrlRedacted())

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	run := func(name string, fn func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx); err != nil && ctx.Err() == nil {
				cancel(fmt.Errorf("%s: %w", name, err))
			}
		}()
	}
	run("connection", func(ctx context.Context) error {
		select {
		case <-ctx.Done():
			return nil
		case <-dropped:
			return errOffline
		}
	})
	run("publish", func(ctx context.Context) error { return r.publishLoop(ctx, js) })
	run("consume", func(ctx context.Context) error { return r.consumeLoop(ctx, js, identity) })
	if r.cfg.CompactAfter > 0 {
		run("compact", func(ctx context.Context) error { return r.compactLoop(ctx, js, identity) })
	}
	<-ctx.Done()
	wg.Wait()
	return context.Cause(ctx)
}

var errOffline = errors.New("not connected to the relay")

// openStream creates the workspace stream when the relay has none (a new relay, or one that
// lost its data) and returns its identity and last sequence.
func (r *Replicator) openStream(ctx context.Context, js jetstream.JetStream) (string, uint64, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	st, err := js.Stream(ctx, r.stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		st, err = js.CreateStream(ctx, streamConfig(r.cfg.Workspace))
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) { // another device was quicker
			st, err = js.Stream(ctx, r.stream)
		}
	}
	if err != nil {
		return "", 0, fmt.Errorf("open the workspace stream: %w", err)
	}
	info := st.CachedInfo()
	// The creation time tells one life of the stream from the next: a relay that lost its
	// store, or a new relay, makes a new stream, and sequence numbers start again.
	return fmt.Sprintf("%s@%d", r.stream, info.Created.UnixNano()), info.State.LastSeq, nil
}

// checkEpoch compares the stream with the one this device's cursor belongs to. A stream this
// device has not seen, while it has synced with an earlier one, or one that is behind the
// cursor, means the relay lost data: the device re-seeds it with every document it has before
// reading the new stream from its start.
func (r *Replicator) checkEpoch(ctx context.Context, js jetstream.JetStream, identity string, last uint64) error {
	cur, err := r.store.SyncCursor()
	if err != nil {
		return err
	}
	if cur.Stream == identity && cur.Seq <= last {
		return nil
	}
	if cur.Stream != "" {
		r.log.Warn("the relay does not have what this device synced before; re-seeding it from this device",
			"stream", identity, "was", cur.Stream, "cursor", cur.Seq, "relay_last", last)
		if err := r.reseed(ctx, js); err != nil {
			return fmt.Errorf("re-seed the relay: %w", err)
		}
	}
	return r.store.ResetSyncCursor(identity)
}

// problemOf says in plain words why sync stopped.
func problemOf(err error, nc *nats.Conn) string {
	switch {
	case errors.Is(nc.LastError(), nats.ErrAuthorization), errors.Is(nc.LastError(), nats.ErrAuthExpired),
		errors.Is(nc.LastError(), nats.ErrAuthRevoked):
		return "The relay does not accept this computer's credentials. Ask the workspace owner for a new invite."
	case !nc.IsConnected(), errors.Is(err, errOffline), errors.Is(err, nats.ErrConnectionClosed),
		errors.Is(err, nats.ErrDisconnected):
		return ""
	case errors.Is(err, jetstream.ErrJetStreamNotEnabled), errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount):
		return "The relay does not store messages (JetStream is off). Check the relay's set-up."
	}
	return "Sync hit a problem and will try again shortly. Your work is saved on this computer."
}
