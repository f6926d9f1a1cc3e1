package inbox_test

import (
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
)

// The runner treats a refusal of CodeConflict or CodeNotFound as "nothing left to do" and any
// other error as a failed pass, so SendScheduled must refuse with those codes.
func TestSendScheduledRefusesWhatWentWasCancelledOrLostItsThreadWithCodesTheRunnerKnows(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	schedule := func(body string) model.Message {
		m, err := f.in.ScheduleReply(f.ctx, f.ana.ID, th.ID, body, f.clock.T.Add(time.Hour))
		f.must(err)
		return m
	}

	went := schedule("went")
	_, err := f.in.SendScheduled(f.ctx, th.ID, went.ID)
	f.must(err)
	_, err = f.in.SendScheduled(f.ctx, th.ID, went.ID)
	wantCode(t, err, model.CodeConflict)

	cancelled := schedule("cancelled")
	f.must(f.in.CancelScheduled(f.ctx, f.ana.ID, th.ID, cancelled.ID))
	_, err = f.in.SendScheduled(f.ctx, th.ID, cancelled.ID)
	wantCode(t, err, model.CodeConflict)

	ordinary, err := f.in.Reply(f.ctx, f.ana.ID, th.ID, "an ordinary reply")
	f.must(err)
	_, err = f.in.SendScheduled(f.ctx, th.ID, ordinary.ID)
	wantCode(t, err, model.CodeNotFound)
	_, err = f.in.SendScheduled(f.ctx, th.ID, "01NOSUCHMESSAGE")
	wantCode(t, err, model.CodeNotFound)

	orphan := schedule("orphan")
	f.must(f.in.DeleteThread(f.ctx, f.owner.ID, th.ID))
	_, err = f.in.SendScheduled(f.ctx, th.ID, orphan.ID)
	wantCode(t, err, model.CodeNotFound)
}

// Scheduling is not the conversation going on: only the send reopens a resolved thread.
func TestSchedulingOnAResolvedThreadLeavesItResolvedUntilTheReplyGoes(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Resolve(f.ctx, f.ana.ID, th.ID))
	m, err := f.in.ScheduleReply(f.ctx, f.ana.ID, th.ID, "How was it?", f.clock.T.Add(24*time.Hour))
	f.must(err)
	if got := f.row(th.ID); got.Status != model.StatusResolved || f.inView(f.ana.ID, model.ViewAll, th.ID) {
		t.Fatalf("scheduling reopened the thread: %+v", got)
	}
	_, err = f.in.SendScheduled(f.ctx, th.ID, m.ID)
	f.must(err)
	if got := f.row(th.ID); got.Status != model.StatusOpen {
		t.Fatalf("the send left the thread %s", got.Status)
	}
}

// CheckScheduledChange is what a device asks before it claims a reply: asked about a message
// that was never scheduled, it must not say the message "was cancelled".
func TestCheckScheduledChangeOfAnOrdinaryReplySaysThereIsNoSuchScheduledReply(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	ordinary, err := f.in.Reply(f.ctx, f.ana.ID, th.ID, "an ordinary reply")
	f.must(err)
	_, err = f.in.CheckScheduledChange(f.ctx, f.ana.ID, th.ID, ordinary.ID)
	if err == nil || strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("asked about an ordinary reply: %v", err)
	}
	wantCode(t, err, model.CodeNotFound)
}
