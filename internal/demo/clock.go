package demo

import (
	"sync"
	"time"

	"huddle/internal/ports"
)

// Clock is the clock to give the services when demo data will be seeded: it tells its base
// clock's time, except while Seed holds it at a moment of the made-up past, so every message,
// event and Automerge change carries a believable historical time.
type Clock struct {
	base ports.Clock

	mu   sync.Mutex // mu protects held
	held time.Time  // zero when not held
}

var _ ports.Clock = (*Clock)(nil)

// NewClock returns a Clock that follows base until Seed holds it.
func NewClock(base ports.Clock) *Clock { return &Clock{base: base} }

// Now returns the held time while seeding, the base clock's time otherwise.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.held.IsZero() {
		return c.held
	}
	return c.base.Now()
}

func (c *Clock) hold(t time.Time) {
	c.mu.Lock()
	c.held = t
	c.mu.Unlock()
}

func (c *Clock) release() { c.hold(time.Time{}) }
