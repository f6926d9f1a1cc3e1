//go:build unix

package localdb

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// diskFree returns the bytes an unprivileged process may still write under dir.
func diskFree(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

var errLocked = errors.New("the data folder is locked by another process")

// lockFolder takes an exclusive lock on the folder's marker file for as long as the store is
// open. Badger locks the folder too, but only inside badger.Open, after Open has already read
// the table files; holding our own lock first means a second instance is told "locked" and
// never inspects files that the running one is still writing.
func lockFolder(marker string) (*os.File, error) {
	f, err := os.Open(marker)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return f, nil
}
