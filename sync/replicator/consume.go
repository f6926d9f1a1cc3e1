package replicator

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/localdb"
)

// Window limits for applying the stream. The store loads each document of a window once and
// merges all its items (loading replays the document's stored changes, the dearest part of
// catching up), so the larger the window, the faster a device catches up; the store commits
// it in several transactions. A full window holds some 100 MB while it is applied.
const (
	window      = 1 << 17
	windowBytes = 64 << 20
	// gather is how long the consumer waits for a message the relay said is there (the client
	// library fetches ahead in pulls of prefetch) before applying what it has.
	gather = time.Second
	// prefetch is how many messages the client library keeps ready ahead of the consumer.
	prefetch = 4096
)

// consumeLoop reads the stream in order from the store's cursor and applies it in batches,
// each in one store transaction with the cursor it reaches, until ctx ends or the relay
// fails. An ordered consumer is ephemeral: the cursor lives in the store, not on the relay,
// so the next session resumes exactly after the last batch the store committed.
func (r *Replicator) consumeLoop(ctx context.Context, js jetstream.JetStream, identity string) error {
	cur, err := r.store.SyncCursor()
	if err != nil {
		return err
	}
	cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverAllPolicy}
	if cur.Seq > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, cur.Seq+1
	}
	cons, err := js.OrderedConsumer(ctx, r.stream, cfg)
	if err != nil {
		return fmt.Errorf("read the workspace stream: %w", err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(prefetch))
	if err != nil {
		return fmt.Errorf("read the workspace stream: %w", err)
	}
	defer it.Stop()
	start := cur.Seq
	r.noteProgress(start, start, r.lastSeq(ctx, js))
	for {
		items, pending, err := r.gatherWindow(ctx, it)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		before, last := items[0].Seq-1, items[len(items)-1].Seq
		progress := func(applied int) { r.noteProgress(start, before+uint64(applied), last+pending) }
		if err := r.applyItems(ctx, identity, items, progress); err != nil {
			return err
		}
		r.noteProgress(start, last, last+pending)
	}
}

// gatherWindow waits for one message, then takes those the relay says follow it, up to the
// window limits. It returns the items and how many messages the relay says remain.
func (r *Replicator) gatherWindow(ctx context.Context, it jetstream.MessagesContext) ([]localdb.RemoteItem, uint64, error) {
	msg, err := it.Next(jetstream.NextContext(ctx))
	if err != nil {
		return nil, 0, err
	}
	var batch []localdb.RemoteItem
	size := 0
	var pending uint64
	for {
		item, left, err := r.toItem(msg)
		if err != nil {
			return nil, 0, err
		}
		batch, size, pending = append(batch, item), size+len(item.Data), left
		if len(batch) >= window || size >= windowBytes || pending == 0 {
			return batch, pending, nil
		}
		wait, cancel := context.WithTimeout(ctx, gather)
		msg, err = it.Next(jetstream.NextContext(wait))
		cancel()
		if ctx.Err() == nil && (errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded)) {
			return batch, pending, nil
		}
		if err != nil {
			return nil, 0, err
		}
	}
}

// toItem turns a stream message into a store item and counts it for compaction.
func (r *Replicator) toItem(msg jetstream.Msg) (localdb.RemoteItem, uint64, error) {
	meta, err := msg.Metadata()
	if err != nil {
		return localdb.RemoteItem{}, 0, fmt.Errorf("stream message without metadata: %w", err)
	}
	item, err := parseMsg(r.cfg.Workspace, msg.Subject(), meta.Sequence.Stream, msg.Data())
	if err != nil {
		// The store quarantines it (it names no known document); say here what was wrong.
		r.log.Warn("quarantined a message from the relay", "seq", meta.Sequence.Stream,
			"subject", msg.Subject(), "reason", err)
	}
	device := msg.Headers().Get(headerDevice)
	if device == r.device && item.Kind == localdb.RemoteChange && r.published.Contains(crdt.Digest(item.Data)) {
		item.Known = true
	}
	r.count(item, device)
	return item, meta.NumPending, nil
}

// applyItems applies a window. When one document's items in it are too big for one store
// transaction, it applies the window in halves: what the store committed already merges
// again as a no-op.
func (r *Replicator) applyItems(ctx context.Context, identity string, items []localdb.RemoteItem, progress func(int)) error {
	// The store logs each item it sets aside; the cursor moves past it.
	_, err := r.store.ApplyRemote(ctx, identity, items, progress)
	if errors.Is(err, ports.ErrTooBig) && len(items) > 1 {
		half := len(items) / 2
		if err := r.applyItems(ctx, identity, items[:half], nil); err != nil {
			return err
		}
		return r.applyItems(ctx, identity, items[half:], nil)
	}
	if err != nil {
		return fmt.Errorf("apply changes from the relay: %w", err)
	}
	return nil
}

// lastSeq is the stream's last sequence now, for the catch-up progress; 0 when unknown.
func (r *Replicator) lastSeq(ctx context.Context, js jetstream.JetStream) uint64 {
	st, err := js.Stream(ctx, r.stream)
	if err != nil {
		return 0
	}
	return st.CachedInfo().State.LastSeq
}

// noteProgress records how far reading the stream has got: done of the messages between the
// session's start and total. Once nothing remains, the device is caught up.
func (r *Replicator) noteProgress(start, done, total uint64) {
	r.update(func(s *Status) {
		if done >= total {
			s.CatchUp = nil
			s.LastSynced = time.Now()
			return
		}
		s.CatchUp = &model.SyncProgress{Done: int64(done - start), Total: int64(total - start)}
	})
}
