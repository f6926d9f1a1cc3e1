package usecase

import (
	"context"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// settle lets a burst of store changes (a catch-up commits in runs) end before a pass.
const settle = 200 * time.Millisecond

// idle is how soon a pass that planned nothing runs again.
const idle = time.Hour

// RunPasses runs pass at once, after each burst of changes has settled, whenever wake fires
// (nil: never), and at the time the last pass returned (zero: in an hour), until ctx ends or
// changes closes. It is the loop of the background workers that act on the store over time:
// the native notifier and the sender of scheduled replies.
func RunPasses(ctx context.Context, changes <-chan model.Change, wake <-chan struct{}, clock ports.Clock,
	pass func(now time.Time) (next time.Time)) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-changes:
			if !ok {
				return
			}
			timer.Reset(settle)
			continue
		case <-wake:
		case <-timer.C:
		}
		next := pass(clock.Now())
		if next.IsZero() {
			next = clock.Now().Add(idle)
		}
		timer.Reset(max(next.Sub(clock.Now()), settle))
	}
}
