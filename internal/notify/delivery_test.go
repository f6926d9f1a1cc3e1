package notify_test

import (
	"log/slog"
	"testing"
	"time"

	"huddle/internal/desktop"
	"huddle/internal/desktop/desktoptest"
)

// Huddle itself, end to end to a real notification daemon: an assignment and a mention made
// through the use cases reach the store, the dispatcher raises them through the desktop
// notifier, and the daemon shows them with who, what and which client. Runs only inside
// build/scripts/notify-delivery.sh (make notify).
func TestDeliveryOfAnAssignmentAndAMention(t *testing.T) {
	desktoptest.SkipUnlessDelivery(t)
	f := newFixture(t)
	desk := desktop.New(slog.Default())
	if !desk.Available() {
		t.Fatal("no notification service found, though the delivery run should have started dunst")
	}
	f.dispatcher = notifyDispatcher(f, desk)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	_, err := f.in.AddNote(f.ctx, f.olga.ID, f.thread.ID, "@ana can you call Maria back about Friday?")
	f.must(err)
	f.tick(0)
	desktoptest.WaitDelivered(t, "Assigned to you: Maria Lopez",
		"Olga Owner assigned you the conversation with Maria Lopez.", 10*time.Second)
	desktoptest.WaitDelivered(t, "Olga Owner mentioned you",
		"On Maria Lopez: “@ana can you call Maria back about Friday?”", 10*time.Second)
}
