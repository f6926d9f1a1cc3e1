package replicator_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"huddle/sync/replicator"
	"huddle/sync/synctest"
)

// TestCompactedStreamBootstrapsANewDevice writes many changes to one thread with compaction
// after 5: the relay's stream ends up holding a snapshot of the thread and far fewer of its
// changes than were written, and a brand-new device built from snapshots and the tail shows
// exactly what the others do.
func TestCompactedStreamBootstrapsANewDevice(t *testing.T) {
	s := synctest.NewShop(t, 2, 5)
	a, b := s.Devices[0], s.Devices[1]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)
	const rounds = 30
	for i := range rounds {
		s.Reply(a, s.Owner, th.ID, fmt.Sprint("reply ", i))
		s.Note(b, s.Ana, th.ID, fmt.Sprint("note @olga ", i))
	}
	must(t, s.Inbox(b).Assign(s.Ctx, s.Ana.ID, th.ID, s.Ana.ID))
	synctest.Converged(t, converge, s.Devices...)

	var changes, snaps uint64
	synctest.WaitFor(t, converge, "compaction of the thread", func() bool {
		changes, snaps = s.Relay.DocCounts(s.WS.ID, s.Brand(), th.ID)
		return snaps > 0 && changes < rounds/2
	})
	total := s.Relay.StreamInfo(s.WS.ID, "")
	t.Logf("the stream holds %d changes and %d snapshots of the thread (%d written); %d messages in all",
		changes, snaps, 2*rounds+2, total.Msgs)

	c := s.AddDevice("C")
	synctest.Converged(t, converge, s.Devices...)
	synctest.SameReadModels(t, a.DB, c.DB)
	synctest.SameReadModels(t, b.DB, c.DB)
	noneParked(t, s.Devices...)
}

// TestCompactionLosesNoConcurrentChange has three devices write to the same threads at once
// while they compact them every 5 changes: a change published while a snapshot is being made
// must never be purged with the changes the snapshot covers. A brand-new device then has
// every message any use case acknowledged, and the same heads.
func TestCompactionLosesNoConcurrentChange(t *testing.T) {
	s := synctest.NewShop(t, 3, 5)
	threads := []string{s.StartThread(s.Devices[0]).ID, s.StartThread(s.Devices[1]).ID, s.Chat()}
	synctest.Converged(t, converge, s.Devices...)

	const perDevice = 60
	var mu sync.Mutex // mu protects acked
	var acked []string
	var wg sync.WaitGroup
	errs := make(chan error, len(s.Devices))
	for i, d := range s.Devices {
		in := s.Inbox(d)
		who := []string{s.Owner.ID, s.Ana.ID}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range perDevice {
				th := threads[(n+i)%len(threads)]
				body := fmt.Sprintf("%s %d", d.Name, n)
				var id string
				var err error
				if n%2 == 0 {
					m, e := in.Reply(s.Ctx, who, th, body)
					id, err = m.ID, e
				} else {
					m, e := in.AddNote(s.Ctx, who, th, body+" @ana")
					id, err = m.ID, e
				}
				if err != nil {
					errs <- fmt.Errorf("%s: %w", d.Name, err)
					return
				}
				mu.Lock()
				acked = append(acked, id)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	synctest.Converged(t, converge, s.Devices...)
	for _, th := range threads {
		synctest.WaitFor(t, converge, "a snapshot of "+th, func() bool {
			_, snaps := s.Relay.DocCounts(s.WS.ID, s.Brand(), th)
			return snaps > 0
		})
	}

	fresh := s.AddDevice("D")
	synctest.Converged(t, converge, s.Devices...)
	for _, d := range s.Devices {
		if missing := synctest.Missing(t, d.DB, acked); len(missing) > 0 {
			t.Errorf("%s lacks %d of %d acknowledged messages, e.g. %s", d.Name, len(missing), len(acked), missing[0])
		}
	}
	synctest.SameReadModels(t, s.Devices[0].DB, fresh.DB)
	noneParked(t, s.Devices...)
}

// TestDeviceOfflineAcrossACompactionConverges takes a device offline, then compacts a thread
// it has not read the latest changes of, after yet more changes were published: when the
// device comes back, its cursor is before the purged changes, so it meets changes whose
// dependencies are gone from the stream before the snapshot that holds them. It parks them,
// takes the snapshot, and converges, with what it wrote offline too.
func TestDeviceOfflineAcrossACompactionConverges(t *testing.T) {
	s := synctest.NewShop(t, 3, -1) // compaction only when the test says
	a, b, c := s.Devices[0], s.Devices[1], s.Devices[2]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)

	c.Disconnect()
	for i := range 8 {
		s.Reply(a, s.Owner, th.ID, fmt.Sprint("while c is away ", i))
		s.Note(b, s.Ana, th.ID, fmt.Sprint("note while c is away ", i))
	}
	synctest.Converged(t, converge, a, b)
	synctest.CaughtUp(t, converge, a, b)
	a.Disconnect() // a's cursor now stays where the snapshot will cover
	const after = 3
	for i := range after {
		s.Reply(b, s.Ana, th.ID, fmt.Sprint("after the snapshot's cut ", i))
	}
	synctest.WaitFor(t, converge, "b publishing", func() bool { n, _ := b.DB.OutboxLen(); return n == 0 })
	ok, err := replicator.CompactNow(context.Background(), a.DB, s.WS.ID, s.Relay.Conn(), th.ID)
	must(t, err)
	if !ok {
		t.Fatal("a refused to compact the thread")
	}
	changes, snaps := s.Relay.DocCounts(s.WS.ID, s.Brand(), th.ID)
	if changes != after || snaps != 1 {
		t.Fatalf("after compaction the stream holds %d changes and %d snapshots of the thread; want %d and 1", changes, snaps, after)
	}

	// c wrote offline too: concurrent edits, one of them to the compacted thread.
	s.Note(c, s.Owner, th.ID, "written offline by c")
	s.StartThread(c)
	c.Connect()
	a.Connect()
	synctest.Converged(t, converge, s.Devices...)
	s.AddDevice("D") // bootstraps through the same order: tail changes, then the snapshot
	synctest.Converged(t, converge, s.Devices...)
	for _, d := range s.Devices[1:] {
		synctest.SameReadModels(t, a.DB, d.DB)
	}
	noneParked(t, s.Devices...)
}

// noneParked fails when a device still holds changes waiting for dependencies, or set
// anything aside: nothing in these tests is bad input.
func noneParked(t *testing.T, devices ...*synctest.Device) {
	t.Helper()
	for _, d := range devices {
		synctest.WaitFor(t, converge, d.Name+" resolving its parked changes", func() bool {
			n, err := d.DB.ParkedLen()
			must(t, err)
			return n == 0
		})
		if n, err := d.DB.QuarantineLen(); err != nil || n > 0 {
			q, _ := d.DB.Quarantine(3)
			t.Errorf("%s set aside %d items (%v): %+v", d.Name, n, err, q)
		}
	}
}
