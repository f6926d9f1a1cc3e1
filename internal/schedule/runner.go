package schedule

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Sender sends a scheduled reply that this device has claimed (inbox.Service.SendScheduled).
type Sender interface {
	SendScheduled(ctx context.Context, threadID, messageID string) (model.Message, error)
}

const (
	// retryOffline is how soon a device that could not reach the relay tries again.
	retryOffline = 15 * time.Second
	// recheckTaken is how soon a device looks again at a reply another device claimed and
	// whose sending has not reached it yet.
	recheckTaken = time.Minute
	// damagedRecheck is how soon a device looks again at a reply whose claim is damaged.
	damagedRecheck = time.Hour
	// batch is how many due replies one round of a pass reads, and maxRounds how many rounds
	// a pass makes before it yields to the next.
	batch     = 50
	maxRounds = 20
)

// Runner sends the scheduled replies that are due, on this device, exactly once across the
// workspace's devices. Tick does one pass; Run calls it when a reply comes due, when the
// store changes, and again shortly after the relay could not be reached.
type Runner struct {
	store  Store
	send   Sender
	claims Claims
	device string
	clock  ports.Clock
	log    *slog.Logger
	// taken remembers replies another device claimed, until when not to ask again. Only the
	// goroutine running Tick touches it.
	taken map[string]time.Time
}

// NewRunner returns a Runner for this device.
func NewRunner(store Store, send Sender, claims Claims, device string, clock ports.Clock, log *slog.Logger) *Runner {
	return &Runner{store: store, send: send, claims: claims, device: device, clock: clock, log: log,
		taken: map[string]time.Time{}}
}

// Run sends until ctx ends. A pass that fails is logged and tried again shortly.
func (r *Runner) Run(ctx context.Context) {
	changes, stop := r.store.Subscribe()
	defer stop()
	usecase.RunPasses(ctx, changes, nil, r.clock, func(now time.Time) time.Time {
		next, err := r.Tick(ctx, now)
		if err != nil {
			r.log.Warn("scheduled replies: a pass failed; trying again shortly", "err", err)
			return now.Add(retryOffline)
		}
		return next
	})
}

// Tick sends what is due at now and returns when the next pass is due (zero: on the next
// change).
func (r *Runner) Tick(ctx context.Context, now time.Time) (time.Time, error) {
	ws, err := r.store.Workspace()
	if model.CodeOf(err) == model.CodeNoWorkspace {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	for id, until := range r.taken {
		if !now.Before(until) {
			delete(r.taken, id)
		}
	}
	if ws.Quiet.Contains(now) {
		return ws.Quiet.End(now), nil // automated sends wait for the end of quiet hours
	}
	var next time.Time
	later := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	// Each round reads the due replies past those other devices took, so those never hold up
	// the rest; every reply tried is either sent (and leaves the index) or taken.
	for round := 0; ; round++ {
		if round == maxRounds {
			later(now) // more are due: the next pass takes them
			break
		}
		limit := batch + len(r.taken)
		due, err := r.store.ScheduledReplies(now.UnixMilli(), limit)
		if err != nil {
			return time.Time{}, err
		}
		tried, offline := 0, false
		for _, d := range due {
			if until, ok := r.taken[d.Message.ID]; ok && now.Before(until) {
				later(until)
				continue
			}
			tried++
			retry, err := r.sendOne(ctx, d.Message, now)
			if errors.Is(err, ErrUnreachable) {
				later(retry) // the others would not get through either
				offline = true
				break
			}
			if err != nil {
				return time.Time{}, err
			}
			if !retry.IsZero() {
				later(retry)
			}
		}
		if offline || tried == 0 || len(due) < limit {
			break
		}
	}
	at, ok, err := r.store.NextScheduled(now.UnixMilli())
	if err != nil {
		return time.Time{}, err
	}
	if ok {
		later(time.UnixMilli(at))
	}
	return next, nil
}

// sendOne claims a due reply and, if this device won, sends it. It returns when to look at
// the reply again, zero when it is done with; with ErrUnreachable, the relay could not be
// reached.
func (r *Runner) sendOne(ctx context.Context, m model.Message, now time.Time) (time.Time, error) {
	c, err := r.claims.Claim(ctx, m.ID, ActionSend)
	if errors.Is(err, ErrUnreachable) {
		return now.Add(retryOffline), err
	}
	if errors.Is(err, ErrDamaged) {
		// Nobody can tell whether it went; a person decides (the service says so).
		r.log.Error("scheduled replies: the relay's claim on a reply is damaged; it will not be sent", "message", m.ID)
		r.taken[m.ID] = now.Add(damagedRecheck)
		return now.Add(damagedRecheck), nil
	}
	if err != nil {
		r.log.Warn("scheduled replies: could not claim a reply; trying again shortly", "message", m.ID, "err", err)
		r.taken[m.ID] = now.Add(retryOffline)
		return now.Add(retryOffline), nil
	}
	if c.Device != r.device || c.Action != ActionSend {
		// Another device sends it, or it was cancelled; its change is on its way here.
		r.taken[m.ID] = now.Add(recheckTaken)
		return now.Add(recheckTaken), nil
	}
	delete(r.taken, m.ID)
	// This device holds the claim: a fresh one, or one taken before a crash cut the send short.
	if _, err := r.send.SendScheduled(ctx, m.ThreadID, m.ID); err != nil {
		if model.CodeOf(err) == model.CodeConflict || model.CodeOf(err) == model.CodeNotFound {
			return time.Time{}, nil // it went, or its thread went, meanwhile
		}
		return time.Time{}, err
	}
	r.log.Info("scheduled reply sent", "thread", m.ThreadID, "message", m.ID)
	return time.Time{}, nil
}
