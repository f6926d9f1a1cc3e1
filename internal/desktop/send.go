package desktop

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gen2brain/beeep"
)

// sender shows notifications through beeep. beeep's call cannot be bounded, so it runs on a
// goroutine that ends when beeep returns, and one slot keeps a stuck desktop from piling up
// more of them: the caller waits at most timeout.
type sender struct {
	timeout time.Duration
	slot    chan struct{} // holds a token while a notification is being shown
	escape  bool          // the notification service reads bodies as markup
}

func newSenderWith(escape bool) *sender {
	return &sender{timeout: callTimeout, slot: make(chan struct{}, 1), escape: escape}
}

// A service with the "body-markup" capability reads the body as markup: people's messages
// must not turn into tags ("<3", "a & b" would vanish or break the notification).
var escapeMarkup = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// send shows one notification. With sound it uses beeep.Alert, beeep's only way to ask for a
// sound: on Linux that is a critical notification with the "bell" sound, which stays until
// it is dismissed (and beeep also writes a BEL to the terminal); on macOS and Windows a
// normal notification with the system's sound. Without, beeep.Notify: a normal one.
func (s *sender) send(title, body string, sound bool) error {
	select {
	case s.slot <- struct{}{}:
	default:
		return errors.New("desktop notification not shown: the desktop has not finished showing the previous one (it still shows inside Huddle)")
	}
	if s.escape {
		body = escapeMarkup.Replace(body)
	}
	show := beeep.Notify
	if sound {
		show = beeep.Alert
	}
	done := make(chan error, 1)
	go func() {
		defer func() { <-s.slot }()
		done <- show(title, body, "")
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("desktop notification not shown (it still shows inside Huddle): %w", err)
		}
		return nil
	case <-time.After(s.timeout):
		return fmt.Errorf("desktop notification not shown: the desktop did not answer within %s (it still shows inside Huddle)", s.timeout)
	}
}
