package replicator

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// publishWindow is how many outbox entries are in flight at once. Async publishing with a
// window is ten times the rate of one-by-one acknowledged publishes (PLATFORM.md); the entries
// are still acknowledged, and dropped from the outbox, strictly in order.
const publishWindow = 256

// publishLoop publishes the outbox in order and drops each entry once the relay acknowledged
// it, until ctx ends or the relay fails. After a crash or a failed session the unacknowledged
// entries are published again: the relay's duplicate window drops a repeat it already has, and
// a store ignores a change it already holds, so a repeat has no effect.
func (r *Replicator) publishLoop(ctx context.Context, js jetstream.JetStream) error {
	changes, stop := r.store.Subscribe()
	defer stop()
	retry := time.NewTicker(5 * time.Second) // belt and braces: a missed wake-up costs 5 s
	defer retry.Stop()
	for {
		n, err := r.publishBatch(ctx, js)
		if err != nil {
			return err
		}
		if n == publishWindow {
			continue // more waiting
		}
		select {
		case <-ctx.Done():
			return nil
		case c, ok := <-changes:
			if !ok {
				return nil
			}
			if c.Remote {
				continue // remote changes never enter the outbox
			}
		case <-retry.C:
		}
	}
}

// publishBatch publishes up to publishWindow entries and acknowledges what the relay took.
func (r *Replicator) publishBatch(ctx context.Context, js jetstream.JetStream) (int, error) {
	entries, err := r.store.Outbox(0, publishWindow)
	if err != nil || len(entries) == 0 {
		return 0, err
	}
	futures := make([]jetstream.PubAckFuture, 0, len(entries))
	for _, e := range entries {
		f, err := js.PublishMsgAsync(changeMsg(r.cfg.Workspace, r.device, e),
			jetstream.WithMsgID(e.Hash), jetstream.WithExpectStream(r.stream))
		if err != nil {
			break // what was sent is still acknowledged below
		}
		futures = append(futures, f)
	}
	var acked uint64
	var failed error
	for i, f := range futures {
		select {
		case <-f.Ok():
			acked = entries[i].Seq
			r.published.Add(entries[i].Hash, struct{}{})
			continue
		case err := <-f.Err():
			failed = fmt.Errorf("publish %s: %w", entries[i].DocID, err)
		case <-ctx.Done():
			failed = ctx.Err()
		}
		break
	}
	if acked > 0 {
		if err := r.store.AckOutbox(acked); err != nil {
			return 0, err
		}
		r.update(func(s *Status) { s.LastSynced = time.Now() })
	}
	if failed == nil && len(futures) < len(entries) {
		failed = fmt.Errorf("publish: the connection refused more messages")
	}
	return len(futures), failed
}
