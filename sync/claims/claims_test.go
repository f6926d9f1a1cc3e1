package claims_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"huddle/internal/model"
	"huddle/internal/schedule"
	"huddle/sync/claims"
	"huddle/sync/synctest"
)

// wait bounds every poll in these tests: a guard against hangs, never a measurement.
const wait = 20 * time.Second

// prompt is how soon a device that is not connected must hear so: it must not wait for a
// relay call to time out.
const prompt = 500 * time.Millisecond

func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	synctest.Eventually(t, wait, what, cond)
}

// device is one device's claims over its own connection to the relay.
type device struct {
	*claims.Relay
	name string
	nc   *nats.Conn
}

func connect(t testing.TB, r *synctest.Relay, name string) *device {
	t.Helper()
	nc, err := nats.Connect(r.URL(), r.Creds(name).Option(), nats.Name(name), nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true), nats.ReconnectWait(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return &device{Relay: claims.New(nc, "ws", name), name: name, nc: nc}
}

func (d *device) claim(t *testing.T, id string, action schedule.Action) schedule.Claim {
	t.Helper()
	c, err := d.Claim(context.Background(), id, action)
	if err != nil {
		t.Fatalf("%s claims %s to %s: %v", d.name, id, action, err)
	}
	return c
}

func (d *device) holder(t *testing.T, id string) schedule.Claim {
	t.Helper()
	c, ok, err := d.Holder(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("%s: holder of %s: ok=%v err=%v", d.name, id, ok, err)
	}
	return c
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = model.NewULID(time.Now())
	}
	return out
}

