package tasks

import (
	"context"
	"time"

	"huddle/internal/ports"
)

// Batch runs fn with a copy of the service whose writes all join one store write: one
// transaction, and one Automerge change per document however many use cases touched it. Every
// rule still applies to every call. The batch commits when fn returns nil and keeps nothing
// when it returns an error, so fn must return the error of any call that fails: swallowing it
// would commit that call's partial writes. Reads inside fn (lists, the workspace) see the
// state before the batch; writes see each other, as they load documents from the shared write.
// It exists for bulk work such as seeding demo data or importing history, where one commit
// per message would spend its time waiting for the disk.
func (s *Service) Batch(ctx context.Context, fn func(b *Service) error) error {
	return storeErr(s.store.Update(ctx, s.clock.Now(), func(tx ports.Tx) error {
		return fn(&Service{store: joined{Reader: s.store, tx: tx}, clock: s.clock})
	}))
}

// joined is a store whose Update joins a write already in progress instead of starting one.
type joined struct {
	ports.Reader
	tx ports.Tx
}

func (j joined) Update(_ context.Context, _ time.Time, fn func(ports.Tx) error) error {
	return fn(j.tx)
}
