//go:build bench

package bench

import (
	"context"
	"time"
)

// Seeded says what SeedStore wrote.
type Seeded struct {
	OwnerID                     string // the workspace's Owner, who sees every thread
	Threads, Messages, Resolved int
	Took                        time.Duration
}

// SeedStore generates a workspace of n threads into dir the way the benchmarks of this package
// do (see generate), for programs that need one outside them: the UI benchmarks open it in the
// app.
func SeedStore(ctx context.Context, dir string, n int, seed uint64) (Seeded, error) {
	f, err := generate(ctx, dir, n, 0, seed)
	if err != nil {
		return Seeded{}, err
	}
	return Seeded{OwnerID: f.owner.ID, Threads: f.threads, Messages: f.messages,
		Resolved: f.resolved, Took: f.genTime}, nil
}
