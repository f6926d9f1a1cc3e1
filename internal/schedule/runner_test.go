package schedule_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/schedule"
)

func TestAReplyGoesAtItsTimeAndOnlyOnce(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	if next := f.tick(f.device, f.clock.T); !next.Equal(due(m)) {
		t.Fatalf("next pass at %v, want the send time %v", next, due(m))
	}
	if next := f.tick(f.device, due(m).Add(-time.Millisecond)); f.sender.sends(m.ID) != 0 || !next.Equal(due(m)) {
		t.Fatalf("a millisecond early: %d sends, next pass %v", f.sender.sends(m.ID), next)
	}
	if next := f.tick(f.device, due(m)); !next.IsZero() {
		t.Fatalf("nothing else is scheduled, yet the next pass is at %v", next)
	}
	for _, at := range []time.Time{due(m).Add(time.Second), due(m).Add(time.Minute), due(m).Add(time.Hour)} {
		f.tick(f.device, at)
	}
	if n := f.sender.sends(m.ID); n != 1 {
		t.Fatalf("sent %d times", n)
	}
	row := f.stored(f.device, f.thread.ID, m.ID)
	if row.Delivery != model.DeliveryQueued || row.SentAt < m.SendAt || row.CreatedAt != row.SentAt || row.Body != m.Body {
		t.Fatalf("sent reply stored as %+v; want queued, sorted at the time it went", row)
	}
	if c, _ := f.claims.holder(m.ID); c.Device != "laptop" || c.Action != schedule.ActionSend {
		t.Fatalf("sent under the claim %+v", c)
	}
}

func TestTheRunnerWakesAtTheNextSendTime(t *testing.T) {
	f := newFixture(t)
	first := f.schedule(f.ana, f.thread, "first", f.after(time.Hour))
	last := f.schedule(f.ana, f.thread, "last", f.after(3*time.Hour))
	middle := f.schedule(f.olga, f.upThread, "middle", f.after(2*time.Hour))
	if next := f.tick(f.device, f.clock.T); !next.Equal(due(first)) {
		t.Fatalf("next %v, want %v", next, due(first))
	}
	if next := f.tick(f.device, due(first)); !next.Equal(due(middle)) {
		t.Fatalf("after the first: next %v, want %v", next, due(middle))
	}
	// Moving a reply moves the wake-up.
	sooner := f.after(30 * time.Minute)
	_, err := f.svc.Edit(f.ctx, f.ana.ID, f.thread.ID, last.ID, "last, sooner", sooner)
	f.must(err)
	if next := f.tick(f.device, f.clock.T); !next.Equal(sooner) {
		t.Fatalf("after an edit: next %v, want %v", next, sooner)
	}
}

// Two devices' runners on one store: the second passes while the first is between its claim
// and its write, so it sees the reply still waiting. The claim is all that keeps it off.
func TestASecondRunnerPassingBetweenAClaimAndItsWriteDoesNotSend(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	phone := f.newDevice("phone", f.db)
	var phoneNext time.Time
	f.sender.between = func(string) { phoneNext = f.tick(phone, due(m)) }
	f.tick(f.device, due(m))
	if f.sender.sends(m.ID) != 1 || phone.sender.sends(m.ID) != 0 {
		t.Fatalf("laptop sent %d, phone %d; want one send, by the device that claimed", f.sender.sends(m.ID), phone.sender.sends(m.ID))
	}
	if !phoneNext.After(due(m)) {
		t.Fatalf("the phone wants its next pass at %v, not after %v", phoneNext, due(m))
	}
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SentAt == 0 {
		t.Fatalf("not sent: %+v", row)
	}
}

// The same with the passes truly at once, for the race detector and for the claim's lock.
func TestRunnersPassingAtOnceSendEachReplyOnce(t *testing.T) {
	f := newFixture(t)
	var ids []string
	for i := range 8 {
		ids = append(ids, f.schedule(f.ana, f.thread, fmt.Sprint("reply ", i), f.after(time.Hour)).ID)
	}
	at := f.after(2 * time.Hour)
	f.clock.T = at
	devices := []*device{f.device, f.newDevice("phone", f.db), f.newDevice("tablet", f.db)}
	var wg sync.WaitGroup
	errs := make([]error, len(devices))
	for i, d := range devices {
		wg.Go(func() { _, errs[i] = d.runner.Tick(f.ctx, at) })
	}
	wg.Wait()
	f.must(errors.Join(errs...))
	for _, id := range ids {
		n := 0
		for _, d := range devices {
			n += d.sender.sends(id)
		}
		if n != 1 {
			t.Errorf("reply %s: %d sends", id, n)
		}
		if row := f.stored(f.device, f.thread.ID, id); row.SentAt == 0 {
			t.Errorf("reply %s not sent", id)
		}
	}
}

