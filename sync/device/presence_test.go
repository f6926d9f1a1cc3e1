package device_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
)

// roster renders a device's Online list as "device name:member:state" entries.
func roster(n *node) string {
	var out []string
	for _, p := range n.dev.Online() {
		out = append(out, fmt.Sprintf("%s:%s:%s", p.DeviceName, p.MemberID, p.State))
	}
	return strings.Join(out, ", ")
}

func (n *node) waitRoster(want string) {
	n.t.Helper()
	eventually(n.t, n.name+" lists "+want, func() (bool, string) {
		got := roster(n)
		return got == want, got
	})
}

// wantRoster lists entries in Online's order, by member ID then device ID.
func (s *shop) wantRoster(entries map[string]string) string {
	type e struct{ dev, member, text string }
	ids := map[string]string{"Office PC": s.host.db.DeviceID(), "Front desk": s.desk.db.DeviceID()}
	var list []e
	for name, rest := range entries {
		member, _, _ := strings.Cut(rest, ":")
		list = append(list, e{ids[name], member, name + ":" + rest})
	}
	for i := range list {
		for j := i + 1; j < len(list); j++ {
			if list[j].member < list[i].member || list[j].member == list[i].member && list[j].dev < list[i].dev {
				list[i], list[j] = list[j], list[i]
			}
		}
	}
	var out []string
	for _, x := range list {
		out = append(out, x.text)
	}
	return strings.Join(out, ", ")
}

func TestTeammatesSeeWhoIsOnlineAndAwayAndWhoLeft(t *testing.T) {
	// Heartbeats a minute apart keep entries for three minutes: within the test's wait, only
	// a device's own goodbye can take it off the list.
	s := newShop(t, shopOptions{heartbeat: time.Minute})
	s.host.dev.SetMember(s.owner.ID)
	s.desk.dev.SetMember(s.ana.ID)

	both := s.wantRoster(map[string]string{"Office PC": s.owner.ID + ":online", "Front desk": s.ana.ID + ":online"})
	s.host.waitRoster(both)
	s.desk.waitRoster(both)

	s.desk.dev.SetAway(true)
	away := s.wantRoster(map[string]string{"Office PC": s.owner.ID + ":online", "Front desk": s.ana.ID + ":away"})
	s.host.waitRoster(away)
	s.desk.dev.SetAway(false)
	s.host.waitRoster(both)

	// The desk quits: it says goodbye on the way out.
	s.desk.stop()
	s.host.waitRoster("Office PC:" + s.owner.ID + ":online")

	// It comes back, remembering nobody: the person at the desk signs in again.
	s.desk.start()
	s.host.waitRoster(s.wantRoster(map[string]string{"Office PC": s.owner.ID + ":online", "Front desk": ":online"}))
}

func TestDeviceCutOffWithoutGoodbyeExpiresAndReturns(t *testing.T) {
	s := newShop(t, shopOptions{heartbeat: 200 * time.Millisecond, proxy: true})
	s.host.dev.SetMember(s.owner.ID)
	s.desk.dev.SetMember(s.ana.ID)
	both := s.wantRoster(map[string]string{"Office PC": s.owner.ID + ":online", "Front desk": s.ana.ID + ":online"})
	s.host.waitRoster(both)

	s.proxy.cut() // the desk's network goes: no goodbye reaches the relay
	s.host.waitRoster("Office PC:" + s.owner.ID + ":online")
	s.desk.waitState(model.SyncOffline)
	if got := s.desk.dev.Online(); len(got) != 0 {
		t.Fatalf("an offline desk lists devices: %+v", got)
	}

	s.proxy.restore()
	s.host.waitRoster(both)
	s.desk.waitRoster(both)
}

func TestOnlineListRecoversWhenTheHostRestarts(t *testing.T) {
	// A minute between heartbeats: the desk's presence has nothing to send while the host is
	// away, so only the reconnection itself can tell it that the relay started afresh (the
	// presence bucket lives in the relay's memory).
	s := newShop(t, shopOptions{heartbeat: time.Minute})
	s.host.dev.SetMember(s.owner.ID)
	s.desk.dev.SetMember(s.ana.ID)
	both := s.wantRoster(map[string]string{"Office PC": s.owner.ID + ":online", "Front desk": s.ana.ID + ":online"})
	s.desk.waitRoster(both)

	s.host.stop()
	s.desk.waitState(model.SyncOffline)
	s.desk.waitRoster("") // offline, the desk knows of nobody
	s.host.start()
	s.host.dev.SetMember(s.owner.ID)
	s.desk.waitRoster(both)
	s.host.waitRoster(both)
}
