package replicator_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/schedule"
	"huddle/sync/claims"
	"huddle/sync/synctest"
)

// Scheduled replies go exactly once: every device runs a sender, and each claims a reply on
// the real relay before sending it. These tests count the sends (the hand-over to the
// client's channel), which the thread alone cannot show: two sends of one reply would merge
// into one entry.

// relayClaims claims over the device's connection, as sync/device does; offline while the
// device is disconnected.
type relayClaims struct{ d *synctest.Device }

func (c relayClaims) relay() (*claims.Relay, error) {
	nc := c.d.Conn()
	if nc == nil {
		return nil, schedule.ErrUnreachable
	}
	return claims.New(nc, c.d.Workspace, c.d.Name), nil
}

func (c relayClaims) Claim(ctx context.Context, id string, a schedule.Action) (schedule.Claim, error) {
	r, err := c.relay()
	if err != nil {
		return schedule.Claim{}, err
	}
	return r.Claim(ctx, id, a)
}

func (c relayClaims) Holder(ctx context.Context, id string) (schedule.Claim, bool, error) {
	r, err := c.relay()
	if err != nil {
		return schedule.Claim{}, false, err
	}
	return r.Holder(ctx, id)
}

// sends counts the replies each device handed to the channel.
type sends struct {
	mu sync.Mutex
	by map[string][]string // message ID → devices that sent it
}

type countingSender struct {
	in     *inbox.Service
	device string
	log    *sends
}

func (s countingSender) SendScheduled(ctx context.Context, threadID, messageID string) (model.Message, error) {
	m, err := s.in.SendScheduled(ctx, threadID, messageID)
	if err == nil {
		s.log.mu.Lock()
		s.log.by[messageID] = append(s.log.by[messageID], s.device)
		s.log.mu.Unlock()
	}
	return m, err
}

// scheduleShop is a shop whose devices each run a sender of scheduled replies.
type scheduleShop struct {
	*synctest.Shop
	sent    *sends
	runners map[*synctest.Device]*schedule.Runner
	th      model.Thread
}

func newScheduleShop(t *testing.T, n int) *scheduleShop {
	s := &scheduleShop{Shop: synctest.NewShop(t, n, 0), sent: &sends{by: map[string][]string{}},
		runners: map[*synctest.Device]*schedule.Runner{}}
	for _, d := range s.Devices {
		sender := countingSender{in: s.Inbox(d), device: d.Name, log: s.sent}
		s.runners[d] = schedule.NewRunner(d.DB, sender, relayClaims{d}, d.Name, s.Clock, slog.New(slog.DiscardHandler))
	}
	s.th = s.StartThread(s.Devices[0])
	synctest.Converged(t, converge, s.Devices...)
	return s
}

func (s *scheduleShop) service(d *synctest.Device) *schedule.Service {
	return schedule.New(d.DB, s.Inbox(d), relayClaims{d}, d.Name)
}