// Two devices with their own stores both hold the waiting reply and pass at its time before
// either hears from the other: one sends, and after syncing both show the one send.
func TestTwoDevicesHoldingTheReplySendItOnce(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	phone := f.replica("phone")
	f.tick(f.device, due(m))
	f.tick(phone, due(m))
	if f.sender.sends(m.ID)+phone.sender.sends(m.ID) != 1 {
		t.Fatalf("laptop sent %d, phone %d", f.sender.sends(m.ID), phone.sender.sends(m.ID))
	}
	f.sync(f.device, phone)
	laptopRow, phoneRow := f.stored(f.device, f.thread.ID, m.ID), f.stored(phone, f.thread.ID, m.ID)
	if laptopRow.SentAt == 0 || laptopRow.SentAt != phoneRow.SentAt || laptopRow.CreatedAt != phoneRow.CreatedAt {
		t.Fatalf("laptop %+v\nphone  %+v", laptopRow, phoneRow)
	}
	f.tick(phone, due(m).Add(time.Minute))
	if phone.sender.sends(m.ID) != 0 {
		t.Fatal("the phone sent it after merging the laptop's send")
	}
}

// With the author's laptop cut off from the relay, another device that is online sends it.
func TestAnotherDeviceSendsTheReplyWhenTheAuthorsIsOffline(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	phone := f.replica("phone")
	f.claims.setOffline("laptop", true)
	f.tick(f.device, due(m))
	f.tick(phone, due(m))
	if f.sender.sends(m.ID) != 0 || phone.sender.sends(m.ID) != 1 {
		t.Fatalf("laptop sent %d, phone %d", f.sender.sends(m.ID), phone.sender.sends(m.ID))
	}
	f.sync(phone, f.device)
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SentAt == 0 {
		t.Fatalf("the laptop does not show the phone's send: %+v", row)
	}
	f.claims.setOffline("laptop", false)
	f.tick(f.device, due(m).Add(time.Minute))
	if f.sender.sends(m.ID) != 0 {
		t.Fatal("the laptop sent it again once back online")
	}
}

// The claim names this device, so a restart after a crash between the claim and the write
// finishes the send, once.
func TestARunnerThatCrashedAfterClaimingFinishesTheSendWhenItRestarts(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	f.sender.fail = errors.New("power cut")
	f.clock.T = due(m)
	if _, err := f.runner.Tick(f.ctx, due(m)); err == nil {
		t.Fatal("a pass whose send failed reported nothing")
	}
	if c, _ := f.claims.holder(m.ID); c.Device != "laptop" || c.Action != schedule.ActionSend {
		t.Fatalf("claim %+v", c)
	}
	if row := f.stored(f.device, f.thread.ID, m.ID); !row.Pending() {
		t.Fatalf("before the restart: %+v", row)
	}
	f.sender.fail = nil
	f.device.restart(f)
	f.tick(f.device, due(m).Add(5*time.Second))
	f.tick(f.device, due(m).Add(time.Minute))
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SentAt == 0 {
		t.Fatalf("after the restart: %+v", row)
	}
	if n := f.sender.sends(m.ID); n != 2 { // the one cut short, and the one that finished it
		t.Fatalf("%d sends", n)
	}
}

