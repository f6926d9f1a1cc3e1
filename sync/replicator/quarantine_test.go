package replicator_test

import (
	"slices"
	"testing"
	"time"

	"huddle/internal/crdt"
	"huddle/sync/synctest"
)

// TestBadInputFromTheRelayIsQuarantined publishes, as a device could, messages no Huddle
// writes: garbage on a change subject, a truncated change, an unknown document type, an
// unknown kind, a subject that names a thread as a client, a short subject, a garbage
// snapshot, and a valid Automerge change that turns a thread into something that is not a
// thread. Every device, a brand-new one too, sets each aside once, moves its cursor past it
// and keeps syncing: later changes apply, and the thread stays readable and writable.
func TestBadInputFromTheRelayIsQuarantined(t *testing.T) {
	s := synctest.NewShop(t, 2, 0)
	a, b := s.Devices[0], s.Devices[1]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)
	s.Reply(b, s.Ana, th.ID, "a good reply before the bad input")
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)

	ws, brand := s.WS.ID, s.Brand()
	changeSubj := synctest.Subject(ws, synctest.KindChange, brand, "thread", th.ID)
	real := s.Relay.LastData(ws, changeSubj)
	bad := []struct {
		name, subject string
		data          []byte
	}{
		{"garbage change", changeSubj, []byte("garbage, not an Automerge change")},
		{"truncated change", changeSubj, real[:len(real)/2]},
		{"unknown document type", "huddle." + ws + ".chg._.widget.wd_1", real},
		{"unknown kind", "huddle." + ws + ".zap." + brand + ".thread." + th.ID, real},
		{"thread named as a client", synctest.Subject(ws, synctest.KindChange, brand, "client", th.ID), real},
		{"short subject", "huddle." + ws + ".chg." + th.ID, real},
		{"garbage snapshot", synctest.Subject(ws, synctest.KindSnapshot, brand, "thread", th.ID), []byte("garbage snapshot")},
		{"change that makes the thread a client", changeSubj, notAThread(t, s, th.ID)},
	}
	before := map[string]int{}
	for _, d := range s.Devices {
		before[d.Name] = quarantined(t, d)
	}
	var seqs []uint64
	names := map[uint64]string{}
	for _, m := range bad {
		seq := s.Relay.Publish(m.subject, m.data, "", "Huddle-Covers", "0").Sequence
		seqs, names[seq] = append(seqs, seq), m.name
	}
	good := []string{s.Reply(a, s.Owner, th.ID, "a good reply after the bad input"),
		s.Note(b, s.Ana, th.ID, "a good note after the bad input @olga")}
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)

	fresh := s.AddDevice("C")
	synctest.Converged(t, converge, s.Devices...)
	synctest.CaughtUp(t, converge, s.Devices...)
	for _, d := range s.Devices {
		if got := quarantined(t, d) - before[d.Name]; got != len(bad) {
			t.Errorf("%s set aside %d items; want the %d bad ones", d.Name, got, len(bad))
		}
		q, err := d.DB.Quarantine(len(bad))
		must(t, err)
		var got []uint64
		for _, e := range q {
			got = append(got, e.Seq)
		}
		slices.Sort(got)
		if !slices.Equal(got, seqs) {
			t.Errorf("%s set aside the items at %v; want the bad ones at %v %v (%+v)", d.Name, got, seqs, names, q)
		}
		if st := d.Status(); !st.Connected || st.Problem != "" {
			t.Errorf("%s stopped syncing: %+v", d.Name, st)
		}
		if missing := synctest.Missing(t, d.DB, good); len(missing) > 0 {
			t.Errorf("%s lacks the good changes after the bad input: %v", d.Name, missing)
		}
		if _, err := d.DB.Thread(th.ID); err != nil {
			t.Errorf("%s cannot read the thread: %v", d.Name, err)
		}
		synctest.SameReadModels(t, a.DB, d.DB)
	}

	// Still writable everywhere, and still syncing.
	for _, d := range s.Devices {
		good = append(good, s.Reply(d, s.Owner, th.ID, "still writable on "+d.Name))
	}
	synctest.Converged(t, converge, s.Devices...)
	for _, d := range s.Devices {
		if missing := synctest.Missing(t, d.DB, good); len(missing) > 0 {
			t.Errorf("%s lacks %v", d.Name, missing)
		}
	}
	synctest.SameReadModels(t, a.DB, fresh.DB)
}

// notAThread returns a valid Automerge change to a thread, made from a device's copy of it,
// after which the document says it is a client.
func notAThread(t *testing.T, s *synctest.Shop, threadID string) []byte {
	t.Helper()
	snap, err := s.Devices[0].DB.Snapshot(threadID)
	must(t, err)
	d, err := crdt.Load(threadID, crdt.NewActorID(), snap.Data, nil)
	must(t, err)
	must(t, d.ForceRootValue("type", "client"))
	change, _, err := d.Commit(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	must(t, err)
	return change
}

func quarantined(t *testing.T, d *synctest.Device) int {
	t.Helper()
	n, err := d.DB.QuarantineLen()
	must(t, err)
	return n
}