// tickAll runs every device's sender at once at at, as devices whose clocks agree would.
func (s *scheduleShop) tickAll(t *testing.T, at time.Time, devices ...*synctest.Device) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(devices))
	for _, d := range devices {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.runners[d].Tick(s.Ctx, at); err != nil {
				errs <- fmt.Errorf("%s: %w", d.Name, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// sentOnce fails unless each reply was sent by exactly one device, and returns who sent each.
func (s *scheduleShop) sentOnce(t *testing.T, ids ...string) map[string]string {
	t.Helper()
	s.sent.mu.Lock()
	defer s.sent.mu.Unlock()
	out := map[string]string{}
	for _, id := range ids {
		if by := s.sent.by[id]; len(by) != 1 {
			t.Fatalf("reply %s was sent by %v, want exactly one device", id, by)
		}
		out[id] = s.sent.by[id][0]
	}
	if len(s.sent.by) != len(ids) {
		t.Fatalf("sent %d replies, want %d: %v", len(s.sent.by), len(ids), s.sent.by)
	}
	return out
}

// reply returns the timeline entry id as device d has it.
func reply(t *testing.T, d *synctest.Device, threadID, id string) model.Message {
	t.Helper()
	msgs, err := d.DB.Messages(threadID)
	must(t, err)
	for _, m := range msgs {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("%s has no reply %s", d.Name, id)
	return model.Message{}
}

func TestScheduledRepliesDueTogetherOnThreeDevicesAreEachSentOnce(t *testing.T) {
	s := newScheduleShop(t, 3)
	a := s.Devices[0]
	due := s.Clock.Now().Add(time.Hour)
	var ids []string
	for i := range 20 {
		m, err := s.service(a).Schedule(s.Ctx, s.Owner.ID, s.th.ID, fmt.Sprintf("Reminder %d: see you tomorrow", i), due)
		must(t, err)
		ids = append(ids, m.ID)
	}
	synctest.Converged(t, converge, s.Devices...)

	s.tickAll(t, due.Add(-time.Second), s.Devices...)
	if len(s.sent.by) != 0 {
		t.Fatalf("sent before their time: %v", s.sent.by)
	}
	s.tickAll(t, due, s.Devices...)
	s.tickAll(t, due.Add(2*time.Minute), s.Devices...) // and again, before and after merging
	synctest.Converged(t, converge, s.Devices...)
	s.tickAll(t, due.Add(4*time.Minute), s.Devices...)
	s.sentOnce(t, ids...)
	for _, d := range s.Devices {
		for _, id := range ids {
			if m := reply(t, d, s.th.ID, id); m.SentAt == 0 || m.Delivery != model.DeliveryQueued {
				t.Fatalf("%s has reply %s as %s (sent at %d)", d.Name, id, m.Delivery, m.SentAt)
			}
		}
	}
	synctest.SameReadModels(t, s.Devices[1].DB, s.Devices[2].DB)
}

func TestAReplyScheduledOnADeviceThatIsOfflineAtItsTimeIsSentByAnother(t *testing.T) {
	s := newScheduleShop(t, 2)
	author, desk := s.Devices[0], s.Devices[1]
	due := s.Clock.Now().Add(time.Hour)
	m, err := s.service(author).Schedule(s.Ctx, s.Owner.ID, s.th.ID, "Your colour is booked for 10:00", due)
	must(t, err)
	synctest.Converged(t, converge, author, desk)

	author.Disconnect() // the laptop was closed at home
	s.tickAll(t, due, author, desk)
	if who := s.sentOnce(t, m.ID); who[m.ID] != desk.Name {
		t.Fatalf("sent by %s, want the desk, the device online", who[m.ID])
	}
	if got := reply(t, author, s.th.ID, m.ID); got.Delivery != model.DeliveryScheduled {
		t.Fatalf("the offline author's device shows it as %s before hearing from the desk", got.Delivery)
	}

	author.Connect() // back at work: it hears that the desk sent it, and sends nothing
	s.tickAll(t, due.Add(time.Minute), author)
	synctest.Converged(t, converge, author, desk)
	s.tickAll(t, due.Add(3*time.Minute), author, desk)
	s.sentOnce(t, m.ID)
	if got := reply(t, author, s.th.ID, m.ID); got.SentAt == 0 {
		t.Fatalf("the author's device does not show the reply as sent: %+v", got)
	}
	synctest.SameReadModels(t, author.DB, desk.DB)
}

func TestACancelAndASendAtTheSameMomentNeverBothHappen(t *testing.T) {
	s := newScheduleShop(t, 2)
	a, b := s.Devices[0], s.Devices[1]
	due := s.Clock.Now().Add(time.Hour)
	var ids []string
	for i := range 10 {
		m, err := s.service(a).Schedule(s.Ctx, s.Owner.ID, s.th.ID, fmt.Sprintf("Offer %d", i), due)
		must(t, err)
		ids = append(ids, m.ID)
	}
	synctest.Converged(t, converge, a, b)

	// A cancels each reply while B's sender takes them as they come due.
	var wg sync.WaitGroup
	cancelled := map[string]bool{}
	var mu sync.Mutex
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, id := range ids {
			if err := s.service(a).Cancel(s.Ctx, s.Owner.ID, s.th.ID, id); err == nil {
				mu.Lock()
				cancelled[id] = true
				mu.Unlock()
			} else if model.CodeOf(err) != model.CodeConflict {
				t.Errorf("cancel %s: %v", id, err)
			}
		}
	}()
	s.tickAll(t, due, b)
	wg.Wait()
	synctest.Converged(t, converge, a, b)
	s.tickAll(t, due.Add(2*time.Minute), a, b)

	s.sent.mu.Lock()
	defer s.sent.mu.Unlock()
	for _, id := range ids {
		n := len(s.sent.by[id])
		if cancelled[id] == (n == 1) || n > 1 {
			t.Fatalf("reply %s: cancelled %v, sent %d times", id, cancelled[id], n)
		}
		for _, d := range []*synctest.Device{a, b} {
			got := reply(t, d, s.th.ID, id)
			if cancelled[id] != (got.Delivery == model.DeliveryCancelled) {
				t.Fatalf("%s shows reply %s as %s; cancelled: %v", d.Name, id, got.Delivery, cancelled[id])
			}
		}
	}
}

func TestACancelMadeOfflineThatArrivesAfterTheReplyWentLeavesItSent(t *testing.T) {
	s := newScheduleShop(t, 2)
	a, b := s.Devices[0], s.Devices[1]
	due := s.Clock.Now().Add(time.Hour)
	m, err := s.service(a).Schedule(s.Ctx, s.Owner.ID, s.th.ID, "See you at 10", due)
	must(t, err)
	synctest.Converged(t, converge, a, b)

	a.Disconnect()
	must(t, s.service(a).Cancel(s.Ctx, s.Owner.ID, s.th.ID, m.ID)) // recorded here, unseen by B
	s.tickAll(t, due, b)
	s.sentOnce(t, m.ID)
	a.Connect()
	synctest.Converged(t, converge, a, b)
	for _, d := range []*synctest.Device{a, b} {
		got := reply(t, d, s.th.ID, m.ID)
		if got.SentAt == 0 || got.Delivery != model.DeliveryQueued || got.CancelledAt == 0 || got.Body != "See you at 10" {
			t.Fatalf("%s shows %+v, want it sent, with the late cancel recorded", d.Name, got)
		}
	}
	synctest.SameReadModels(t, a.DB, b.DB)
}