// A cancel recorded offline elsewhere, or the thread's deletion, can be merged between the
// claim and the write: the reply is then not sent, and the pass goes on to the next one.
func TestAReplyCancelledOrDeletedBetweenTheClaimAndTheWriteIsNotSent(t *testing.T) {
	f := newFixture(t)
	cancelled := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	deleted := f.schedule(f.olga, f.upThread, "See you at 10", f.after(time.Hour))
	next := f.schedule(f.ana, f.thread, "And again at 4", f.after(time.Hour))
	f.sender.between = func(id string) {
		switch id {
		case cancelled.ID:
			f.must(f.in.CancelScheduled(f.ctx, f.ana.ID, f.thread.ID, id))
		case deleted.ID:
			f.must(f.in.DeleteThread(f.ctx, f.olga.ID, f.upThread.ID))
		}
	}
	f.tick(f.device, due(next))
	if row := f.stored(f.device, f.thread.ID, cancelled.ID); row.SentAt != 0 || row.Delivery != model.DeliveryCancelled {
		t.Fatalf("cancelled before the write, yet %+v", row)
	}
	if row := f.stored(f.device, f.upThread.ID, deleted.ID); row.SentAt != 0 {
		t.Fatalf("its thread deleted before the write, yet %+v", row)
	}
	if row := f.stored(f.device, f.thread.ID, next.ID); row.SentAt == 0 {
		t.Fatalf("the pass stopped before the next reply: %+v", row)
	}
}

// Another device claimed the reply (to send or to cancel it) and its write has not arrived:
// this device leaves it, and asks the relay again about a minute later rather than every pass.
func TestAReplyAnotherDeviceClaimedIsLeftToItAndAskedAboutAgainAfterAMinute(t *testing.T) {
	for _, action := range []schedule.Action{schedule.ActionSend, schedule.ActionCancel} {
		t.Run(string(action), func(t *testing.T) {
			f := newFixture(t)
			m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
			f.claims.hold(schedule.Claim{MessageID: m.ID, Device: "phone", Action: action})
			again := f.tick(f.device, due(m))
			if f.sender.sends(m.ID) != 0 || f.claims.timesAsked(m.ID) != 1 {
				t.Fatalf("sent %d, asked %d", f.sender.sends(m.ID), f.claims.timesAsked(m.ID))
			}
			if wait := again.Sub(due(m)); wait < 30*time.Second || wait > 5*time.Minute {
				t.Fatalf("asks again after %v; want about a minute", wait)
			}
			for _, at := range []time.Time{due(m).Add(time.Second), due(m).Add(10 * time.Second), again.Add(-time.Millisecond)} {
				if next := f.tick(f.device, at); !next.Equal(again) {
					t.Fatalf("a pass at %v wants the next at %v, want %v", at, next, again)
				}
			}
			if n := f.claims.timesAsked(m.ID); n != 1 {
				t.Fatalf("asked %d times before the minute was up", n)
			}
			f.tick(f.device, again)
			if n := f.claims.timesAsked(m.ID); n != 2 || f.sender.sends(m.ID) != 0 {
				t.Fatalf("at the minute: asked %d times, sent %d", n, f.sender.sends(m.ID))
			}
		})
	}
}

func TestWorkspaceQuietHoursHoldAReplyUntilTheyEnd(t *testing.T) {
	f := newFixture(t)
	f.must(f.notify.SetWorkspaceQuiet(f.ctx, f.olga.ID, model.QuietHours{On: true, From: "18:00", To: "08:00"}))
	m := f.schedule(f.ana, f.thread, "Reminder: your cut is tomorrow", time.Date(2025, 3, 3, 19, 30, 0, 0, time.UTC))
	end := time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{due(m), time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), end.Add(-time.Second)} {
		if next := f.tick(f.device, at); !next.Equal(end) {
			t.Fatalf("a pass at %v wants the next at %v, want the end of quiet hours %v", at, next, end)
		}
	}
	if f.sender.sends(m.ID) != 0 || f.claims.timesAsked(m.ID) != 0 {
		t.Fatalf("in quiet hours: sent %d, claimed %d", f.sender.sends(m.ID), f.claims.timesAsked(m.ID))
	}
	f.tick(f.device, end)
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SentAt < end.UnixMilli() {
		t.Fatalf("at the end of quiet hours: %+v", row)
	}
}

