package relay

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nats-io/nats-server/v2/server"
)

// levelNATSDebug is below slog's Debug: the server's own debug output (every connection,
// every subscription) is for someone debugging NATS, not Huddle.
const levelNATSDebug = slog.LevelDebug - 4

// natsLogger adapts the server's logger to slog. Notices go to Debug: the server announces
// its version, banner and listeners at notice level, and the relay logs its own one-line
// "relay ready" instead.
//
// It also remembers the first Fatalf: the embedded server reports start-up failures (port in
// use, store unusable) only by logging them and then carries on without listening.
type natsLogger struct {
	log *slog.Logger

	mu    sync.Mutex // mu protects fatal
	fatal *fatalError
}

var _ server.Logger = (*natsLogger)(nil)

// fatalError is a Fatalf the server logged, with its arguments kept so errors stay matchable.
type fatalError struct {
	msg  string
	args []any
}

func (e *fatalError) Error() string { return e.msg }

// Unwrap exposes the error arguments (e.g. the listen error) to errors.Is.
func (e *fatalError) Unwrap() []error {
	var errs []error
	for _, a := range e.args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

func (l *natsLogger) Noticef(format string, v ...any) {
	l.log.Debug(fmt.Sprintf(format, v...))
}

func (l *natsLogger) Warnf(format string, v ...any) {
	l.log.Warn(fmt.Sprintf(format, v...))
}

func (l *natsLogger) Errorf(format string, v ...any) {
	l.log.Error(fmt.Sprintf(format, v...))
}

// Fatalf must not exit the process, unlike the server's own logger: the relay runs inside
// the Huddle app. Start turns the remembered failure into the error it returns.
func (l *natsLogger) Fatalf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	l.mu.Lock()
	if l.fatal == nil {
		l.fatal = &fatalError{msg: msg, args: v}
	}
	l.mu.Unlock()
	l.log.Error(msg)
}

func (l *natsLogger) Debugf(format string, v ...any) {
	l.log.Log(context.Background(), levelNATSDebug, fmt.Sprintf(format, v...))
}

func (l *natsLogger) Tracef(format string, v ...any) {
	l.log.Log(context.Background(), levelNATSDebug, fmt.Sprintf(format, v...))
}

// failure returns the first Fatalf, or nil.
func (l *natsLogger) failure() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fatal == nil {
		return nil
	}
	return l.fatal
}

// debugEnabled reports whether the server should produce debug output at all; formatting it
// only to drop it would cost on every connection.
func (l *natsLogger) debugEnabled() bool {
	return l.log.Enabled(context.Background(), levelNATSDebug)
}
