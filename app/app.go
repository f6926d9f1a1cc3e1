package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/notify"
	"huddle/internal/ports"
	"huddle/internal/schedule"
	"huddle/internal/tasks"
	"huddle/internal/team"
)

// Store is what the app needs from the local store beyond the use cases.
type Store interface {
	LocalSettings
	Subscribe() (<-chan model.Change, func())
	// Workspace reads the workspace without a signed-in member: first run and member switch.
	Workspace() (model.Workspace, error)
}

// Deps are the parts main wires together.
type Deps struct {
	Store Store
	Team  *team.Service
	Inbox *inbox.Service
	Tasks *tasks.Service
	// Notify serves the notification centre; Notices and Desktop feed the native notifier,
	// which runs while the app does (nil Notices: none, as in tests of other areas).
	Notify  *notify.Service
	Notices notify.Source
	Desktop notify.Desktop
	// Schedule serves scheduled replies; Sender sends them when due, on every device, while
	// the app runs (nil: none, as in tests of other areas).
	Schedule *schedule.Service
	Sender   *schedule.Runner
	Sync     Sync // nil when sync is not wired
	Log      *slog.Logger
}

// App owns the bound services and the goroutine that turns store changes into UI events.
type App struct {
	Deps
	session *Session
	// failed is why the store could not be opened (locked by another Huddle, damaged): the
	// window still opens and every call answers with this, so a person launching from a
	// desktop icon reads the reason instead of seeing nothing happen.
	failed error

	mu       sync.Mutex // mu protects ctx, stop and rendered
	ctx      context.Context
	stop     func()
	done     chan struct{}
	rendered bool
	notifier *notify.Dispatcher // nil until Start, and without Notices
}

// New builds the app; Start (or Wails' OnStartup) begins forwarding events.
func New(d Deps) (*App, error) {
	s, err := NewSession(d.Store)
	if err != nil {
		return nil, err
	}
	return &App{Deps: d, session: s, ctx: context.Background()}, nil
}

// NewFailed returns an app for a window that can only say why Huddle could not start.
func NewFailed(err error, log *slog.Logger) *App {
	return &App{Deps: Deps{Log: log}, failed: err, ctx: context.Background()}
}

// Failed reports whether this app only explains why Huddle could not start.
func (a *App) Failed() bool { return a.failed != nil }

// Services lists every service to bind to the frontend.
func (a *App) Services() []any {
	return []any{&WorkspaceService{a}, &InboxService{a}, &ThreadService{a}, &ClientService{a}, &TaskService{a},
		&SyncService{a}, &QueueService{a}, &NotifyService{a}, &ScheduleService{a}}
}

// Startup is Wails' OnStartup: events go to the window behind ctx.
func (a *App) Startup(ctx context.Context) { a.Start(ctx, wailsEmitter{ctx}) }

// Start forwards store changes to emit, batched, until Shutdown.
func (a *App) Start(ctx context.Context, emit Emitter) {
	if a.failed != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	changes, unsubscribe := a.Store.Subscribe()
	syncUpdates, unsubscribeSync := a.syncUpdates()
	done := make(chan struct{})
	a.mu.Lock()
	a.ctx, a.stop, a.done = ctx, func() { cancel(); unsubscribe(); unsubscribeSync() }, done
	a.mu.Unlock()
	if a.Sync != nil {
		if m, err := a.session.Member(); err == nil {
			a.Sync.SetMember(m)
		}
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(150 * time.Millisecond)
		defer tick.Stop()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			syncTick := time.NewTicker(250 * time.Millisecond)
			defer syncTick.Stop()
			a.forwardSync(ctx, syncUpdates, emit, syncTick.C)
		}()
		if d := a.startNotifier(emit); d != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d.Run(ctx)
			}()
		}
		if r := a.Sender; r != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r.Run(ctx)
			}()
		}
		batchEvents(ctx, changes, emit, tick.C)
		cancel()
		wg.Wait()
	}()
}

func (a *App) syncUpdates() (<-chan struct{}, func()) {
	if a.Sync == nil {
		return nil, func() {}
	}
	return a.Sync.Updates()
}

// signIn makes memberID the signed-in member here and tells teammates who is at the desk.
func (a *App) signIn(memberID string) error {
	if err := a.session.SetMember(memberID); err != nil {
		return err
	}
	if a.Sync != nil {
		a.Sync.SetMember(memberID)
	}
	a.mu.Lock()
	d := a.notifier
	a.mu.Unlock()
	if d != nil {
		d.Poke()
	}
	return nil
}

// startNotifier builds the native notifier for the member signed in here, or nil when the
// app has no notification source.
func (a *App) startNotifier(emit Emitter) *notify.Dispatcher {
	if a.Notices == nil {
		return nil
	}
	desk := a.Desktop
	if desk == nil {
		desk = noDesktop{}
	}
	member := func() string {
		m, _ := a.session.Member()
		return m
	}
	changed := func() {
		emit.Emit(EventChanged, Changed{Threads: []string{}, Clients: []string{}, Tasks: []string{}, Notifications: true})
	}
	d := notify.NewDispatcher(a.Notices, desk, ports.SystemClock{}, member, changed, a.Log)
	a.mu.Lock()
	a.notifier = d
	a.mu.Unlock()
	return d
}

// noDesktop shows nothing: the notification centre still lists everything.
type noDesktop struct{}

func (noDesktop) Notify(string, string, bool) error { return nil }

// Shutdown is Wails' OnShutdown: it stops the event goroutine and waits for it.
func (a *App) Shutdown(context.Context) {
	a.mu.Lock()
	stop, done := a.stop, a.done
	a.stop = nil
	a.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

func (a *App) context() context.Context {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ctx
}

// call runs one use case for the signed-in member and converts its error for the UI.
func call[T any](a *App, op string, fn func(ctx context.Context, actor string) (T, error)) (T, error) {
	var zero T
	if a.failed != nil {
		return zero, toUI(a.Log, op, a.failed)
	}
	actor, err := a.session.Member()
	if err != nil {
		return zero, toUI(a.Log, op, err)
	}
	v, err := fn(a.context(), actor)
	if err != nil {
		return zero, toUI(a.Log, op, err)
	}
	return v, nil
}

// do is call for use cases that return only an error.
func do(a *App, op string, fn func(ctx context.Context, actor string) error) error {
	_, err := call(a, op, func(ctx context.Context, actor string) (struct{}, error) {
		return struct{}{}, fn(ctx, actor)
	})
	return err
}

type wailsEmitter struct{ ctx context.Context }

func (w wailsEmitter) Emit(name string, payload any) { runtime.EventsEmit(w.ctx, name, payload) }

// ForBindings returns an app with nothing wired, for the Wails bindings generator, which only
// reads the bound services' method signatures.
func ForBindings() *App { return &App{} }