// A deleted thread's reply stays in the index (the thread row says it is deleted): passing it
// by must not make the runner wake again at once, forever.
func TestAReplyWhoseThreadWasDeletedIsNotSentAndDoesNotMakeTheRunnerSpin(t *testing.T) {
	f := newFixture(t)
	gone := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	other := f.schedule(f.olga, f.upThread, "See you at 10", f.after(3*time.Hour))
	f.must(f.in.DeleteThread(f.ctx, f.olga.ID, f.thread.ID))
	for _, at := range []time.Time{due(gone), due(gone).Add(time.Second)} {
		if next := f.tick(f.device, at); !next.Equal(due(other)) {
			t.Fatalf("a pass at %v wants the next at %v, want %v", at, next, due(other))
		}
	}
	if f.sender.sends(gone.ID) != 0 || f.claims.timesAsked(gone.ID) != 0 {
		t.Fatalf("a deleted thread's reply was claimed %d times, sent %d", f.claims.timesAsked(gone.ID), f.sender.sends(gone.ID))
	}
	if next := f.tick(f.device, due(other)); !next.IsZero() && !next.After(due(other)) {
		t.Fatalf("with only the deleted thread's reply left the next pass is at %v", next)
	}
	if f.sender.sends(other.ID) != 1 {
		t.Fatal("the other reply did not go")
	}
}

func TestWithoutTheRelayTheRunnerTriesAgainShortlyAndSendsWhenBack(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "See you at 3", f.after(time.Hour))
	f.claims.setOffline(f.name, true)
	next := f.tick(f.device, due(m))
	if wait := next.Sub(due(m)); wait < 5*time.Second || wait > time.Minute {
		t.Fatalf("offline, the next pass is %v later; want about 15 s", wait)
	}
	if row := f.stored(f.device, f.thread.ID, m.ID); f.sender.sends(m.ID) != 0 || !row.Pending() {
		t.Fatalf("sent without a claim: %+v", row)
	}
	f.claims.setOffline(f.name, false)
	f.tick(f.device, next)
	if row := f.stored(f.device, f.thread.ID, m.ID); row.SentAt == 0 {
		t.Fatalf("back online: %+v", row)
	}
}

func TestASentReplyReopensAResolvedThreadWithAnEventLine(t *testing.T) {
	f := newFixture(t)
	m := f.schedule(f.ana, f.thread, "Just checking in: how was the colour?", f.after(24*time.Hour))
	f.must(f.in.Resolve(f.ctx, f.ana.ID, f.thread.ID))
	f.tick(f.device, due(m))
	if th := f.row(f.thread.ID); th.Status != model.StatusOpen {
		t.Fatalf("status %s after the reply went", th.Status)
	}
	ms, err := f.db.Messages(f.thread.ID)
	f.must(err)
	reopened := slices.IndexFunc(ms, func(x model.Message) bool {
		return x.Kind == model.KindEvent && x.Event == model.EventReopened && x.Body == "Reopened by a scheduled reply."
	})
	if reopened < 0 {
		t.Fatalf("no event line says why the thread reopened: %+v", ms)
	}
}

// One pass takes a bounded batch of due replies. Those another device took are left alone; the
// ones behind them in the queue must still go, and a full batch of replies this device cannot
// send now is no reason to pass again at once.
func TestRepliesAnotherDeviceTookDoNotHoldUpTheOnesBehindThem(t *testing.T) {
	f := newFixture(t)
	at := f.after(time.Hour)
	for i := range 50 {
		m := f.schedule(f.olga, f.upThread, fmt.Sprint("taken ", i), at)
		f.claims.hold(schedule.Claim{MessageID: m.ID, Device: "phone", Action: schedule.ActionSend})
	}
	mine := f.schedule(f.ana, f.thread, "See you at 3", at.Add(time.Second))
	now := at.Add(2 * time.Second)
	next := f.tick(f.device, now)
	if row := f.stored(f.device, f.thread.ID, mine.ID); row.SentAt == 0 {
		t.Errorf("a reply due behind 50 another device took was not sent")
	}
	if !next.After(now) {
		t.Errorf("the next pass is at %v, no later than this one (%v): the runner would spin", next, now)
	}
}

func TestWithoutTheRelayAFullBatchOfDueRepliesDoesNotMakeTheRunnerSpin(t *testing.T) {
	f := newFixture(t)
	at := f.after(time.Hour)
	for i := range 51 {
		f.schedule(f.ana, f.thread, fmt.Sprint("reply ", i), at)
	}
	f.claims.setOffline(f.name, true)
	now := at.Add(time.Second)
	if next := f.tick(f.device, now); next.Sub(now) < 5*time.Second {
		t.Fatalf("offline with 51 due, the next pass is at %v, %v after this one; want about 15 s", next, next.Sub(now))
	}
}
