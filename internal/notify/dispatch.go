package notify

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Desktop raises native notifications (internal/desktop); it does nothing where the desktop
// cannot show them.
type Desktop interface {
	Notify(title, body string, sound bool) error
}

// Source is what the dispatcher reads from and keeps in the store (localdb implements it).
type Source interface {
	Workspace() (model.Workspace, error)
	MemberState(member string) (model.MemberState, error)
	Arrivals(limit int) ([]model.Arrival, error)
	DropArrivals(upTo uint64) error
	Reminders(member string, after, upTo int64) ([]model.Notification, error)
	NextReminder(member string, after int64) (at int64, ok bool, err error)
	LocalSetting(key string) (string, error)
	SetLocalSetting(key, value string) error
	Subscribe() (<-chan model.Change, func())
}

const (
	// fresh is how old a notification may be when it reaches this device and still be
	// raised on its own; older ones (a catch-up after a day offline) go into the digest.
	fresh = 10 * time.Minute
	// away is how old a notification may be and still count in the digest: a device that
	// joins a workspace hears of its whole history, which is nobody's news.
	away = 24 * time.Hour
	// reminderLookback is how far back a reminder missed while the app was closed still
	// fires, on a device that was set up before it came due.
	reminderLookback = 7 * 24 * time.Hour
	// burst is how many notifications are raised one by one at once; more become one summary.
	burst = 3
	// arrivalChunk is how many arrivals one pass takes from the store.
	arrivalChunk = 200
)

// Dispatcher raises the native notifications of the member signed in on this device. Tick
// does one pass; Run calls it whenever the store changes, a reminder or the end of quiet
// hours comes, or Poke is called (another member signed in).
type Dispatcher struct {
	src     Source
	desk    Desktop
	clock   ports.Clock
	member  func() string // who is signed in on this device; "" for nobody
	changed func()        // the notification centre changed without a store write (a reminder came due)
	log     *slog.Logger
	poke    chan struct{}
}

// NewDispatcher returns a dispatcher; changed may be nil.
func NewDispatcher(src Source, desk Desktop, clock ports.Clock, member func() string, changed func(), log *slog.Logger) *Dispatcher {
	if changed == nil {
		changed = func() {}
	}
	return &Dispatcher{src: src, desk: desk, clock: clock, member: member, changed: changed, log: log,
		poke: make(chan struct{}, 1)}
}

// Poke asks for a pass soon (the member signed in on this device changed).
func (d *Dispatcher) Poke() {
	select {
	case d.poke <- struct{}{}:
	default:
	}
}

// Run dispatches until ctx ends: at once (reminders missed while closed), after store
// changes, on Poke, and when a reminder or the end of quiet hours comes. A pass that fails is
// logged and tried again on the next wake.
func (d *Dispatcher) Run(ctx context.Context) {
	changes, stop := d.src.Subscribe()
	defer stop()
	usecase.RunPasses(ctx, changes, d.poke, d.clock, func(now time.Time) time.Time {
		next, err := d.Tick(now)
		if err != nil {
			d.log.Warn("native notifications: a pass failed; trying again on the next change", "err", err)
		}
		return next
	})
}

// Tick raises what is due at now for the member signed in, and returns when the next pass
// is due (zero for "on the next change").
func (d *Dispatcher) Tick(now time.Time) (time.Time, error) {
	member := d.member()
	if member == "" {
		return time.Time{}, d.dropAll() // nobody to tell; the centre keeps them
	}
	ws, err := d.src.Workspace()
	if err != nil {
		return time.Time{}, err
	}
	state, err := d.src.MemberState(member)
	if err != nil {
		return time.Time{}, err
	}
	t := tick{d: d, ws: ws, state: state, member: member, now: now,
		quiet: state.Prefs.Quiet.Contains(now) || ws.Quiet.Contains(now)}
	if t.held, err = d.loadHeld(member); err != nil {
		return time.Time{}, err
	}
	if err := t.arrivals(); err != nil {
		return time.Time{}, err
	}
	next, err := t.reminders()
	if err != nil {
		return time.Time{}, err
	}
	if err := t.raise(); err != nil {
		return time.Time{}, err
	}
	if t.quiet && !t.held.empty() {
		end := state.Prefs.Quiet.End(ws.Quiet.End(now))
		end = ws.Quiet.End(end) // one may end inside the other
		if next.IsZero() || end.Before(next) {
			next = end
		}
	}
	return next, nil
}

// dropAll forgets every arrival: they stay in the notification centre.
func (d *Dispatcher) dropAll() error {
	for {
		as, err := d.src.Arrivals(arrivalChunk)
		if err != nil || len(as) == 0 {
			return err
		}
		if err := d.src.DropArrivals(as[len(as)-1].Seq); err != nil {
			return err
		}
	}
}

// Device-local settings of the dispatcher, per member.
func heldKey(member string) string  { return "notify.held." + member }
func firedKey(member string) string { return "notify.reminders." + member }

// held is what quiet hours or a long absence kept from being raised: the digest's content.
type held struct {
	Threads   map[string]bool `json:"threads"` // assigned and new messages, by thread
	Mentions  int             `json:"mentions"`
	Reminders int             `json:"reminders"`
}

func (h *held) empty() bool { return len(h.Threads) == 0 && h.Mentions == 0 && h.Reminders == 0 }

func (h *held) add(n *model.Notification) {
	switch n.Kind {
	case model.NotifyMention:
		h.Mentions++
	case model.NotifyReminder:
		h.Reminders++
	default:
		h.Threads[n.ThreadID] = true
	}
}

func (d *Dispatcher) loadHeld(member string) (*held, error) {
	h := &held{Threads: map[string]bool{}}
	raw, err := d.src.LocalSetting(heldKey(member))
	if err != nil || raw == "" {
		return h, err
	}
	if json.Unmarshal([]byte(raw), h) != nil || h.Threads == nil {
		h = &held{Threads: map[string]bool{}} // unreadable: start again, nothing worse
	}
	return h, nil
}

func (d *Dispatcher) saveHeld(member string, h *held) error {
	raw := ""
	if !h.empty() {
		b, err := json.Marshal(h)
		if err != nil {
			return err
		}
		raw = string(b)
	}
	return d.src.SetLocalSetting(heldKey(member), raw)
}
