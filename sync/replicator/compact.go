package replicator

import (
	"context"
	"fmt"
	"strconv"

	"github.com/nats-io/nats.go/jetstream"

	"huddle/localdb"
)

// Compaction keeps the stream from growing without end: a document with many changes on the
// stream gets a snapshot, and the messages of that document the snapshot covers are purged.
//
// A snapshot made by this device covers stream sequence N when the store has applied every
// message up to N (localdb.Snapshot takes the document and the cursor under one lock). The
// purge then removes only that document's messages with a sequence up to N, changes and older
// snapshots alike: a change published while the compaction runs gets a sequence after N and
// stays, and so does the new snapshot. Two devices compacting the same document at once are
// therefore safe, each purging only what its own snapshot holds; to avoid the waste, the
// device whose change reaches the threshold is the one that compacts. A document with changes
// parked for missing dependencies, or with a change set aside as unreadable (perhaps written
// by a newer Huddle), is not compacted: its snapshot would lack them.

// count tallies one stream item for compaction and schedules the documents this device should
// compact.
func (r *Replicator) count(item localdb.RemoteItem, device string) {
	if item.DocID == "" || r.cfg.CompactAfter <= 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if item.Kind == localdb.RemoteSnapshot {
		delete(r.counts, item.DocID)
		return
	}
	r.counts[item.DocID]++
	if r.counts[item.DocID] < r.cfg.CompactAfter || device != r.device {
		return
	}
	delete(r.counts, item.DocID)
	select {
	case r.compact <- item.DocID:
	default: // a backlog of compactions; the next threshold brings this one back
	}
}

// compactLoop compacts the scheduled documents until ctx ends or the relay fails.
func (r *Replicator) compactLoop(ctx context.Context, js jetstream.JetStream, identity string) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case id := <-r.compact:
			if err := r.compactDoc(ctx, js, identity, id); err != nil {
				return err
			}
		}
	}
}

// compactDoc publishes a snapshot of one document and purges what it covers.
func (r *Replicator) compactDoc(ctx context.Context, js jetstream.JetStream, identity, docID string) error {
	snap, err := r.store.Snapshot(docID)
	if err != nil {
		return err
	}
	if snap.Parked || snap.Quarantined || snap.Cursor.Stream != identity || snap.Cursor.Seq == 0 {
		return nil
	}
	if len(snap.Data) > localdb.MaxRemoteItem-4096 {
		r.log.Warn("document too large to compact; its changes stay on the relay", "doc", docID, "bytes", len(snap.Data))
		return nil
	}
	covers := snap.Cursor.Seq
	ack, err := js.PublishMsg(ctx, snapshotMsg(r.cfg.Workspace, r.device, snap, covers),
		jetstream.WithMsgID("snap-"+docID+"-"+strconv.FormatUint(covers, 10)), jetstream.WithExpectStream(r.stream))
	if err != nil {
		return fmt.Errorf("publish a snapshot of %s: %w", docID, err)
	}
	st, err := js.Stream(ctx, r.stream)
	if err != nil {
		return err
	}
	err = st.Purge(ctx, jetstream.WithPurgeSubject(docFilter(r.cfg.Workspace, snap.BrandID, snap.Type, docID)),
		jetstream.WithPurgeSequence(covers+1))
	if err != nil {
		return fmt.Errorf("purge the compacted changes of %s: %w", docID, err)
	}
	r.log.Debug("compacted", "doc", docID, "covers", covers, "snapshot_seq", ack.Sequence, "bytes", len(snap.Data))
	return nil
}

// reseed publishes a snapshot of every document this device has to a relay that lost them.
// Every device that synced with the lost stream does the same; the copies merge.
func (r *Replicator) reseed(ctx context.Context, js jetstream.JetStream) error {
	ids, err := r.store.DocIDs("")
	if err != nil {
		return err
	}
	for start := 0; start < len(ids); start += publishWindow {
		var futures []jetstream.PubAckFuture
		for _, id := range ids[start:min(len(ids), start+publishWindow)] {
			snap, err := r.store.Snapshot(id)
			if err != nil {
				return err
			}
			if len(snap.Data) > localdb.MaxRemoteItem-4096 {
				r.log.Error("document too large to re-seed; other devices keep their copies", "doc", id, "bytes", len(snap.Data))
				continue
			}
			f, err := js.PublishMsgAsync(snapshotMsg(r.cfg.Workspace, r.device, snap, 0),
				jetstream.WithExpectStream(r.stream))
			if err != nil {
				return err
			}
			futures = append(futures, f)
		}
		for _, f := range futures {
			select {
			case <-f.Ok():
			case err := <-f.Err():
				return err
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	r.log.Info("re-seeded the relay", "documents", len(ids))
	return nil
}
