package replicator_test

import (
	"fmt"
	"testing"
	"time"

	"huddle/sync/synctest"
)

// TestRelayThatLostItsDataIsReseeded wipes the relay's store while devices hold the
// workspace, with writes made on every device while the relay was down: each device sees a
// stream it does not know, re-seeds it from its own copy, and they all converge, a brand-new
// device too, with every write.
func TestRelayThatLostItsDataIsReseeded(t *testing.T) {
	s := synctest.NewShop(t, 3, 5)
	a, b, c := s.Devices[0], s.Devices[1], s.Devices[2]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)
	var acked []string
	for i := range 6 {
		acked = append(acked, s.Reply(a, s.Owner, th.ID, fmt.Sprint("before ", i)), s.Note(b, s.Ana, th.ID, fmt.Sprint("before ", i)))
	}
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)
	old := a.Cursor()

	b.Disconnect()
	s.Relay.Stop()
	acked = append(acked,
		s.Reply(a, s.Owner, th.ID, "while the relay is down, from a"),
		s.Note(b, s.Ana, th.ID, "while the relay is down, from b (offline)"),
		s.Note(c, s.Owner, s.Chat(), "while the relay is down, from c"))
	second := s.StartThread(c)
	acked = append(acked, s.Reply(c, s.Owner, second.ID, "on a thread the relay never saw"))
	s.Relay.Wipe()
	b.Connect()

	synctest.Converged(t, converge, s.Devices...)
	if cur := a.Cursor(); cur.Stream == old.Stream {
		t.Fatalf("a still follows the lost stream %s", cur.Stream)
	}
	s.AddDevice("D")
	synctest.Converged(t, converge, s.Devices...)
	for _, d := range s.Devices {
		if missing := synctest.Missing(t, d.DB, acked); len(missing) > 0 {
			t.Errorf("%s lacks %d of %d acknowledged messages, e.g. %s", d.Name, len(missing), len(acked), missing[0])
		}
		synctest.SameReadModels(t, a.DB, d.DB)
	}
	noneParked(t, s.Devices...)
}

// TestRelayRestartKeepsTheStream restarts the relay with its data: the devices know the
// stream again (no re-seed: the stream gains no snapshots), keep their cursors, and sync
// what was written meanwhile.
func TestRelayRestartKeepsTheStream(t *testing.T) {
	s := synctest.NewShop(t, 2, -1)
	a, b := s.Devices[0], s.Devices[1]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)
	before := s.Relay.StreamInfo(s.WS.ID, "")
	cursor := a.Cursor()

	s.Relay.Stop()
	id := s.Note(b, s.Ana, th.ID, "while the relay restarts")
	s.Relay.Start()
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)

	after := s.Relay.StreamInfo(s.WS.ID, "")
	if after.Msgs != before.Msgs+1 || after.FirstSeq != before.FirstSeq {
		t.Errorf("the stream went from %d messages (first %d) to %d (first %d); want one more, the note",
			before.Msgs, before.FirstSeq, after.Msgs, after.FirstSeq)
	}
	if cur := a.Cursor(); cur.Stream != cursor.Stream || cur.Seq != after.LastSeq {
		t.Errorf("a's cursor went from %+v to %+v; want the same stream at %d", cursor, cur, after.LastSeq)
	}
	if missing := synctest.Missing(t, a.DB, []string{id}); len(missing) > 0 {
		t.Error("a lacks the note written while the relay restarted")
	}
}

// TestRelayRestartsLeakNoSubscriptions restarts the relay again and again under a connected
// device that writes after each restart: every sync session ends with the connection that
// carried it, and takes its subscriptions (the consumer's, the publisher's reply inbox) with it.
func TestRelayRestartsLeakNoSubscriptions(t *testing.T) {
	s := synctest.NewShop(t, 2, -1)
	a := s.Devices[0]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)
	base := a.Subscriptions()
	for i := range 5 {
		s.Relay.Stop()
		s.Relay.Start()
		s.Note(a, s.Owner, th.ID, fmt.Sprint("after restart ", i))
		synctest.Converged(t, converge, s.Devices...)
	}
	for deadline := time.Now().Add(10 * time.Second); a.Subscriptions() > base; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("a holds %d subscriptions after the restarts; it had %d before", a.Subscriptions(), base)
		}
	}
}
