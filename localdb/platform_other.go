//go:build !unix

package localdb

import (
	"errors"
	"os"
)

var errLocked = errors.New("the data folder is locked by another process")

func diskFree(string) (uint64, error) { return 0, errors.New("free space unknown on this system") }

// lockFolder opens the marker file; Badger's own folder lock is the only one here.
func lockFolder(marker string) (*os.File, error) { return os.Open(marker) }
