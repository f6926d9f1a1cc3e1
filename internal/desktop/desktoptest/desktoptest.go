// Package desktoptest proves, in tests, that a desktop notification really reached a
// notification daemon: the tests run inside build/scripts/notify-delivery.sh, which starts a
// private X display, session bus and dunst, and sets the variables below.
package desktoptest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

const (
	// DeliveryEnv set to "1" turns the real delivery tests on.
	DeliveryEnv = "HUDDLE_DBUS_DELIVERY"
	// ExpectFileEnv names a file that gets one line per expected notification title, so the
	// script can find each one in its dbus-monitor log as well.
	ExpectFileEnv = "HUDDLE_DBUS_EXPECT_FILE"
)

// SkipUnlessDelivery skips a real delivery test outside the delivery script.
func SkipUnlessDelivery(t testing.TB) {
	t.Helper()
	if os.Getenv(DeliveryEnv) != "1" {
		t.Skipf("real delivery test: needs a notification daemon; run build/scripts/notify-delivery.sh (make notify), which sets %s=1", DeliveryEnv)
	}
}

// Notification is what dunst recorded of one notification.
type Notification struct {
	AppName, Summary, Body string
}

// WaitDelivered waits until dunst lists a notification with this title and body in its
// history and returns it; it fails the test when none shows up within timeout. The body
// may arrive escaped for markup (dunst reads bodies as markup). dunst moves a notification
// to its history when it closes, so the daemon must expire notifications quickly (the
// delivery script's dunst does after one second).
func WaitDelivered(t testing.TB, title, body string, timeout time.Duration) Notification {
	t.Helper()
	expect(t, title)
	deadline := time.Now().Add(timeout)
	for {
		history, err := dunstHistory()
		if err != nil {
			t.Fatalf("cannot read the notification daemon's history: %v", err)
		}
		for _, n := range history {
			if n.Summary == title && (n.Body == body || n.Body == escapeMarkup.Replace(body)) {
				return n
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("notification %q / %q did not reach dunst within %s; its history holds %d: %s",
				title, body, timeout, len(history), summaries(history))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var escapeMarkup = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// expect records title for the script's dbus-monitor cross-check.
func expect(t testing.TB, title string) {
	t.Helper()
	path := os.Getenv(ExpectFileEnv)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = fmt.Fprintln(f, title)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatalf("cannot record the expected notification in %s: %v", ExpectFileEnv, err)
	}
}

// dunstHistory runs `dunstctl history`, whose JSON is a D-Bus aa{sv}: a list of notifications,
// each a map of field name to {"type", "data"}.
func dunstHistory() ([]Notification, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "dunstctl", "history").Output()
	if err != nil {
		hint := "is dunst running on this session bus?"
		if _, lookErr := exec.LookPath("busctl"); lookErr != nil {
			hint = "dunstctl history needs busctl, from the Debian package systemd"
		}
		return nil, fmt.Errorf("dunstctl history: %w (%s)", err, hint)
	}
	var reply struct {
		Data [][]map[string]struct {
			Data any `json:"data"`
		} `json:"data"`
	}
	if err := json.Unmarshal(out, &reply); err != nil {
		return nil, fmt.Errorf("dunstctl history printed something other than the JSON expected: %w", err)
	}
	var list []Notification
	for _, group := range reply.Data {
		for _, fields := range group {
			text := func(name string) string { s, _ := fields[name].Data.(string); return s }
			list = append(list, Notification{
				AppName: text("appname"), Summary: text("summary"), Body: text("body"),
			})
		}
	}
	return list, nil
}

func summaries(list []Notification) string {
	if len(list) == 0 {
		return "nothing"
	}
	s := make([]string, len(list))
	for i, n := range list {
		s[i] = fmt.Sprintf("%q", n.Summary)
	}
	return strings.Join(s, ", ")
}
