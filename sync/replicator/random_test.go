package replicator_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"huddle/sync/synctest"
)

// TestRandomOperationsConverge runs thousands of random use cases (replies, notes, assigns,
// labels, resolves, reopens, new threads, read markers, tasks) on three devices in this
// process and one in a child process, while devices disconnect and reconnect, stores close
// and reopen, the relay restarts, compaction runs, and the child is killed with SIGKILL in
// the middle of its writes and started again on the same folder. At the end every device has
// the same heads and read models, nothing is parked or set aside, and every message a use
// case acknowledged, in this process or in the child, is on every device and on a brand-new
// one.
//
// HUDDLE_SEED replays the choices of a run (what runs where, and when the chaos strikes);
// the interleaving with sync itself depends on timing. HUDDLE_SYNC_OPS sets how many
// operations run in this process (the child adds about a tenth more); HUDDLE_SYNC_WIPES=1
// brings the relay back without its data after half of its restarts (the devices re-seed it).
func TestRandomOperationsConverge(t *testing.T) {
	seed := envUint(t, "HUDDLE_SEED", uint64(time.Now().UnixNano()))
	t.Logf("seed %d (replay with HUDDLE_SEED=%d)", seed, seed)
	ops := int(envUint(t, "HUDDLE_SYNC_OPS", 2000))
	rng := rand.New(rand.NewPCG(seed, 0x5eed))

	s := synctest.NewShop(t, 4, 32)
	local, childDev := s.Devices[:3], s.Devices[3]
	for i := range 4 {
		s.StartThread(local[i%len(local)])
	}
	synctest.Converged(t, converge, s.Devices...)
	childDev.Close() // the child process owns its folder from now on

	children := startChildren(t, childDev, s.World(), seed, ops)
	acked := map[string]bool{}
	c := chaos{s: s, rng: rng, local: local, wipes: os.Getenv("HUDDLE_SYNC_WIPES") != ""}
	operators := map[*synctest.Device]*synctest.Operator{}
	for _, d := range local {
		operators[d] = &synctest.Operator{Clock: s.Clock, World: s.World(), Rand: rng}
	}
	for i := range ops {
		c.strike(i, ops)
		d := local[rng.IntN(len(local))]
		op := operators[d]
		op.DB = d.DB // a new one after Reopen
		id, err := op.Op(s.Ctx)
		if err != nil {
			t.Fatalf("op %d on %s: %v (seed %d)", i, d.Name, err, seed)
		}
		if id != "" {
			acked[id] = true
		}
	}
	c.calm()
	runs, childAcks, err := children.wait()
	if err != nil {
		t.Fatalf("%v (seed %d)", err, seed)
	}
	t.Logf("%d operations here, %d relay restarts (%d without its data), %d reconnects, %d reopened stores; "+
		"%d messages acknowledged here, %d by the child over %d runs (%d killed)",
		ops, c.restarts, c.wiped, c.reconnects, c.reopens, len(acked), len(childAcks), runs, runs-1)
	for _, id := range childAcks {
		acked[id] = true
	}

	childDev.Open()
	childDev.Connect()
	synctest.Converged(t, 2*converge, s.Devices...)
	s.AddDevice("E") // a brand-new device bootstraps from what the others left
	synctest.Converged(t, 2*converge, s.Devices...)
	want := make([]string, 0, len(acked))
	for id := range acked {
		want = append(want, id)
	}
	for _, d := range s.Devices {
		if missing := synctest.Missing(t, d.DB, want); len(missing) > 0 {
			t.Errorf("%s lacks %d of %d acknowledged messages, e.g. %s (seed %d)", d.Name, len(missing), len(want), missing[0], seed)
		}
		synctest.SameReadModels(t, local[0].DB, d.DB)
	}
	noneParked(t, s.Devices...)
}

// chaos disconnects and reconnects devices, reopens their stores and restarts the relay.
type chaos struct {
	s     *synctest.Shop
	rng   *rand.Rand
	local []*synctest.Device

	wipes bool // whether a restart may come back without the relay's data

	relayDownFor                         int // operations until the relay starts again; 0 while it runs
	restarts, wiped, reconnects, reopens int
}

