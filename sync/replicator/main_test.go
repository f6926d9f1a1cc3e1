package replicator_test

import (
	"os"
	"testing"

	"huddle/sync/synctest"
)

// TestMain lets the test binary run as a child device (see synctest.StartChild).
func TestMain(m *testing.M) {
	synctest.RunChildIfAsked()
	os.Exit(m.Run())
}
