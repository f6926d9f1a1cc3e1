// Package presence tells the devices of a workspace who is online: each running device puts a
// heartbeat into a NATS key-value bucket whose entries expire, and watches the bucket. A device
// whose heartbeat stops (closed, asleep, off the network) drops out when its entry expires.
// Presence is never stored on the devices: it is about now.
package presence

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
)

// Config configures a Presence.
type Config struct {
	Workspace  string
	Device     string // this device's ID: its key in the bucket
	DeviceName string
	Log        *slog.Logger
	// Heartbeat is how often this device says it is here; 0 means 10 s. An entry expires
	// after three heartbeats without news.
	Heartbeat time.Duration
}

// Presence keeps this device's heartbeat going and the list of devices online.
type Presence struct {
	cfg Config
	log *slog.Logger

	mu     sync.Mutex // mu protects member, away, online, subs
	member string
	away   bool
	online map[string]seen
	subs   map[chan struct{}]struct{}
	wake   chan struct{} // capacity 1: send a heartbeat now
}

// seen is a device's last heartbeat and when it arrived here: expiry is judged by this
// device's clock, so devices whose clocks disagree still agree on who is online.
type seen struct {
	p  model.Presence
	at time.Time
}

// New returns a Presence; Run starts it.
func New(cfg Config) *Presence {
	if cfg.Heartbeat == 0 {
		cfg.Heartbeat = 10 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Presence{cfg: cfg, log: cfg.Log.With("component", "presence"), online: map[string]seen{},
		subs: map[chan struct{}]struct{}{}, wake: make(chan struct{}, 1)}
}

// Bucket is the key-value bucket of a workspace's presence.
func Bucket(workspaceID string) string { return "huddle_presence_" + workspaceID }

func (p *Presence) ttl() time.Duration { return 3 * p.cfg.Heartbeat }

// SetMember says who is at this device now.
func (p *Presence) SetMember(memberID string) { p.set(func() { p.member = memberID }) }

// SetAway says whether the person at this device has stepped away.
func (p *Presence) SetAway(away bool) { p.set(func() { p.away = away }) }

func (p *Presence) set(fn func()) {
	p.mu.Lock()
	fn()
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Online returns the devices heard from within the expiry time, by member then device.
func (p *Presence) Online() []model.Presence {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := []model.Presence{}
	for id, s := range p.online {
		if time.Since(s.at) > p.ttl() {
			delete(p.online, id) // its expiry marker went missing; the clock decides
			continue
		}
		out = append(out, s.p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].MemberID != out[j].MemberID {
			return out[i].MemberID < out[j].MemberID
		}
		return out[i].DeviceID < out[j].DeviceID
	})
	return out
}

// Updates signals every change to Online; the function ends the subscription.
func (p *Presence) Updates() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	p.mu.Lock()
	p.subs[ch] = struct{}{}
	p.mu.Unlock()
	return ch, func() {
		p.mu.Lock()
		delete(p.subs, ch)
		p.mu.Unlock()
	}
}

func (p *Presence) notifyLocked() {
	for ch := range p.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Run heartbeats and watches over nc until ctx ends, starting again after any failure. On the
// way out it removes this device's entry, so teammates see it leave at once.
func (p *Presence) Run(ctx context.Context, nc *nats.Conn) {
	for ctx.Err() == nil {
		err := p.session(ctx, nc)
		if ctx.Err() != nil {
			break
		}
		p.log.Debug("presence session ended; retrying", "err", err)
		p.mu.Lock()
		p.online = map[string]seen{}
		p.notifyLocked()
		p.mu.Unlock()
		select {
		case <-ctx.Done():
		case <-time.After(2 * time.Second):
		}
	}
	p.mu.Lock()
	p.online = map[string]seen{}
	p.notifyLocked()
	p.mu.Unlock()
}

func (p *Presence) session(ctx context.Context, nc *nats.Conn) error {
	// A lost connection ends the session: offline, this device knows of nobody, and the relay
	// it reconnects to may have restarted without the bucket (it lives in the relay's memory),
	// which would leave this watch deaf. The next session opens the bucket and watches afresh.
	lost := nc.StatusChanged(nats.RECONNECTING, nats.DISCONNECTED, nats.CLOSED)
	defer nc.RemoveStatusListener(lost)
	if !nc.IsConnected() {
		return errors.New("offline")
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	kv, err := p.bucket(ctx, js)
	if err != nil {
		return err
	}
	w, err := kv.WatchAll(ctx)
	if err != nil {
		return err
	}
	defer w.Stop()
	defer p.leave(nc, kv)
	tick := time.NewTicker(p.cfg.Heartbeat)
	defer tick.Stop()
	if err := p.beat(ctx, kv); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-lost:
			return errors.New("the connection to the relay was lost")
		case e, ok := <-w.Updates():
			if !ok {
				return errors.New("presence watch closed")
			}
			p.observe(e)
		case <-tick.C:
			if err := p.beat(ctx, kv); err != nil {
				return err
			}
		case <-p.wake:
			if err := p.beat(ctx, kv); err != nil {
				return err
			}
		}
	}
}

// bucket opens the presence bucket, creating it on first use. LimitMarkerTTL makes the relay
// tell watchers when an entry expires; without it an expiry is silent.
func (p *Presence) bucket(ctx context.Context, js jetstream.JetStream) (jetstream.KeyValue, error) {
	name := Bucket(p.cfg.Workspace)
	kv, err := js.KeyValue(ctx, name)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: name, History: 1,
			TTL: p.ttl(), LimitMarkerTTL: time.Minute, Storage: jetstream.MemoryStorage,
			Description: "who is online in Huddle workspace " + p.cfg.Workspace})
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = js.KeyValue(ctx, name)
		}
	}
	return kv, err
}

func (p *Presence) beat(ctx context.Context, kv jetstream.KeyValue) error {
	p.mu.Lock()
	me := model.Presence{DeviceID: p.cfg.Device, DeviceName: p.cfg.DeviceName, MemberID: p.member,
		State: model.PresenceOnline, Since: time.Now().UnixMilli()}
	if p.away {
		me.State = model.PresenceAway
	}
	p.mu.Unlock()
	b, _ := json.Marshal(me)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := kv.Put(ctx, p.cfg.Device, b)
	return err
}

func (p *Presence) observe(e jetstream.KeyValueEntry) {
	if e == nil {
		return // the end of the initial values
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.notifyLocked()
	if e.Operation() != jetstream.KeyValuePut {
		delete(p.online, e.Key()) // deleted on the way out, or expired
		return
	}
	var got model.Presence
	if err := json.Unmarshal(e.Value(), &got); err != nil || got.DeviceID != e.Key() {
		p.log.Warn("ignored a malformed presence entry", "key", e.Key())
		return
	}
	p.online[e.Key()] = seen{p: got, at: time.Now()}
}

// leave removes this device's entry. Offline it does nothing: the delete would wait in the
// connection's buffer and could reach the relay after this device is back.
func (p *Presence) leave(nc *nats.Conn, kv jetstream.KeyValue) {
	if !nc.IsConnected() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := kv.Delete(ctx, p.cfg.Device); err != nil {
		p.log.Debug("could not remove this device's presence; it expires by itself", "err", err)
	}
}
