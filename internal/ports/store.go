// Package ports declares the interfaces the use cases need from the outside world: the local
// store (implemented by localdb) and the clock. Implementations live elsewhere; main wires them.
package ports

import (
	"context"
	"errors"
	"sync"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// Tx is one local write in progress. Docs obtained from it are written in memory; when the
// write function returns nil, the store commits every touched document in ONE transaction
// together with its read models and outbox entries. When it returns an error, nothing is kept.
type Tx interface {
	// Doc returns the document with the given ID, empty (Exists() == false) if it was never
	// created. Calling it twice returns the same *crdt.Doc.
	Doc(id string) (*crdt.Doc, error)
}

// Reader serves the read models: every list, count and timeline the UI shows. Results reflect
// every committed write. Deleted items are not listed.
type Reader interface {
	// Workspace returns the workspace, or an error with CodeNoWorkspace before the first run.
	Workspace() (model.Workspace, error)
	Thread(id string) (model.Thread, error)
	// Messages returns a thread's timeline, oldest first.
	Messages(threadID string) ([]model.Message, error)
	// Threads returns one page of an inbox view; Member's brand access is applied.
	Threads(q model.ThreadQuery) (model.ThreadPage, error)
	// Counts returns, for one member, the size and unread count of every inbox view.
	Counts(member string) (map[model.View]model.Count, error)
	// BrandCounts returns the number of open threads of each brand the member sees.
	BrandCounts(member string) (map[string]int, error)
	// ClientTags lists the tags of the clients the member sees, in order.
	ClientTags(member string) ([]string, error)
	Client(id string) (model.Client, error)
	Clients(q model.ClientQuery) (model.ClientPage, error)
	Task(id string) (model.Task, error)
	Tasks(q model.TaskQuery) (model.TaskPage, error)
	// Search finds the clients and conversations Member can see whose words match.
	Search(q model.SearchQuery) (model.SearchResult, error)
	// Queue counts the team's workload (the team queue) from index sizes and counters.
	Queue(q model.QueueQuery) (model.Queue, error)
	// Notifications returns one page of a member's notification centre, newest first.
	Notifications(q model.NotificationQuery) (model.NotificationPage, error)
	// MemberState returns a member's preferences and read marks (defaults when never set).
	MemberState(member string) (model.MemberState, error)
}

// Store is the local store as the use cases see it.
type Store interface {
	Reader
	// Update runs fn as one local write; see Tx. at stamps the Automerge changes. A write
	// that touches more than the store can commit at once fails with an error matching
	// ErrTooBig and keeps nothing; Tx documents fn changed must exist (see crdt.Doc.Exists).
	Update(ctx context.Context, at time.Time, fn func(tx Tx) error) error
}

// ErrTooBig is matched (errors.Is) by the error of a write that touches more documents than
// the store can commit in one transaction: a few hundred is always safe. Nothing was written;
// the same work split into smaller writes succeeds.
var ErrTooBig = errors.New("write too big for one transaction")

// Clock tells the time; tests inject a fixed or stepping one.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// StepClock moves Step forward on every reading (one second when Step is zero), so each write
// in a test has its own time and the order of events is the order of calls.
type StepClock struct {
	Step time.Duration

	mu sync.Mutex // mu protects T
	T  time.Time
}

// Now advances the clock and returns the new time.
func (c *StepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	step := c.Step
	if step == 0 {
		step = time.Second
	}
	c.T = c.T.Add(step)
	return c.T
}
