package presence_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
	"huddle/sync/presence"
	"huddle/sync/synctest"
)

// wait bounds every poll in these tests: a guard against hangs, never a measurement.
const wait = 20 * time.Second

// eventually polls cond until it holds, failing with what it last said after wait.
func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	synctest.Eventually(t, wait, what, cond)
}

// peer is one running Presence on its own connection to the relay.
type peer struct {
	*presence.Presence
	nc   *nats.Conn
	stop func() // ends Run and waits for it
}

func join(t *testing.T, r *synctest.Relay, device string, heartbeat time.Duration) *peer {
	t.Helper()
	nc, err := nats.Connect(r.URL(), r.Creds(device).Option(), nats.Name(device),
		nats.MaxReconnects(-1), nats.ReconnectWait(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	p := presence.New(presence.Config{Workspace: "ws", Device: device, DeviceName: "Computer " + device,
		Log: synctest.Log, Heartbeat: heartbeat})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.Run(ctx, nc)
	}()
	pe := &peer{Presence: p, nc: nc}
	pe.stop = func() {
		cancel()
		<-done
	}
	t.Cleanup(func() {
		pe.stop()
		nc.Close()
	})
	return pe
}

// roster renders Online as "device:member:state" entries in order.
func roster(p *peer) string {
	var out []string
	for _, o := range p.Online() {
		out = append(out, fmt.Sprintf("%s:%s:%s", o.DeviceID, o.MemberID, o.State))
	}
	return strings.Join(out, " ")
}

func shows(p *peer, want string) func() (bool, string) {
	return func() (bool, string) {
		got := roster(p)
		return got == want, got
	}
}

func TestDevicesSeeEachOtherWithWhoIsAtThem(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := join(t, r, "dev-a", 0)
	a.SetMember("m-olga")
	updates, unsubscribe := a.Updates()
	defer unsubscribe()
	b := join(t, r, "dev-b", 0)
	b.SetMember("m-ana")

	both := "dev-b:m-ana:online dev-a:m-olga:online" // by member, then device
	eventually(t, "a lists both devices", shows(a, both))
	eventually(t, "b lists both devices", shows(b, both))
	select {
	case <-updates:
	default:
		t.Fatal("a's subscribers were not told that the list changed")
	}
	for _, o := range a.Online() {
		if o.DeviceName != "Computer "+o.DeviceID || o.Since == 0 {
			t.Fatalf("entry lacks its name or heartbeat time: %+v", o)
		}
	}

	// Someone else sits down at b.
	b.SetMember("m-zoe")
	eventually(t, "a sees the new member at b", shows(a, "dev-a:m-olga:online dev-b:m-zoe:online"))
}

func TestSteppingAwayIsShownAndUndone(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := join(t, r, "dev-a", 0)
	a.SetMember("m-olga")
	b := join(t, r, "dev-b", 0)
	b.SetMember("m-ana")
	eventually(t, "a lists b", shows(a, "dev-b:m-ana:online dev-a:m-olga:online"))

	b.SetAway(true)
	eventually(t, "a sees b away", shows(a, "dev-b:m-ana:away dev-a:m-olga:online"))
	eventually(t, "b sees itself away", shows(b, "dev-b:m-ana:away dev-a:m-olga:online"))
	b.SetAway(false)
	eventually(t, "a sees b back", shows(a, "dev-b:m-ana:online dev-a:m-olga:online"))
}

func TestClosedDeviceLeavesAtOnce(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	// A heartbeat of a minute makes entries live three minutes: within the test's wait only
	// the device's own leave can take it off the list.
	a := join(t, r, "dev-a", time.Minute)
	b := join(t, r, "dev-b", time.Minute)
	eventually(t, "a lists b", shows(a, "dev-a::online dev-b::online"))

	b.stop()
	if got := b.Online(); len(got) != 0 {
		t.Fatalf("a stopped presence still lists devices: %+v", got)
	}
	eventually(t, "b leaves a's list", shows(a, "dev-a::online"))
}

func TestDeviceCutOffWithoutLeavingExpires(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := join(t, r, "dev-a", 200*time.Millisecond)
	b := join(t, r, "dev-b", 200*time.Millisecond)
	eventually(t, "a lists b", shows(a, "dev-a::online dev-b::online"))

	// The connection goes while b's presence still runs: it cannot say goodbye.
	b.nc.Close()
	eventually(t, "b expires from a's list", shows(a, "dev-a::online"))
	eventually(t, "b, offline, lists nobody", shows(b, ""))
}

func TestMalformedEntriesAreIgnored(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := join(t, r, "dev-a", 0)
	eventually(t, "a lists itself", shows(a, "dev-a::online"))

	nc, err := nats.Connect(r.URL(), r.Creds("intruder").Option())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	kv, err := js.KeyValue(ctx, presence.Bucket("ws"))
	if err != nil {
		t.Fatal(err)
	}
	// Garbage, and an entry that claims to be another device than its key.
	for key, val := range map[string]string{"junk": "not json", "liar": `{"deviceId":"dev-a","state":"online"}`} {
		if _, err := kv.Put(ctx, key, []byte(val)); err != nil {
			t.Fatal(err)
		}
	}
	b := join(t, r, "dev-b", 0)
	eventually(t, "a lists b", shows(a, "dev-a::online dev-b::online"))
	eventually(t, "b ignores the malformed entries too", shows(b, "dev-a::online dev-b::online"))
}

func TestOnlineIsSortedByMemberThenDevice(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	peers := map[string]string{"dev-c": "m-1", "dev-a": "m-2", "dev-b": "m-1"}
	var last *peer
	for dev, m := range peers {
		last = join(t, r, dev, 0)
		last.SetMember(m)
	}
	eventually(t, "everyone listed in order", shows(last, "dev-b:m-1:online dev-c:m-1:online dev-a:m-2:online"))
	got := last.Online()
	if !sort.SliceIsSorted(got, func(i, j int) bool {
		return got[i].MemberID < got[j].MemberID || got[i].MemberID == got[j].MemberID && got[i].DeviceID < got[j].DeviceID
	}) {
		t.Fatalf("not sorted: %+v", got)
	}
	for _, o := range got {
		if o.State != model.PresenceOnline {
			t.Fatalf("%s: state %q", o.DeviceID, o.State)
		}
	}
}

func TestRosterRecoversAfterTheRelayRestarts(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	// Heartbeats a minute apart: nothing is sent while the relay is away, so only the lost
	// connection can tell the devices that the relay forgot the bucket (it is kept in memory).
	a := join(t, r, "dev-a", time.Minute)
	b := join(t, r, "dev-b", time.Minute)
	eventually(t, "a lists b", shows(a, "dev-a::online dev-b::online"))

	r.Stop()
	eventually(t, "a, offline, lists nobody", shows(a, ""))
	r.Start()
	eventually(t, "a lists both again", shows(a, "dev-a::online dev-b::online"))
	eventually(t, "b lists both again", shows(b, "dev-a::online dev-b::online"))
}
