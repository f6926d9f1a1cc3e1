//go:build unix

package relay

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockStore takes an exclusive lock on the store folder's lock file for as long as the relay
// runs. nats-server does not lock its store, and two servers writing one store corrupt it.
func lockStore(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errStoreLocked
		}
		return nil, err
	}
	return f, nil
}
