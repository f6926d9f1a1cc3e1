package claims

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/schedule"
)

// timeout bounds each claim or look-up on the relay: one that does not answer by then is as
// good as unreachable, and the message waits for the next try.
const timeout = 5 * time.Second

// ErrDamaged is schedule.ErrDamaged: the use cases decide what a damaged claim means.
var ErrDamaged = schedule.ErrDamaged

// Bucket is the key-value bucket of a workspace's claims.
func Bucket(workspaceID string) string { return "huddle_sends_" + workspaceID }

// Relay keeps one workspace's claims on the relay, over one connection, for one device.
type Relay struct {
	nc     *nats.Conn
	bucket string
	device string

	mu sync.Mutex         // mu protects kv
	kv jetstream.KeyValue // the bucket once opened; nil before, and after a failed call
}

var _ schedule.Claims = (*Relay)(nil)

// New returns the claims of workspaceID over nc, claimed in the name of deviceID.
func New(nc *nats.Conn, workspaceID, deviceID string) *Relay {
	return &Relay{nc: nc, bucket: Bucket(workspaceID), device: deviceID}
}

// Claim takes messageID for action unless a device took it before, and returns the claim that
// holds (see schedule.Claims).
func (r *Relay) Claim(ctx context.Context, messageID string, action schedule.Action) (schedule.Claim, error) {
	return r.Create(ctx, schedule.Claim{MessageID: messageID, Device: r.device, Action: action, At: time.Now().UnixMilli()})
}

// Create stores c unless a claim on its message exists, and returns the claim that holds. It
// is Claim for a claim made before, such as one a device made while it had no relay.
func (r *Relay) Create(ctx context.Context, c schedule.Claim) (schedule.Claim, error) {
	if err := check(c); err != nil {
		return schedule.Claim{}, err
	}
	value, err := json.Marshal(c)
	if err != nil {
		return schedule.Claim{}, err
	}
	held := c
	err = r.do(ctx, func(ctx context.Context, kv jetstream.KeyValue) error {
		_, err := kv.Create(ctx, c.MessageID, value)
		if !errors.Is(err, jetstream.ErrKeyExists) {
			return err
		}
		var ok bool
		held, ok, err = get(ctx, kv, c.MessageID)
		if err == nil && !ok {
			err = fmt.Errorf("the claim on scheduled message %s was removed from the relay while Huddle read it", c.MessageID)
		}
		return err
	})
	if err != nil {
		return schedule.Claim{}, err
	}
	return held, nil
}

// Holder returns the claim on messageID, if any, without taking it.
func (r *Relay) Holder(ctx context.Context, messageID string) (c schedule.Claim, ok bool, err error) {
	if err := ValidateID(messageID); err != nil {
		return schedule.Claim{}, false, err
	}
	err = r.do(ctx, func(ctx context.Context, kv jetstream.KeyValue) error {
		c, ok, err = get(ctx, kv, messageID)
		return err
	})
	if err != nil {
		return schedule.Claim{}, false, err
	}
	return c, ok, nil
}

// do runs op on the bucket within the timeout. It refuses at once when the connection is
// down: a request made while reconnecting would wait in the connection's buffer and could
// reach the relay long after the caller was told it failed.
func (r *Relay) do(ctx context.Context, op func(context.Context, jetstream.KeyValue) error) error {
	if !r.nc.IsConnected() {
		return fmt.Errorf("%w (not connected to the relay)", schedule.ErrUnreachable)
	}
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	kv, err := r.open(callCtx)
	if err != nil {
		return unreachable(ctx, fmt.Errorf("opening the claims bucket: %w", err))
	}
	err = op(callCtx, kv)
	if err != nil && !errors.Is(err, ErrDamaged) {
		// The relay may have restarted empty or be another one now: open the bucket afresh
		// (creating it when missing) on the next call.
		r.forget(kv)
	}
	return unreachable(ctx, err)
}

// open returns the bucket, creating it on first use; two devices may race to create it.
func (r *Relay) open(ctx context.Context) (jetstream.KeyValue, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.kv != nil {
		return r.kv, nil
	}
	js, err := jetstream.New(r.nc)
	if err != nil {
		return nil, err
	}
	kv, err := js.KeyValue(ctx, r.bucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: r.bucket, History: 1,
			Storage: jetstream.FileStorage, Replicas: 1,
			Description: "which Huddle device sends or cancels each scheduled message"})
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = js.KeyValue(ctx, r.bucket)
		}
	}
	if err != nil {
		return nil, err
	}
	r.kv = kv
	return kv, nil
}

func (r *Relay) forget(kv jetstream.KeyValue) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.kv == kv {
		r.kv = nil
	}
}

// get reads and checks the claim on messageID.
func get(ctx context.Context, kv jetstream.KeyValue, messageID string) (schedule.Claim, bool, error) {
	e, err := kv.Get(ctx, messageID)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return schedule.Claim{}, false, nil
	}
	if err != nil {
		return schedule.Claim{}, false, err
	}
	c, err := Decode(messageID, e.Value())
	return c, err == nil, err
}

// unreachable turns the ways a relay fails to answer into schedule.ErrUnreachable. The
// caller's own cancellation stays as it is: the caller gave up, the relay did not.
func unreachable(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil {
		return err
	}
	for _, silent := range []error{context.DeadlineExceeded, nats.ErrTimeout, nats.ErrNoResponders,
		jetstream.ErrNoStreamResponse, nats.ErrConnectionClosed, nats.ErrConnectionReconnecting,
		nats.ErrDisconnected, nats.ErrConnectionDraining} {
		if errors.Is(err, silent) {
			return fmt.Errorf("%w (%v)", schedule.ErrUnreachable, err)
		}
	}
	return err
}

// validID is what a message ID may be here: a ULID and more, never a key-value wildcard or
// separator.
var validID = regexp.MustCompile(`^[A-Za-z0-9_=-]{1,128}$`)

// ValidateID checks that messageID can name a claim.
func ValidateID(messageID string) error {
	if !validID.MatchString(messageID) {
		return fmt.Errorf("%q cannot be claimed: a scheduled message ID is letters, digits, '-', '_' or '=' (up to 128)", messageID)
	}
	return nil
}

// Validate checks that messageID can name a claim and that action is one.
func Validate(messageID string, action schedule.Action) error {
	if err := ValidateID(messageID); err != nil {
		return err
	}
	if action != schedule.ActionSend && action != schedule.ActionCancel {
		return fmt.Errorf("scheduled message %s cannot be claimed to %q: the action is %q or %q",
			messageID, action, schedule.ActionSend, schedule.ActionCancel)
	}
	return nil
}

// check validates a whole claim.
func check(c schedule.Claim) error {
	if err := Validate(c.MessageID, c.Action); err != nil {
		return err
	}
	if c.Device == "" {
		return fmt.Errorf("a claim on scheduled message %s must name its device", c.MessageID)
	}
	return nil
}

// Decode reads a stored claim on messageID, failing with ErrDamaged unless it is a whole one.
func Decode(messageID string, raw []byte) (schedule.Claim, error) {
	var c schedule.Claim
	if err := json.Unmarshal(raw, &c); err != nil || c.MessageID != messageID || check(c) != nil {
		return schedule.Claim{}, fmt.Errorf("%w (message %s)", ErrDamaged, messageID)
	}
	return c, nil
}
