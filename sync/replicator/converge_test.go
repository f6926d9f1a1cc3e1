package replicator_test

import (
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/sync/synctest"
)

// converge is how long the tests give devices to converge: far more than they need, so a
// loaded machine does not fail them, and a real failure still ends.
const converge = time.Minute

func must(t testing.TB, err error) {
	t.Helper()
	synctest.Must(t, err)
}

func TestTwoDevicesEditingOneThreadConverge(t *testing.T) {
	s := synctest.NewShop(t, 2, 0)
	a, b := s.Devices[0], s.Devices[1]
	th := s.StartThread(a)
	synctest.Converged(t, converge, s.Devices...)

	edit := func(d *synctest.Device, who model.Member) {
		s.Reply(d, who, th.ID, "reply from device "+d.Name)
		s.Note(d, who, th.ID, "note from "+d.Name+" @ana")
	}
	// Both connected, writing at once.
	edit(a, s.Owner)
	edit(b, s.Ana)
	must(t, s.Inbox(a).Assign(s.Ctx, s.Owner.ID, th.ID, s.Ana.ID))
	must(t, s.Inbox(b).SetLabel(s.Ctx, s.Owner.ID, th.ID, s.Label.ID, true))
	synctest.Converged(t, converge, s.Devices...)
	synctest.SameReadModels(t, a.DB, b.DB)

	// One offline: both keep writing, conflicting on assignee and status.
	b.Disconnect()
	edit(a, s.Owner)
	edit(b, s.Ana)
	must(t, s.Inbox(a).Resolve(s.Ctx, s.Owner.ID, th.ID))
	must(t, s.Inbox(b).Assign(s.Ctx, s.Owner.ID, th.ID, s.Owner.ID))
	must(t, s.Inbox(b).SetLabel(s.Ctx, s.Owner.ID, th.ID, s.Label.ID, false))
	b.Connect()
	synctest.Converged(t, converge, s.Devices...)
	synctest.SameReadModels(t, a.DB, b.DB)

	msgs, err := b.DB.Messages(th.ID)
	must(t, err)
	texts := map[string]bool{}
	for _, m := range msgs {
		texts[m.Body] = true
	}
	for _, want := range []string{"reply from device A", "reply from device B", "note from A @ana", "note from B @ana"} {
		if !texts[want] {
			t.Errorf("timeline lacks %q", want)
		}
	}
}
