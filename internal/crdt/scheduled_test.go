package crdt

import (
	"reflect"
	"testing"
	"time"

	"huddle/internal/model"
)

const (
	schedThread = "th_01SCHEDULED"
	schedMsg    = "m_sched"
	dueAt       = int64(50_000) // when the reply was scheduled to go
	sentAt      = int64(50_500) // when the sending device sent it
)

// scheduledPair returns two devices holding the same thread with one reply scheduled at dueAt.
func scheduledPair(t *testing.T) (sender, other *Doc) {
	t.Helper()
	a, err := New(schedThread, NewActorID())
	must(t, err)
	th := a.Thread()
	must(t, th.Create(model.Thread{BrandID: "br_1", ClientID: "cl_1", ClientName: "Maria", Channel: model.ChannelSMS, CreatedAt: 1}))
	must(t, th.AddMessage(model.Message{ID: schedMsg, Kind: model.KindMessage, Direction: model.DirOutbound,
		AuthorID: "mb_ana", Body: "See you at 3", CreatedAt: dueAt, Delivery: model.DeliveryScheduled, SendAt: dueAt}))
	base, _, err := a.Commit(time.UnixMilli(10))
	must(t, err)
	b, err := Load(schedThread, NewActorID(), nil, [][]byte{base})
	must(t, err)
	return a, b
}

func commit(t *testing.T, d *Doc, ms int64) []byte {
	t.Helper()
	c, _, err := d.Commit(time.UnixMilli(ms))
	must(t, err)
	return c
}

func scheduledIn(t *testing.T, d *Doc) model.Message {
	t.Helper()
	ms, err := d.Thread().Messages(schedMsg)
	must(t, err)
	if len(ms) != 1 {
		t.Fatalf("%d entries for the scheduled reply", len(ms))
	}
	return ms[0]
}

// mergeBothWays gives each device the other's change and returns what each then projects;
// they must agree whichever change a device had first.
func mergeBothWays(t *testing.T, a, b *Doc, fromA, fromB []byte) model.Message {
	t.Helper()
	must(t, a.Apply(fromB))
	must(t, b.Apply(fromA))
	ma, mb := scheduledIn(t, a), scheduledIn(t, b)
	if !reflect.DeepEqual(ma, mb) {
		t.Fatalf("the devices disagree after merging:\n%+v\n%+v", ma, mb)
	}
	return ma
}

// The send and an offline cancel or edit write different keys, so a merge cannot undo the
// send: the client got the message, and the timeline must say so with the text it got. The
// cancel is kept so the UI can say it came too late.
func TestASendWinsOverACancelOrAnEditMadeAtTheSameTimeElsewhere(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(th Thread) error
		cancel bool
	}{
		{"cancel", func(th Thread) error { return th.CancelScheduled(schedMsg, "mb_olga", 50_200) }, true},
		{"edit", func(th Thread) error { return th.EditScheduled(schedMsg, "See you at 4", 90_000) }, false},
		{"edit then cancel", func(th Thread) error {
			if err := th.EditScheduled(schedMsg, "See you at 4", 90_000); err != nil {
				return err
			}
			return th.CancelScheduled(schedMsg, "mb_olga", 50_200)
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := scheduledPair(t)
			must(t, a.Thread().MarkSent(schedMsg, "See you at 3", sentAt))
			sent := commit(t, a, sentAt)
			must(t, tc.change(b.Thread()))
			other := commit(t, b, 50_200)

			m := mergeBothWays(t, a, b, sent, other)
			if m.SentAt != sentAt || m.Delivery != model.DeliveryQueued || m.Body != "See you at 3" {
				t.Fatalf("after the merge the reply is %+v; want it sent at %d, queued, with the text that went", m, sentAt)
			}
			if m.Pending() || !m.IsActivity() {
				t.Fatalf("a sent reply reads as waiting or as no activity: %+v", m)
			}
			if tc.cancel && (m.CancelledAt != 50_200 || m.CancelledBy != "mb_olga") {
				t.Fatalf("the late cancel was lost (the UI says it came too late): %+v", m)
			}
		})
	}
}

// "Sorts at the time it went" (MarkSent) must survive the merge too. The creation time is one
// register that both the send and an edit write, so the write with the larger operation
// counter wins; a device that edited twice offline has the larger one.
func TestASentReplySortsAtTheTimeItWentEvenAfterMergingTwoOfflineEdits(t *testing.T) {
	a, b := scheduledPair(t)
	must(t, a.Thread().MarkSent(schedMsg, "See you at 3", sentAt))
	sent := commit(t, a, sentAt)
	must(t, b.Thread().EditScheduled(schedMsg, "See you at 4", 90_000))
	first := commit(t, b, 50_100)
	must(t, b.Thread().EditScheduled(schedMsg, "See you at 5", 95_000))
	second := commit(t, b, 50_200)

	must(t, a.Apply(first))
	must(t, a.Apply(second))
	must(t, b.Apply(sent))
	for name, d := range map[string]*Doc{"sender": a, "editor": b} {
		m := scheduledIn(t, d)
		if m.SentAt != sentAt || m.Body != "See you at 3" {
			t.Fatalf("%s: %+v", name, m)
		}
		if m.CreatedAt != sentAt {
			t.Errorf("%s: the sent reply sorts at %d, the time of an edit, not at %d when it went", name, m.CreatedAt, sentAt)
		}
	}
}

// Without a concurrent send, the last writes of an edit or a cancel are what the reply shows.
func TestAnEditMovesAScheduledReplyAndACancelLeavesItWhereItWas(t *testing.T) {
	a, _ := scheduledPair(t)
	th := a.Thread()
	must(t, th.EditScheduled(schedMsg, "See you at 4", 90_000))
	if moved := a.Moved(); moved[schedMsg] != dueAt {
		t.Fatalf("Moved %v: the store would not find the old row at %d", moved, dueAt)
	}
	commit(t, a, 20)
	if len(a.Moved()) != 0 {
		t.Fatalf("Moved outlives its commit: %v", a.Moved())
	}
	m := scheduledIn(t, a)
	if m.Body != "See you at 4" || m.SendAt != 90_000 || m.CreatedAt != 90_000 || !m.Pending() {
		t.Fatalf("edited: %+v", m)
	}
	must(t, th.CancelScheduled(schedMsg, "mb_ana", 30))
	if len(a.Moved()) != 0 {
		t.Fatalf("a cancel moved the reply: %v", a.Moved())
	}
	commit(t, a, 30)
	m = scheduledIn(t, a)
	if m.Delivery != model.DeliveryCancelled || m.CancelledBy != "mb_ana" || m.CreatedAt != 90_000 || m.Pending() || m.IsActivity() {
		t.Fatalf("cancelled: %+v", m)
	}
}
