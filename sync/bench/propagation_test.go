//go:build bench

package bench

import (
	"errors"
	"slices"
	"time"

	"huddle/internal/model"
)

var (
	errClosed  = errors.New("the subscription closed")
	errTimeout = errors.New("timed out waiting for the change on the other device")
)

// waitRemote waits for a remote change event that names doc.
func waitRemote(changes <-chan model.Change, doc string, timeout time.Duration) error {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case c, ok := <-changes:
			if !ok {
				return errClosed
			}
			if c.Remote && slices.Contains(c.DocIDs, doc) {
				return nil
			}
		case <-timer.C:
			return errTimeout
		}
	}
}

func drain[T any](ch chan T) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}
