package replicator_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/sync/synctest"
)

// TestRepublishedAndRedeliveredChangesHaveNoEffect publishes a device's changes again, with
// the same Nats-Msg-Id (the relay drops them) and with new ones (as after the duplicate
// window: the stream holds them twice), and makes a device read the whole stream again from
// its start. Heads, read models and unread counts stay as they were, and no subscriber hears
// of a change that changed nothing.
func TestRepublishedAndRedeliveredChangesHaveNoEffect(t *testing.T) {
	s := synctest.NewShop(t, 3, 5) // compacting, so the stream also holds snapshots to re-read
	a, b, c := s.Devices[0], s.Devices[1], s.Devices[2]
	th, other := s.StartThread(a), s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)

	// What b writes offline waits in its outbox: copy it before it is published.
	b.Disconnect()
	for i := range 6 {
		s.Reply(b, s.Ana, th.ID, fmt.Sprint("offline reply ", i))
		s.Note(b, s.Ana, th.ID, fmt.Sprint("offline note @olga ", i))
	}
	must(t, s.Inbox(b).Assign(s.Ctx, s.Ana.ID, th.ID, s.Ana.ID))
	must(t, s.Inbox(b).SetLabel(s.Ctx, s.Ana.ID, th.ID, s.Label.ID, true))
	entries, err := b.DB.Outbox(0, 0)
	must(t, err)
	if len(entries) < 14 {
		t.Fatalf("b's outbox holds %d entries, want at least 14", len(entries))
	}
	b.Connect()
	s.Note(a, s.Owner, th.ID, "unread for ana")
	s.Reply(c, s.Owner, other.ID, "unread for everyone else")
	synctest.Converged(t, converge, s.Devices...)
	synctest.WaitFor(t, converge, "a snapshot of the thread on the relay", func() bool {
		_, snaps := s.Relay.DocCounts(s.WS.ID, s.Brand(), th.ID)
		return snaps > 0
	})

	// A fourth device writes the marker that ends the watch for subscriber events below.
	marker := s.AddDevice("D")
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)
	checked := []*synctest.Device{a, b, c}
	want := snapshotStates(t, checked)
	watches := watch(checked)

	var dups int
	for _, e := range entries {
		subj := synctest.Subject(s.WS.ID, synctest.KindChange, e.BrandID, e.DocType, e.DocID)
		if s.Relay.Publish(subj, e.Change, e.Hash).Duplicate {
			dups++
		}
		if ack := s.Relay.Publish(subj, e.Change, "again-"+e.Hash); ack.Duplicate {
			t.Fatalf("the relay took a new message ID for a duplicate: %+v", ack)
		}
	}
	t.Logf("the relay dropped %d of %d re-published changes as duplicates", dups, len(entries))
	synctest.CaughtUp(t, converge, s.Devices...)
	sameStates(t, "after re-publishing", checked, want)

	// c reads the whole stream again: snapshots, changes and the repeats above.
	c.Disconnect()
	must(t, c.DB.ResetSyncCursor(c.Cursor().Stream))
	c.Connect()
	synctest.CaughtUp(t, converge, s.Devices...)
	sameStates(t, "after re-reading the stream", checked, want)

	// Every subscriber hears of the marker; none heard of anything before it.
	s.Note(marker, s.Owner, other.ID, "marker")
	synctest.Converged(t, converge, s.Devices...)
	for i, w := range watches {
		w.until(t, other.ID, checked[i].Name)
	}
}

// state is what a device shows: heads of every document and every read model.
type state struct {
	heads synctest.State
	read  synctest.ReadModel
}

func snapshotStates(t *testing.T, devices []*synctest.Device) []state {
	t.Helper()
	out := make([]state, len(devices))
	for i, d := range devices {
		out[i] = state{synctest.Heads(t, d.DB), synctest.ReadModels(t, d.DB)}
	}
	return out
}

func sameStates(t *testing.T, when string, devices []*synctest.Device, want []state) {
	t.Helper()
	got := snapshotStates(t, devices)
	for i, d := range devices {
		if !reflect.DeepEqual(got[i].heads, want[i].heads) {
			t.Fatalf("%s, %s has other heads", when, d.Name)
		}
		if diff := want[i].read.Diff(got[i].read); diff != "" {
			t.Fatalf("%s, %s shows something else: %s", when, d.Name, diff)
		}
	}
}

// subscription watches one store's change events.
type subscription struct {
	ch   <-chan model.Change
	stop func()
}

func watch(devices []*synctest.Device) []subscription {
	out := make([]subscription, len(devices))
	for i, d := range devices {
		ch, stop := d.DB.Subscribe()
		out[i] = subscription{ch, stop}
	}
	return out
}

// until reads events until one names marker and fails on any event about another document.
// The store queues a subscriber's events per document in commit order, so an event about an
// earlier no-op apply would arrive before the marker's, or with it.
func (w subscription) until(t *testing.T, marker, device string) {
	t.Helper()
	defer w.stop()
	deadline := time.After(converge)
	for {
		select {
		case c := <-w.ch:
			seen := false
			for _, id := range c.DocIDs {
				if id != marker {
					t.Errorf("%s told its subscribers that %s changed (remote %v), but nothing did", device, id, c.Remote)
				}
				seen = seen || id == marker
			}
			if seen {
				return
			}
		case <-deadline:
			t.Fatalf("%s never told its subscribers about the marker", device)
		}
	}
}
