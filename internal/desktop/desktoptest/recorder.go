package desktoptest

import "sync"

// Recorder is a desktop that records what it is asked to show, for tests of what a notifier
// raises without a notification daemon.
type Recorder struct {
	mu    sync.Mutex // mu protects shown
	shown []Shown
}

// Shown is one notification a Recorder was asked to show.
type Shown struct {
	Title, Body string
	Sound       bool
}

// Notify records the notification.
func (r *Recorder) Notify(title, body string, sound bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.shown = append(r.shown, Shown{title, body, sound})
	return nil
}

// Take returns what was shown since the last Take.
func (r *Recorder) Take() []Shown {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.shown
	r.shown = nil
	return out
}

// Titles lists the titles of s, in order.
func Titles(s []Shown) []string {
	out := []string{}
	for _, n := range s {
		out = append(out, n.Title)
	}
	return out
}
