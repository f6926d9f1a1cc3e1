package app

import (
	"context"
	"sort"
	"time"

	"huddle/internal/model"
)

// Event names sent to the frontend. All of them live here, with their payload types.
const (
	// EventChanged carries a Changed: documents changed locally or from another device.
	EventChanged = "huddle:changed"
	// EventSync carries a model.SyncStatus whenever it changes (at most one per tick).
	EventSync = "huddle:sync"
	// EventPresence carries the []model.Presence of the devices online now.
	EventPresence = "huddle:presence"
)

// Changed tells the UI which documents changed since the last event, grouped by kind, so each
// store refreshes only what it shows.
type Changed struct {
	Threads   []string `json:"threads"`
	Clients   []string `json:"clients"`
	Tasks     []string `json:"tasks"`
	Workspace bool     `json:"workspace"`
	Remote    bool     `json:"remote"` // at least one change came from another device
	// Notifications says the notification centre may have changed: a thread, a task or the
	// member's own settings changed, or a reminder came due.
	Notifications bool `json:"notifications"`
}

// Emitter sends an event to the UI. The Wails runtime implements it in a window; tests record.
type Emitter interface {
	Emit(name string, payload any)
}

// batchEvents forwards store changes to the UI, at most one event per tick, until ctx ends or
// changes closes. Bursts (a bulk assign, a sync catch-up) become one refresh.
func batchEvents(ctx context.Context, changes <-chan model.Change, emit Emitter, tick <-chan time.Time) {
	pending := map[string]bool{}
	remote := false
	for {
		select {
		case <-ctx.Done():
			return
		case c, ok := <-changes:
			if !ok {
				return
			}
			for _, id := range c.DocIDs {
				pending[id] = true
			}
			remote = remote || c.Remote
		case <-tick:
			if len(pending) == 0 {
				continue
			}
			emit.Emit(EventChanged, groupChanges(pending, remote))
			pending, remote = map[string]bool{}, false
		}
	}
}

func groupChanges(ids map[string]bool, remote bool) Changed {
	ev := Changed{Threads: []string{}, Clients: []string{}, Tasks: []string{}, Remote: remote}
	for id := range ids {
		switch model.TypeOf(id) {
		case model.DocThread:
			ev.Threads = append(ev.Threads, id)
		case model.DocClient:
			ev.Clients = append(ev.Clients, id)
		case model.DocTask:
			ev.Tasks = append(ev.Tasks, id)
		case model.DocWorkspace:
			ev.Workspace = true
		case model.DocMember:
			ev.Notifications = true
		}
	}
	ev.Notifications = ev.Notifications || len(ev.Threads) > 0 || len(ev.Tasks) > 0
	sort.Strings(ev.Threads)
	sort.Strings(ev.Clients)
	sort.Strings(ev.Tasks)
	return ev
}

// forwardSync emits the sync status and presence, at most once per tick, whenever the sync
// layer signals a change, until ctx ends or updates closes.
func (a *App) forwardSync(ctx context.Context, updates <-chan struct{}, emit Emitter, tick <-chan time.Time) {
	if updates == nil {
		return
	}
	dirty := false
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-updates:
			if !ok {
				return
			}
			dirty = true
		case <-tick:
			if !dirty {
				continue
			}
			emit.Emit(EventSync, a.Sync.Status())
			emit.Emit(EventPresence, a.Sync.Online())
			dirty = false
		}
	}
}
