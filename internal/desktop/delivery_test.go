package desktop

import (
	"bytes"
	"log/slog"
	"testing"
	"time"

	"huddle/internal/desktop/desktoptest"
)

// Runs only inside build/scripts/notify-delivery.sh (make notify), against a real dunst.
func TestDeliveryToARealNotificationDaemon(t *testing.T) {
	desktoptest.SkipUnlessDelivery(t)
	var logs bytes.Buffer
	n := New(slog.New(slog.NewTextHandler(&logs, nil)))
	if !n.Available() {
		t.Fatalf("no notification service found, though the delivery run should have started dunst; log:\n%s", logs.String())
	}

	// A run stamp keeps this run's notifications apart from any older ones in the history.
	run := time.Now().Format("150405.000000")
	sent := []struct {
		title, body string
		sound       bool
	}{
		{"Huddle delivery " + run + " silent", "Ana replied: the booking moved to 3pm", false},
		{"Huddle delivery " + run + " with sound", "Ben mentioned you in Refunds & Returns <3", true},
	}
	for _, m := range sent {
		if err := n.Notify(m.title, m.body, m.sound); err != nil {
			t.Fatalf("Notify(%q): %v", m.title, err)
		}
	}
	for _, m := range sent {
		got := desktoptest.WaitDelivered(t, m.title, m.body, 10*time.Second)
		if got.AppName != appName {
			t.Fatalf("notification %q arrived from app %q, want %q", m.title, got.AppName, appName)
		}
	}
}
