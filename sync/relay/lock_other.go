//go:build !unix

package relay

import "os"

// lockStore only opens the lock file here: there is no portable advisory lock in the standard
// library, so on these systems nothing stops a second relay on the same folder.
func lockStore(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}
