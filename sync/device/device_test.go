package device_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"

	"huddle/internal/model"
	"huddle/sync/device"
	"huddle/sync/relay"
	"huddle/sync/synctest"
)

func TestDeviceWithoutWorkspaceStaysOff(t *testing.T) {
	n := newNode(t, "New laptop", device.Options{Listen: "127.0.0.1:0"})
	if st := n.dev.Status(); st.State != model.SyncOff || st.Hosting || st.Relay != "" {
		t.Fatalf("status of a device with nothing set up: %+v", st)
	}
	if got := n.dev.Online(); len(got) != 0 {
		t.Fatalf("online while off: %+v", got)
	}
	if _, err := n.dev.Invite("Front desk"); err == nil {
		t.Fatal("a device without a workspace made an invite")
	}
	if err := n.dev.UseRelay("relay.local:4222", ""); model.CodeOf(err) != model.CodeNoWorkspace {
		t.Fatalf("UseRelay before any workspace: %v", err)
	}
}

func TestJoinedDeviceReceivesTheWorkspaceAndNotesFlowBothWays(t *testing.T) {
	s := newShop(t, shopOptions{})

	host := s.host.dev.Status()
	if !host.Hosting || host.Workspace != "Salon" || !strings.HasPrefix(host.Relay, "nats://127.0.0.1:") {
		t.Fatalf("the device that created the workspace does not host its relay: %+v", host)
	}
	desk := s.desk.dev.Status()
	if desk.Hosting || desk.Relay != host.Relay || desk.Workspace != "Salon" || desk.LastSynced == 0 {
		t.Fatalf("joined device: %+v (host relay %s)", desk, host.Relay)
	}
	// Everything written before the invite arrived: the workspace, its people, the thread.
	synctest.SameReadModels(t, s.host.db, s.desk.db)
	s.desk.waitNote(s.thread.ID, "Friday at 3pm works.")

	s.desk.note(s.ana.ID, s.thread.ID, "Mia called, she is running late")
	s.host.waitNote(s.thread.ID, "Mia called, she is running late")
	s.host.note(s.owner.ID, s.thread.ID, "Thanks, moved her to 3:30")
	s.desk.waitNote(s.thread.ID, "Thanks, moved her to 3:30")
	waitSynced(t, s.host, s.desk)
	synctest.SameReadModels(t, s.host.db, s.desk.db)
}

func TestOnlyTheHostMakesInvitesAndRelaySetups(t *testing.T) {
	s := newShop(t, shopOptions{})
	if _, err := s.desk.dev.Invite("Back office"); model.CodeOf(err) != model.CodeForbidden {
		t.Fatalf("invite from a joined device: %v", err)
	}
	if _, err := s.desk.dev.RelaySetup(); model.CodeOf(err) != model.CodeForbidden {
		t.Fatalf("relay set-up on a joined device: %v", err)
	}
	if _, err := s.host.dev.Invite("  "); model.CodeOf(err) != model.CodeInvalid {
		t.Fatalf("invite without a device name: %v", err)
	}
	if err := s.desk.dev.Join(context.Background(), s.invite("Again")); model.CodeOf(err) != model.CodeConflict {
		t.Fatalf("joining a second time: %v", err)
	}
}

func TestJoinRefusesCodesThatCannotWork(t *testing.T) {
	s := newShop(t, shopOptions{})
	good := s.invite("Back office")
	other, err := relay.NewAuthority("ws-other", "Another shop")
	must(t, err)
	otherCreds, err := other.IssueUser("Back office")
	must(t, err)
	goodInv, err := relay.DecodeInvite(good)
	must(t, err)
	foreign := goodInv
	foreign.Creds = otherCreds // the host's relay, another workspace's key

	cases := []struct {
		name, code string
		want       model.Code
		sentence   string // the exact sentence, when it is fixed
	}{
		{"not a code", "hello, here is the invite", model.CodeInvalid, relay.ErrNotInvite.Message},
		{"cut short", good[:len(good)/2], model.CodeInvalid, relay.ErrInviteDamaged.Message},
		{"unreachable relay", withURLs(t, good, "nats://"+closedPort(t)), model.CodeUnavailable, ""},
		{"another workspace's key", foreign.Encode(), model.CodeForbidden, ""},
	}
	n := newNode(t, "Back office", device.Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := n.dev.Join(context.Background(), c.code)
			code, sentence := codeOf(t, err)
			if code != c.want {
				t.Fatalf("code %s, want %s: %v", code, c.want, err)
			}
			if c.sentence != "" && sentence != c.sentence {
				t.Fatalf("sentence %q, want %q", sentence, c.sentence)
			}
			if sentence == "" || strings.Contains(sentence, "nats:") && c.want != model.CodeUnavailable {
				t.Fatalf("not a sentence for a person: %q", sentence)
			}
			// Nothing was kept: the device is as unconfigured as before.
			if st := n.dev.Status(); st.State != model.SyncOff {
				t.Fatalf("status after a refused join: %+v", st)
			}
			if raw, err := n.db.LocalSetting("sync"); err != nil || raw != "" {
				t.Fatalf("a refused join saved settings: %q, %v", raw, err)
			}
		})
	}
	// The same computer still joins with a code that works.
	must(t, n.dev.Join(context.Background(), good))
	waitSynced(t, s.host, n)
}

func TestHostRestartKeepsItsPortAndChangesFlowAgain(t *testing.T) {
	s := newShop(t, shopOptions{})
	port := s.host.relayPort()

	s.host.stop()
	s.desk.waitState(model.SyncOffline)
	// Work goes on at the desk while the host is off; it waits to be sent.
	s.desk.note(s.ana.ID, s.thread.ID, "Written while the office PC was off")
	eventually(t, "the desk counts what waits", func() (bool, string) {
		st := s.desk.dev.Status()
		return st.State == model.SyncOffline && st.Waiting > 0, fmt.Sprintf("%+v", st)
	})

	s.host.start()
	if got := s.host.relayPort(); got != port {
		t.Fatalf("the relay moved from port %s to %s: invites and joined devices point at the old one", port, got)
	}
	s.host.waitNote(s.thread.ID, "Written while the office PC was off")
	s.host.note(s.owner.ID, s.thread.ID, "Back on")
	s.desk.waitNote(s.thread.ID, "Back on")
	waitSynced(t, s.host, s.desk)
	if st := s.desk.dev.Status(); st.Waiting != 0 || st.Problem != "" {
		t.Fatalf("desk after the host came back: %+v", st)
	}

	// The joined device restarts too, and finds the relay from its own settings.
	s.desk.restart()
	s.desk.note(s.ana.ID, s.thread.ID, "After the desk restarted")
	s.host.waitNote(s.thread.ID, "After the desk restarted")
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	addr := ln.Addr().String()
	must(t, ln.Close())
	return addr
}