func TestEachMessageIsWonByExactlyOneDeviceWhenTwoRace(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	devs := []*device{connect(t, r, "dev-a"), connect(t, r, "dev-b")}
	msgs := ids(50)

	got := make([][2]schedule.Claim, len(msgs))
	errs := make(chan error, 2*len(msgs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, id := range msgs {
		for j, d := range devs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				c, err := d.Claim(context.Background(), id, schedule.ActionSend)
				if err != nil {
					errs <- fmt.Errorf("%s claims %s: %w", d.name, id, err)
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

	won := map[string]int{}
	for i, id := range msgs {
		a, b := got[i][0], got[i][1]
		if a != b {
			t.Fatalf("%s: the devices disagree on who holds it: %+v and %+v", id, a, b)
		}
		if a.MessageID != id || a.Action != schedule.ActionSend || (a.Device != "dev-a" && a.Device != "dev-b") {
			t.Fatalf("%s: unexpected claim %+v", id, a)
		}
		won[a.Device]++
		for _, d := range devs {
			if h := d.holder(t, id); h != a {
				t.Fatalf("%s: %s says %+v holds it, the claims said %+v", id, d.name, h, a)
			}
		}
	}
	t.Logf("won: %v", won)
}

func TestCancelAndSendCannotBothWin(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a, b := connect(t, r, "dev-a"), connect(t, r, "dev-b")
	msgs := ids(3)

	cancel := a.claim(t, msgs[0], schedule.ActionCancel)
	if cancel.Device != "dev-a" || cancel.Action != schedule.ActionCancel {
		t.Fatalf("first claim not won by its device: %+v", cancel)
	}
	if got := b.claim(t, msgs[0], schedule.ActionSend); got != cancel {
		t.Fatalf("a send after a cancel got %+v, want the cancel %+v", got, cancel)
	}

	send := b.claim(t, msgs[1], schedule.ActionSend)
	if got := a.claim(t, msgs[1], schedule.ActionCancel); got != send {
		t.Fatalf("a cancel after a send got %+v, want the send %+v", got, send)
	}

	// The same device changing its mind is no different.
	cancel = a.claim(t, msgs[2], schedule.ActionCancel)
	if got := a.claim(t, msgs[2], schedule.ActionSend); got != cancel {
		t.Fatalf("a's send after its own cancel got %+v, want %+v", got, cancel)
	}
}

func TestHolderOfAnUnclaimedMessageIsNobody(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := connect(t, r, "dev-a")
	id := ids(1)[0]
	if c, ok, err := a.Holder(context.Background(), id); err != nil || ok {
		t.Fatalf("holder of an unclaimed message: %+v ok=%v err=%v", c, ok, err)
	}
	mine := a.claim(t, id, schedule.ActionSend)
	if h := a.holder(t, id); h != mine {
		t.Fatalf("holder %+v, want %+v", h, mine)
	}
}

func TestClaimsSurviveARelayRestart(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a, b := connect(t, r, "dev-a"), connect(t, r, "dev-b")
	id := ids(1)[0]
	mine := a.claim(t, id, schedule.ActionSend)

	r.Stop()
	r.Start()
	// The same Relay, with its bucket handle from before, once reconnected.
	eventually(t, "b reads the claim again", func() (bool, string) {
		c, ok, err := b.Holder(context.Background(), id)
		return err == nil && ok && c == mine, fmt.Sprintf("%+v ok=%v err=%v", c, ok, err)
	})
	if got := b.claim(t, id, schedule.ActionCancel); got != mine {
		t.Fatalf("after a restart b's cancel got %+v, want a's send %+v", got, mine)
	}
	late := connect(t, r, "dev-c")
	if got := late.claim(t, id, schedule.ActionSend); got != mine {
		t.Fatalf("a device connecting after the restart got %+v, want %+v", got, mine)
	}
}

func TestClaimsWorkAgainWhenTheRelayComesBackEmpty(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := connect(t, r, "dev-a")
	first := ids(1)[0]
	a.claim(t, first, schedule.ActionSend)

	r.Wipe() // the bucket a holds a handle to is gone
	id := ids(1)[0]
	eventually(t, "a claims on the new relay", func() (bool, string) {
		c, err := a.Claim(context.Background(), id, schedule.ActionSend)
		return err == nil && c.Device == "dev-a", fmt.Sprintf("%+v err=%v", c, err)
	})
}

func TestDisconnectedDeviceIsToldAtOnceThatTheRelayIsUnreachable(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := connect(t, r, "dev-a")
	id := ids(1)[0]
	if _, _, err := a.Holder(context.Background(), id); err != nil {
		t.Fatal(err) // opens the bucket while connected
	}

	r.Stop()
	eventually(t, "a notices the relay is gone", func() (bool, string) {
		return !a.nc.IsConnected(), a.nc.Status().String()
	})
	began := time.Now()
	_, err := a.Claim(context.Background(), id, schedule.ActionSend)
	if !errors.Is(err, schedule.ErrUnreachable) {
		t.Fatalf("claim while disconnected: %v, want ErrUnreachable", err)
	}
	_, _, err = a.Holder(context.Background(), id)
	if !errors.Is(err, schedule.ErrUnreachable) {
		t.Fatalf("holder while disconnected: %v, want ErrUnreachable", err)
	}
	if took := time.Since(began); took > prompt {
		t.Fatalf("took %v to say the relay is unreachable", took)
	}

	// Nothing was queued to reach the relay later: once back, the message is still free.
	r.Start()
	eventually(t, "a reads the bucket again", func() (bool, string) {
		c, ok, err := a.Holder(context.Background(), id)
		return err == nil && !ok, fmt.Sprintf("%+v ok=%v err=%v", c, ok, err)
	})
}

func TestDamagedClaimIsAnErrorNeverAWin(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := connect(t, r, "dev-a")
	msgs := ids(4)
	if _, _, err := a.Holder(context.Background(), msgs[0]); err != nil {
		t.Fatal(err) // creates the bucket
	}
	kv, err := r.JetStream().KeyValue(context.Background(), claims.Bucket("ws"))
	if err != nil {
		t.Fatal(err)
	}
	damaged := map[string]string{
		msgs[0]: "not json",
		msgs[1]: fmt.Sprintf(`{"messageId":%q,"device":"dev-b","action":"send","at":1}`, msgs[3]), // another message's
		msgs[2]: fmt.Sprintf(`{"messageId":%q,"device":"dev-b","action":"forward","at":1}`, msgs[2]),
		msgs[3]: fmt.Sprintf(`{"messageId":%q,"action":"send","at":1}`, msgs[3]), // no device
	}
	for id, v := range damaged {
		if _, err := kv.Put(context.Background(), id, []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	for id, v := range damaged {
		c, err := a.Claim(context.Background(), id, schedule.ActionSend)
		if !errors.Is(err, claims.ErrDamaged) || c != (schedule.Claim{}) {
			t.Fatalf("claim over %s: %+v err=%v, want ErrDamaged", v, c, err)
		}
		c, ok, err := a.Holder(context.Background(), id)
		if !errors.Is(err, claims.ErrDamaged) || ok {
			t.Fatalf("holder of %s: %+v ok=%v err=%v, want ErrDamaged", v, c, ok, err)
		}
	}
}

func TestOnlyMessageIDsAndKnownActionsCanBeClaimed(t *testing.T) {
	r := synctest.StartRelay(t, "ws")
	a := connect(t, r, "dev-a")
	for _, id := range []string{"", "a.b", "a b", "a*", "a>", "x/y", string(make([]byte, 129))} {
		if _, err := a.Claim(context.Background(), id, schedule.ActionSend); err == nil || errors.Is(err, schedule.ErrUnreachable) {
			t.Fatalf("claim of %q: %v, want a refusal", id, err)
		}
		if _, _, err := a.Holder(context.Background(), id); err == nil {
			t.Fatalf("holder of %q was not refused", id)
		}
	}
	if _, err := a.Claim(context.Background(), ids(1)[0], "forward"); err == nil {
		t.Fatal("a claim to an unknown action was not refused")
	}
}
