package notify

import (
	"encoding/json"
	"time"

	"huddle/internal/model"
)

// tick is one pass of the dispatcher for the member signed in.
type tick struct {
	d      *Dispatcher
	ws     model.Workspace
	state  model.MemberState
	member string
	now    time.Time
	quiet  bool
	held   *held
	// heldChanged says held must be saved before anything is raised.
	heldChanged bool
	raised      []model.Notification // to raise at the end of the pass, in order
}

func (t *tick) hold(n *model.Notification) {
	t.held.add(n)
	t.heldChanged = true
}

// arrivals takes the notifications new to this device: the member's fresh ones are raised,
// older ones and those of quiet hours held for the digest, the rest dropped. They are dropped
// from the queue before anything is raised, so none is ever raised twice.
func (t *tick) arrivals() error {
	for {
		as, err := t.d.src.Arrivals(arrivalChunk)
		if err != nil || len(as) == 0 {
			break
		}
		for i := range as {
			n := &as[i].Notification
			if n.Member != t.member || !t.state.Prefs.Wants(n.Kind) || t.state.IsRead(n) {
				continue
			}
			age := t.now.Sub(time.UnixMilli(n.At))
			switch {
			case age > away:
			case age > fresh || t.quiet:
				t.hold(n)
			default:
				t.raised = append(t.raised, *n)
			}
		}
		if err := t.d.src.DropArrivals(as[len(as)-1].Seq); err != nil {
			return err
		}
	}
	return nil
}

// fired is the device-local record of the reminders raised (or held) on this device.
type fired struct {
	Since int64            `json:"since"` // the first pass for this member here: older reminders are not news
	IDs   map[string]int64 `json:"ids"`   // reminder notification ID → its time
}

// reminders raises the member's reminders that came due and were not raised on this device
// yet (missed while the app was closed included), and returns when the next one is due.
func (t *tick) reminders() (time.Time, error) {
	key := firedKey(t.member)
	raw, err := t.d.src.LocalSetting(key)
	if err != nil {
		return time.Time{}, err
	}
	now := t.now.UnixMilli()
	f := fired{Since: now, IDs: map[string]int64{}}
	if raw != "" && json.Unmarshal([]byte(raw), &f) != nil || f.IDs == nil {
		f = fired{Since: now, IDs: map[string]int64{}}
	}
	after := max(f.Since-1, now-reminderLookback.Milliseconds())
	due, err := t.d.src.Reminders(t.member, after, now)
	if err != nil {
		return time.Time{}, err
	}
	changed := raw == ""
	for i := range due {
		n := &due[i]
		if _, done := f.IDs[n.ID]; done {
			continue
		}
		f.IDs[n.ID], changed = n.At, true
		switch {
		case !t.state.Prefs.Reminders || t.state.IsRead(n):
		case t.quiet:
			t.hold(n)
		default:
			t.raised = append(t.raised, *n)
		}
	}
	if changed {
		for id, at := range f.IDs {
			if at < now-reminderLookback.Milliseconds() {
				delete(f.IDs, id)
			}
		}
		b, err := json.Marshal(f)
		if err != nil {
			return time.Time{}, err
		}
		if err := t.d.src.SetLocalSetting(key, string(b)); err != nil {
			return time.Time{}, err
		}
		if raw != "" {
			t.d.changed() // a reminder came due: the centre lists it now
		}
	}
	at, ok, err := t.d.src.NextReminder(t.member, now)
	if err != nil || !ok {
		return time.Time{}, err
	}
	return time.UnixMilli(at), nil
}

// raise shows what the pass collected: the digest first when quiet hours are over, then each
// notification, or one summary when there are more than a burst.
func (t *tick) raise() error {
	var out []native
	if !t.quiet && !t.held.empty() {
		out = append(out, digest(t.held))
		t.held, t.heldChanged = &held{Threads: map[string]bool{}}, true
	}
	if t.heldChanged {
		if err := t.d.saveHeld(t.member, t.held); err != nil {
			return err
		}
	}
	if len(t.raised) > burst {
		h := &held{Threads: map[string]bool{}}
		for i := range t.raised {
			h.add(&t.raised[i])
		}
		out = append(out, summary(h, len(t.raised)))
	} else {
		for i := range t.raised {
			out = append(out, describe(t.ws, &t.raised[i]))
		}
	}
	for _, n := range out {
		// A notification that fails is logged, never an error: the centre has it anyway.
		if err := t.d.desk.Notify(n.title, n.body, t.state.Prefs.Sound); err != nil {
			t.d.log.Warn("a native notification could not be shown; it is in the notification centre", "err", err)
		}
	}
	return nil
}
