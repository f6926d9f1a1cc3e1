// Package localdbtest opens real stores for tests of the packages that sit above localdb.
package localdbtest

import (
	"log/slog"
	"testing"

	"huddle/localdb"
)

// Open opens a store in a fresh temporary folder, closed when the test ends. It skips fsync:
// the tests that prove durability live in localdb itself and open their stores with it on.
func Open(t testing.TB) *localdb.DB {
	t.Helper()
	db, err := localdb.Open(t.TempDir(), localdb.Options{NoSync: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
