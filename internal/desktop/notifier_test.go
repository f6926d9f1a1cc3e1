//go:build linux

package desktop

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWithoutAReachableBusNotificationsStayInTheApp(t *testing.T) {
	cases := []struct {
		name, address string
		runtimeFiles  []string // plain files (not sockets) made in XDG_RUNTIME_DIR
		reason        string
	}{
		{name: "no bus at all", reason: "no desktop session bus"},
		{name: "runtime dir bus is not a socket", runtimeFiles: []string{"bus"}, reason: "no desktop session bus"},
		// godbus treats this address as "none" and would run dbus-launch.
		{name: "autolaunch address", address: "autolaunch:", reason: "asks for a new one to be started"},
		{name: "bus socket gone", address: "unix:path=/nonexistent/huddle-test-bus", reason: "did not answer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			marker := markChildren(t)
			runtimeDir := t.TempDir()
			for _, name := range tc.runtimeFiles {
				if err := os.WriteFile(filepath.Join(runtimeDir, name), nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("XDG_RUNTIME_DIR", runtimeDir)
			if tc.address == "" {
				unsetenv(t, "DBUS_SESSION_BUS_ADDRESS")
			} else {
				t.Setenv("DBUS_SESSION_BUS_ADDRESS", tc.address)
			}

			n, logs := newLogged(t)
			if n.Available() {
				t.Fatal("Available() = true without a reachable session bus")
			}
			if err := n.Notify("New message", "Ana wrote", true); err != nil {
				t.Fatalf("Notify on an unavailable desktop = %v, want nil", err)
			}
			assertOneWarning(t, logs, tc.reason)
			if pids := processesCarrying(t, marker); len(pids) > 0 {
				killAll(pids)
				t.Fatalf("looking for a session bus started processes %v (a stray dbus-daemon?)", pids)
			}
		})
	}
}

// newLogged returns a Notifier whose log lines land in the returned buffer.
func newLogged(t *testing.T) (*Notifier, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	return New(slog.New(slog.NewTextHandler(&logs, nil))), &logs
}

func assertOneWarning(t *testing.T, logs *bytes.Buffer, reason string) {
	t.Helper()
	var warnings []string
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(line, "level=WARN") {
			warnings = append(warnings, line)
		}
	}
	if len(warnings) != 1 {
		t.Fatalf("want exactly one warning, got %d:\n%s", len(warnings), logs)
	}
	if !strings.Contains(warnings[0], reason) || !strings.Contains(warnings[0], "inside Huddle") {
		t.Fatalf("warning should say %q and that notifications stay inside Huddle:\n%s", reason, warnings[0])
	}
}

const markerEnv = "HUDDLE_DESKTOP_TEST_MARKER"

// markChildren tags the environment, which every process started from here on inherits, even
// a daemon that detaches itself: processesCarrying finds them by that tag.
func markChildren(t *testing.T) string {
	marker := fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano())
	t.Setenv(markerEnv, marker)
	return marker
}

// processesCarrying lists other processes whose environment holds marker.
func processesCarrying(t *testing.T, marker string) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatalf("cannot list processes: %v", err)
	}
	want := []byte(markerEnv + "=" + marker + "\x00")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err == nil && bytes.Contains(env, want) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func killAll(pids []int) {
	for _, pid := range pids {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// unsetenv removes key for the rest of the test; t.Setenv restores it afterwards.
func unsetenv(t *testing.T, key string) {
	t.Setenv(key, "")
	if err := os.Unsetenv(key); err != nil {
		t.Fatal(err)
	}
}
