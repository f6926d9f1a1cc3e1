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

// The other two triggers, to the same real daemon: a client's message on a conversation
// assigned to the member, and a task reminder at its time.
func TestDeliveryOfAClientMessageAndAReminder(t *testing.T) {
	desktoptest.SkipUnlessDelivery(t)
	f := newFixture(t)
	desk := desktop.New(slog.Default())
	if !desk.Available() {
		t.Fatal("no notification service found, though the delivery run should have started dunst")
	}
	f.dispatcher = notifyDispatcher(f, desk)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	f.tick(0)
	desktoptest.WaitDelivered(t, "Assigned to you: Maria Lopez",
		"Olga Owner assigned you the conversation with Maria Lopez.", 10*time.Second)

	_, err := f.in.RecordInbound(f.ctx, f.thread.ID, "Can we make it 4pm instead?", time.Time{})
	f.must(err)
	at := f.clock.T.Add(30 * time.Minute)
	_, err = f.tasks.Create(f.ctx, f.olga.ID, tasksNew(f, "Call back Maria", at.UnixMilli()))
	f.must(err)
	f.tick(0)
	desktoptest.WaitDelivered(t, "New message from Maria Lopez", "Can we make it 4pm instead?", 10*time.Second)
	if _, err := f.dispatcher.Tick(at); err != nil {
		t.Fatal(err)
	}
	desktoptest.WaitDelivered(t, "Reminder: Call back Maria", "For Maria Lopez.", 10*time.Second)
}
