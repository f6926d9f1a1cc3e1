package device_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"huddle/internal/model"
	"huddle/sync/device"
	"huddle/sync/relay"
	"huddle/sync/synctest"
)

func TestDevicesMoveToAnAlwaysOnRelay(t *testing.T) {
	s := newShop(t, shopOptions{})
	oldURL := s.host.dev.Status().Relay

	// The owner exports the trust and runs `huddle relay` elsewhere; here, in the test.
	setup, err := s.host.dev.RelaySetup()
	must(t, err)
	trust, err := relay.ParseTrust([]byte(setup.Trust))
	must(t, err)
	box, err := relay.Start(relay.Config{Dir: t.TempDir(), Listen: "127.0.0.1:0", Trust: trust, Log: synctest.Log})
	must(t, err)
	t.Cleanup(box.Shutdown)
	url := box.ClientURL()

	must(t, s.host.dev.UseRelay(url, ""))
	must(t, s.desk.dev.UseRelay(strings.TrimPrefix(url, "nats://"), "")) // the scheme is optional
	waitSynced(t, s.host, s.desk)
	if st := s.host.dev.Status(); st.Hosting || st.Relay != url {
		t.Fatalf("host after moving the relay: %+v", st)
	}
	if st := s.desk.dev.Status(); st.Relay != url {
		t.Fatalf("desk after moving the relay: %+v", st)
	}
	if _, err := nats.Connect(oldURL, nats.Timeout(2*time.Second)); err == nil {
		t.Fatal("the host still runs its own relay after moving to another")
	}
	s.desk.note(s.ana.ID, s.thread.ID, "Through the new relay")
	s.host.waitNote(s.thread.ID, "Through the new relay")

	// The new relay started empty: the devices re-seeded it, so a computer that joins now
	// finds the whole workspace there, including what was written before the move.
	late := newNode(t, "Back office", device.Options{})
	must(t, late.dev.Join(context.Background(), s.invite("Back office")))
	waitSynced(t, s.host, s.desk, late)
	late.waitNote(s.thread.ID, "Friday at 3pm works.")
	synctest.SameReadModels(t, s.host.db, late.db)

	// Back to hosting: the host runs its relay again and invites point at it.
	must(t, s.host.dev.UseRelay("", ""))
	s.host.waitState(model.SyncOnline)
	if st := s.host.dev.Status(); !st.Hosting || st.Relay != oldURL {
		t.Fatalf("host after going back to its own relay: %+v (was %s)", st, oldURL)
	}
}

func TestUseRelayRefusesWhatCannotWork(t *testing.T) {
	s := newShop(t, shopOptions{})
	for _, c := range []struct{ name, url, creds string }{
		{"not an address", "relay local/x", ""},
		{"damaged credentials", "relay.local:4222", "-----BEGIN NATS USER JWT-----\nnope"},
	} {
		if err := s.desk.dev.UseRelay(c.url, c.creds); model.CodeOf(err) != model.CodeInvalid {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if err := s.desk.dev.UseRelay("", ""); model.CodeOf(err) != model.CodeInvalid {
		t.Errorf("a joined device cannot host: %v", err)
	}
	// Nothing changed.
	waitSynced(t, s.host, s.desk)
}

func TestHostRelayAdmitsOnlyTheWorkspacesDevices(t *testing.T) {
	s := newShop(t, shopOptions{})
	url := s.host.dev.Status().Relay
	other, err := relay.NewAuthority("ws-other", "Another shop")
	must(t, err)
	otherCreds, err := other.IssueUser("Stranger")
	must(t, err)
	inv, err := relay.DecodeInvite(s.invite("Back office"))
	must(t, err)

	for name, opts := range map[string][]nats.Option{
		"no credentials":                  nil,
		"another workspace's credentials": {otherCreds.Option()},
	} {
		nc, err := nats.Connect(url, append(opts, nats.Timeout(5*time.Second))...)
		if err == nil {
			nc.Close()
			t.Fatalf("%s: connected to the workspace's relay", name)
		}
	}
	nc, err := nats.Connect(url, inv.Creds.Option(), nats.Timeout(5*time.Second))
	if err != nil {
		t.Fatalf("an invited device cannot connect: %v", err)
	}
	nc.Close()
}

func TestHostWhoseLastPortIsTakenListensElsewhere(t *testing.T) {
	s := newShop(t, shopOptions{})
	port := s.host.relayPort()
	s.host.stop()
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Skipf("port %s was taken by someone else meanwhile: %v", port, err)
	}
	defer ln.Close()

	s.host.start()
	s.host.waitState(model.SyncOnline)
	if got := s.host.relayPort(); got == port {
		t.Fatalf("relay on the taken port %s", got)
	}
	if st := s.host.dev.Status(); st.Problem != "" || !st.Hosting {
		t.Fatalf("host: %+v", st)
	}
}