// strike maybe breaks something before operation i of n.
func (c *chaos) strike(i, n int) {
	if c.relayDownFor > 0 {
		if c.relayDownFor--; c.relayDownFor == 0 && c.wipes && c.rng.IntN(2) == 0 {
			c.s.Relay.Wipe()
			c.wiped++
		} else if c.relayDownFor == 0 {
			c.s.Relay.Start()
		}
	} else if c.rng.IntN(400) == 0 || (c.restarts == 0 && i == n/2) {
		c.s.Relay.Stop()
		c.relayDownFor = 5 + c.rng.IntN(40)
		c.restarts++
	}
	switch d := c.local[c.rng.IntN(len(c.local))]; {
	case c.rng.IntN(60) == 0 || (c.reconnects == 0 && i == n/3):
		if d.Connected() {
			d.Disconnect()
		} else {
			d.Connect()
			c.reconnects++
		}
	case c.rng.IntN(300) == 0 || (c.reopens == 0 && i == 2*n/3):
		d.Reopen()
		c.reopens++
	}
}

// calm undoes the chaos: the relay runs and every device is connected.
func (c *chaos) calm() {
	if c.relayDownFor > 0 {
		c.relayDownFor = 0
		c.s.Relay.Start()
	}
	for _, d := range c.local {
		d.Connect()
	}
}

// childRuns runs the child device again and again on one folder: killed runs, then one that
// finishes and publishes everything.
type childRuns struct {
	done chan struct{}

	mu      sync.Mutex // mu protects the fields below
	current *synctest.Child
	stopped bool
	runs    int
	acks    []string
	err     error
}

// killedRuns is how many times the child is killed with SIGKILL before its last run.
const killedRuns = 3

func startChildren(t *testing.T, d *synctest.Device, w synctest.World, seed uint64, ops int) *childRuns {
	cr := &childRuns{done: make(chan struct{})}
	t.Cleanup(cr.stop)
	rng := rand.New(rand.NewPCG(seed, 0xC41D))
	var cfgs []synctest.ChildConfig
	for run := range killedRuns + 1 {
		cfg := d.ChildConfig(seed+uint64(run)+1, 1<<30, w)
		cfg.ClockStart = time.Date(2026, 3, 1, 10+run, 0, 0, 0, time.UTC)
		if run == killedRuns {
			cfg.Ops = max(ops/20, 10)
		}
		cfgs = append(cfgs, cfg)
	}
	go func() {
		defer close(cr.done)
		for run, cfg := range cfgs {
			c, err := cr.start(cfg)
			if c == nil {
				cr.fail(err)
				return
			}
			if run == killedRuns {
				err = c.Wait()
			} else {
				// Kill it a moment after an acknowledgement: most likely in its next write.
				err = c.WaitAcks(10+rng.IntN(50), 2*converge)
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				if kerr := c.Kill(); err == nil {
					err = kerr
				}
			}
			cr.mu.Lock()
			cr.acks = append(cr.acks, c.Acks()...)
			cr.current = nil
			cr.mu.Unlock()
			if err != nil {
				cr.fail(fmt.Errorf("child run %d: %w", run, err))
				return
			}
		}
	}()
	return cr
}

// start starts the next run unless the test has ended.
func (cr *childRuns) start(cfg synctest.ChildConfig) (*synctest.Child, error) {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.stopped {
		return nil, errors.New("the test ended")
	}
	c, err := synctest.StartChild(cfg)
	if err == nil {
		cr.current = c
		cr.runs++
	}
	return c, err
}

func (cr *childRuns) fail(err error) {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	cr.err = err
}

// stop kills the running child, if any, and starts no other: a failed test leaves no process.
func (cr *childRuns) stop() {
	cr.mu.Lock()
	cr.stopped = true
	c := cr.current
	cr.mu.Unlock()
	if c != nil {
		_ = c.Kill()
	}
	<-cr.done
}

// wait waits for the last run and returns every message the child acknowledged.
func (cr *childRuns) wait() (runs int, acks []string, err error) {
	<-cr.done
	cr.mu.Lock()
	defer cr.mu.Unlock()
	return cr.runs, cr.acks, cr.err
}

func envUint(t *testing.T, name string, def uint64) uint64 {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q is not a number", name, v)
	}
	return n
}
