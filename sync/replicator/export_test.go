package replicator

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// CompactNow compacts one document of store now, exactly as a session's compactor does once
// the document has enough changes on the stream, so that a test chooses the moment: a
// snapshot covering the store's cursor, then a purge of what it covers. It reports whether
// the store agreed to compact (it refuses while the document has parked changes).
func CompactNow(ctx context.Context, store Store, workspace string, nc *nats.Conn, docID string) (bool, error) {
	r := New(Config{Store: store, Workspace: workspace})
	js, err := jetstream.New(nc)
	if err != nil {
		return false, err
	}
	identity, _, err := r.openStream(ctx, js)
	if err != nil {
		return false, err
	}
	snap, err := store.Snapshot(docID)
	if err != nil {
		return false, err
	}
	if snap.Parked || snap.Cursor.Stream != identity {
		return false, nil
	}
	if err := r.compactDoc(ctx, js, identity, docID); err != nil {
		return false, fmt.Errorf("compact %s: %w", docID, err)
	}
	return true, nil
}
