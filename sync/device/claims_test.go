package device_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/schedule"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/sync/device"
	"huddle/sync/synctest"
)

// prompt is how soon a device that cannot reach the relay must say so.
const prompt = 500 * time.Millisecond

func (n *node) claim(id string, action schedule.Action) schedule.Claim {
	n.t.Helper()
	c, err := n.dev.Claim(context.Background(), id, action)
	if err != nil {
		n.t.Fatalf("%s claims %s to %s: %v", n.name, id, action, err)
	}
	return c
}

func (n *node) holder(id string) (schedule.Claim, bool) {
	n.t.Helper()
	c, ok, err := n.dev.Holder(context.Background(), id)
	if err != nil {
		n.t.Fatalf("%s: holder of %s: %v", n.name, id, err)
	}
	return c, ok
}

// race has every node claim every message at once, alternating send and cancel, and returns
// what each got, by message then node.
func race(t *testing.T, msgs []string, nodes ...*node) [][]schedule.Claim {
	t.Helper()
	got := make([][]schedule.Claim, len(msgs))
	errs := make(chan error, len(msgs)*len(nodes))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, id := range msgs {
		got[i] = make([]schedule.Claim, len(nodes))
		for j, n := range nodes {
			action := schedule.ActionSend
			if (i+j)%2 == 1 {
				action = schedule.ActionCancel
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				c, err := n.dev.Claim(context.Background(), id, action)
				if err != nil {
					errs <- fmt.Errorf("%s claims %s: %w", n.name, id, err)
				}
				got[i][j] = c
			}()
		}
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return got
}

// agreed fails unless every claimant got the same claim on each message, held by one of nodes,
// and nodes all say it holds.
func agreed(t *testing.T, msgs []string, got [][]schedule.Claim, nodes ...*node) {
	t.Helper()
	devices := map[string]bool{}
	for _, n := range nodes {
		devices[n.db.DeviceID()] = true
	}
	for i, id := range msgs {
		first := got[i][0]
		if first.MessageID != id || !devices[first.Device] {
			t.Fatalf("%s: unexpected claim %+v", id, first)
		}
		for j, c := range got[i] {
			if c != first {
				t.Fatalf("%s: the first claimant got %+v, claimant %d got %+v", id, first, j+1, c)
			}
		}
		for _, n := range nodes {
			if h, ok := n.holder(id); !ok || h != first {
				t.Fatalf("%s: %s says %+v (ok=%v) holds it, the claims said %+v", id, n.name, h, ok, first)
			}
		}
	}
}

func newIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = model.NewULID(time.Now())
	}
	return out
}

func TestDeviceWithoutRelayClaimsLocallyAndRemembersAfterRestart(t *testing.T) {
	n := newNode(t, "Solo", device.Options{Listen: "127.0.0.1:0"})
	msgs := newIDs(10)
	if c, ok := n.holder(msgs[0]); ok {
		t.Fatalf("an unclaimed message has a holder: %+v", c)
	}
	agreed(t, msgs, race(t, msgs, n, n, n, n), n) // one device, four claimants at once

	held := map[string]schedule.Claim{}
	for _, id := range msgs {
		held[id], _ = n.holder(id)
		if held[id].Device != n.db.DeviceID() {
			t.Fatalf("claimed by %q, not this device %q", held[id].Device, n.db.DeviceID())
		}
	}
	n.restart()
	for _, id := range msgs {
		if h, ok := n.holder(id); !ok || h != held[id] {
			t.Fatalf("after a restart %s is held by %+v (ok=%v), want %+v", id, h, ok, held[id])
		}
		other := schedule.ActionSend
		if held[id].Action == schedule.ActionSend {
			other = schedule.ActionCancel
		}
		if got := n.claim(id, other); got != held[id] {
			t.Fatalf("after a restart a %s claim got %+v, want %+v", other, got, held[id])
		}
	}
}

func TestClaimMadeBeforeSharingGoesToTheRelay(t *testing.T) {
	host := newNode(t, "Office PC", device.Options{Listen: "127.0.0.1:0"})
	id := newIDs(1)[0]
	cancel := host.claim(id, schedule.ActionCancel)

	_, _, err := host.team.CreateWorkspace(context.Background(), team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	must(t, err)
	host.waitState(model.SyncOnline)
	if h, ok := host.holder(id); !ok || h != cancel {
		t.Fatalf("the host's own claim is %+v (ok=%v), want %+v", h, ok, cancel)
	}
	s := &shop{t: t, host: host}
	desk := newNode(t, "Front desk", device.Options{})
	must(t, desk.dev.Join(context.Background(), s.invite("Front desk")))
	desk.waitState(model.SyncOnline)

	if got := host.claim(id, schedule.ActionSend); got != cancel {
		t.Fatalf("the host's send got %+v, want its earlier cancel %+v", got, cancel)
	}
	if got := desk.claim(id, schedule.ActionSend); got != cancel {
		t.Fatalf("the desk's send got %+v, want the host's cancel %+v", got, cancel)
	}
}

func TestShopDevicesAgreeOnWhoSends(t *testing.T) {
	s := newShop(t, shopOptions{})
	msgs := newIDs(30)
	agreed(t, msgs, race(t, msgs, s.host, s.desk), s.host, s.desk)
}

func TestDeskCutOffFromTheRelayCannotClaim(t *testing.T) {
	s := newShop(t, shopOptions{proxy: true})
	msgs := newIDs(2)
	s.desk.claim(msgs[0], schedule.ActionSend)

	s.proxy.cut()
	s.desk.waitState(model.SyncOffline)
	began := time.Now()
	if _, err := s.desk.dev.Claim(context.Background(), msgs[1], schedule.ActionSend); !errors.Is(err, schedule.ErrUnreachable) {
		t.Fatalf("claim while cut off: %v, want ErrUnreachable", err)
	}
	if _, _, err := s.desk.dev.Holder(context.Background(), msgs[0]); !errors.Is(err, schedule.ErrUnreachable) {
		t.Fatalf("holder while cut off: %v, want ErrUnreachable", err)
	}
	if took := time.Since(began); took > prompt {
		t.Fatalf("took %v to say the relay is unreachable", took)
	}
	sent := s.host.claim(msgs[1], schedule.ActionSend) // the host still reaches it

	s.proxy.restore()
	eventually(t, "the desk sees the host's claim", func() (bool, string) {
		c, err := s.desk.dev.Claim(context.Background(), msgs[1], schedule.ActionCancel)
		return err == nil && c == sent, fmt.Sprintf("%+v err=%v", c, err)
	})
}

func TestDeviceWithDamagedSyncSettingsDoesNotClaimByItself(t *testing.T) {
	db, err := localdb.Open(t.TempDir(), localdb.Options{NoSync: true, Logger: synctest.Log})
	must(t, err)
	t.Cleanup(func() { _ = db.Close() })
	must(t, db.SetLocalSetting("sync", "{damaged"))
	dev := device.New(device.Options{Store: db, DataDir: t.TempDir(), Log: synctest.Log})
	t.Cleanup(dev.Close)
	if err := dev.Start(context.Background()); err == nil {
		t.Fatal("damaged settings went unnoticed")
	}
	id := newIDs(1)[0]
	if _, err := dev.Claim(context.Background(), id, schedule.ActionSend); !errors.Is(err, schedule.ErrUnreachable) {
		t.Fatalf("claim: %v, want ErrUnreachable", err)
	}
	if _, _, err := dev.Holder(context.Background(), id); !errors.Is(err, schedule.ErrUnreachable) {
		t.Fatalf("holder: %v, want ErrUnreachable", err)
	}
}
