package desktop

import (
	"log/slog"
	"sync"
	"time"

	"github.com/gen2brain/beeep"
)

// appName is how notifications name their sender.
const appName = "Huddle"

// callTimeout bounds every conversation with the desktop, so a stuck notification service
// delays a notification at most this long and never the caller's work.
const callTimeout = 2 * time.Second

// Notifier raises native notifications when the desktop can show them.
type Notifier struct {
	sender *sender // nil when the desktop cannot show notifications
}

// setAppName writes beeep's package-wide app name once: a notification given up on (see
// sender.send) may still be reading it when another Notifier is made.
var setAppName sync.Once

// New sets beeep.AppName to "Huddle", checks once whether a session bus exists
// (DBUS_SESSION_BUS_ADDRESS set, or $XDG_RUNTIME_DIR/bus is a socket) and whether a
// notification service is there (the name org.freedesktop.Notifications has an owner or is
// activatable on that bus), and logs ONE warning line when native notifications are
// unavailable, saying why and that notifications stay in the app.
//
// On macOS and Windows there is no bus to check and notifications are always available.
func New(log *slog.Logger) *Notifier {
	if log == nil {
		log = slog.Default()
	}
	setAppName.Do(func() { beeep.AppName = appName })
	s, reason := newSender()
	if s == nil {
		log.Warn("desktop notifications are off; new activity still shows inside Huddle", "reason", reason)
		return &Notifier{}
	}
	return &Notifier{sender: s}
}

// Available reports whether Notify reaches the desktop.
func (n *Notifier) Available() bool {
	return n != nil && n.sender != nil
}

// Notify shows title and body; with sound, the notification asks for a sound. It returns nil
// without doing anything when Available is false. It never blocks for long (bounded timeout).
func (n *Notifier) Notify(title, body string, sound bool) error {
	if !n.Available() {
		return nil
	}
	return n.sender.send(title, body, sound)
}
