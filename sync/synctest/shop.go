package synctest

import (
	"context"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb"
)

// Shop is one workspace on a relay and several devices, written through the real use cases:
// a salon with an owner, an agent, a label and a client.
type Shop struct {
	t            testing.TB
	Ctx          context.Context
	Relay        *Relay
	Clock        *ports.StepClock // the use cases' clock on every device of the test
	CompactAfter int              // of the devices' replicators (see replicator.Config)
	Devices      []*Device

	WS     model.Workspace
	Owner  model.Member
	Ana    model.Member // an Agent of the one brand
	Label  model.Label
	Client model.Client
}

// NewShop creates the workspace on a first device, then n-1 more devices; all are connected
// and have converged when it returns.
func NewShop(t testing.TB, n, compactAfter int) *Shop {
	t.Helper()
	s := &Shop{t: t, Ctx: context.Background(), Relay: StartRelay(t, "shop"), CompactAfter: compactAfter,
		Clock: &ports.StepClock{T: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Step: time.Millisecond}}
	for i := range n {
		s.Devices = append(s.Devices, s.newDevice(string(rune('A'+i))))
	}
	first := s.Devices[0]
	var err error
	s.WS, s.Owner, err = s.Team(first).CreateWorkspace(s.Ctx, team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	Must(t, err)
	s.Ana, err = s.Team(first).AddMember(s.Ctx, s.Owner.ID, team.NewMember{Name: "Ana Silva", Role: model.RoleAgent, Brands: []string{s.Brand()}})
	Must(t, err)
	s.Label, err = s.Team(first).AddLabel(s.Ctx, s.Owner.ID, "VIP", "")
	Must(t, err)
	s.Client, err = s.Inbox(first).CreateClient(s.Ctx, s.Owner.ID, inbox.NewClient{BrandID: s.Brand(), Name: "Mia Client"})
	Must(t, err)
	for _, d := range s.Devices {
		d.Workspace = s.WS.ID
		d.Connect()
	}
	Converged(t, time.Minute, s.Devices...)
	return s
}

func (s *Shop) newDevice(name string) *Device {
	d := NewDevice(s.t, s.Relay, name, s.WS.ID)
	d.CompactAfter = s.CompactAfter
	return d
}

// AddDevice adds a brand-new device, connected: it starts from an empty store.
func (s *Shop) AddDevice(name string) *Device {
	s.t.Helper()
	d := s.newDevice(name)
	d.Connect()
	s.Devices = append(s.Devices, d)
	return d
}

// Brand is the ID of the shop's one brand.
func (s *Shop) Brand() string { return s.WS.Brands[0].ID }

// Inbox returns the inbox use cases over a device's store as it is now.
func (s *Shop) Inbox(d *Device) *inbox.Service { return inbox.New(d.DB, s.Clock) }

// Team returns the team use cases over a device's store as it is now.
func (s *Shop) Team(d *Device) *team.Service { return team.New(d.DB, s.Clock) }

// Tasks returns the task use cases over a device's store as it is now.
func (s *Shop) Tasks(d *Device) *tasks.Service { return tasks.New(d.DB, s.Clock) }

// StartThread opens a new SMS thread with the shop's client on a device.
func (s *Shop) StartThread(d *Device) model.Thread {
	s.t.Helper()
	th, err := s.Inbox(d).StartThread(s.Ctx, s.Owner.ID, s.Client.ID, model.ChannelSMS, "Booking")
	Must(s.t, err)
	return th
}

// Chat returns the ID of the shop client's chat thread.
func (s *Shop) Chat() string {
	s.t.Helper()
	for id, th := range threadRows(s.t, s.Devices[0].DB) {
		if th.ClientChat && th.ClientID == s.Client.ID {
			return id
		}
	}
	s.t.Fatal("the client has no chat")
	return ""
}

// threadRows returns the summary of every thread a store has.
func threadRows(t testing.TB, db *localdb.DB) map[string]model.Thread {
	t.Helper()
	ids, err := db.DocIDs(threadPrefix)
	Must(t, err)
	out := map[string]model.Thread{}
	for _, id := range ids {
		th, err := db.Thread(id)
		Must(t, err)
		out[id] = th
	}
	return out
}

// Reply replies on a thread from a device as who, and returns the message's ID.
func (s *Shop) Reply(d *Device, who model.Member, threadID, body string) string {
	s.t.Helper()
	m, err := s.Inbox(d).Reply(s.Ctx, who.ID, threadID, body)
	Must(s.t, err)
	return m.ID
}

// Note adds a note to a thread from a device as who, and returns the message's ID.
func (s *Shop) Note(d *Device, who model.Member, threadID, body string) string {
	s.t.Helper()
	m, err := s.Inbox(d).AddNote(s.Ctx, who.ID, threadID, body)
	Must(s.t, err)
	return m.ID
}

// World is what the random operations of a device act on in this shop.
func (s *Shop) World() World {
	return World{Members: []string{s.Owner.ID, s.Ana.ID}, Labels: []string{s.Label.ID}, Clients: []string{s.Client.ID}}
}

// Must fails the test on an error.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
