//go:build bench

package bench

import (
	"context"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"huddle/internal/inbox"
	"huddle/internal/ports"
	"huddle/sync/synctest"
)

const (
	propThreads = 1000
	propSamples = 1000 // changes measured one at a time (≥ 500)
	propWarmup  = 50
)

// TestBenchSyncPropagation measures a change from device A to device B through the relay:
// from calling inbox.Reply on A (a reply to a random thread of a 1k-thread workspace,
// committed with fsync) until B's store has applied it and B's subscriber (DB.Subscribe) has
// been told, one change at a time.
func TestBenchSyncPropagation(t *testing.T) {
	ctx := context.Background()
	logLoad(t, "at start")
	defer logLoad(t, "at end")
	r := synctest.StartRelay(t, "bench-propagation")

	t0 := time.Now()
	a := newDevice(t, r, "A", "", true)
	g := newGenerator(a.DB, 1)
	w, err := g.generate(ctx, propThreads)
	if err != nil {
		t.Fatal(err)
	}
	a.ws = w.ws.ID
	a.reopen(false) // the app's settings from here on
	t.Logf("generated %d threads on A in %.1f s", len(w.threads), time.Since(t0).Seconds())

	obs := newObserver(t, r, w.ws.ID)
	n, _ := a.DB.OutboxLen()
	a.connect()
	obs.waitPublished(t, a, uint64(n), 2*time.Minute)
	b := newDevice(t, r, "B", w.ws.ID, false)
	t1 := time.Now()
	b.connect()
	if err := b.waitCursor(obs.lastSeq(t), 5*time.Minute, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("A published %d changes; B caught up with them in %.1f s", n, time.Since(t1).Seconds())

	// The relay's view: a plain NATS subscription to the change subjects sees each change as
	// the relay receives it, which splits the path in two.
	relaySaw := make(chan time.Time, 16)
	sub, err := obs.nc.Subscribe("huddle.*.chg.>", func(*nats.Msg) {
		select {
		case relaySaw <- time.Now():
		default:
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()

	changes, stop := b.DB.Subscribe()
	defer stop()
	ib := inbox.New(a.DB, ports.SystemClock{})
	rng := rand.New(rand.NewPCG(2, 3))
	var total, write, toRelay []time.Duration
	for i := range propSamples + propWarmup {
		th := w.threads[rng.IntN(len(w.threads))]
		h := pick(rng, w.writers[th.brand])
		drain(relaySaw)
		start := time.Now()
		if _, err := ib.Reply(ctx, h.ID, th.id, pick(rng, replyLines)); err != nil {
			t.Fatal(err)
		}
		written := time.Now()
		if err := waitRemote(changes, th.id, 10*time.Second); err != nil {
			t.Fatalf("change %d: %v", i, err)
		}
		end := time.Now()
		if i < propWarmup {
			continue
		}
		total, write = append(total, end.Sub(start)), append(write, written.Sub(start))
		select {
		case at := <-relaySaw:
			toRelay = append(toRelay, at.Sub(start))
		default:
		}
	}
	t.Logf("%d changes A→B: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", len(total),
		ms(percentile(total, 50)), ms(percentile(total, 90)), ms(percentile(total, 99)), ms(percentile(total, 100)))
	t.Logf("  of which the local write on A (inbox.Reply, fsync): p50 %.2f ms, p99 %.2f ms",
		ms(percentile(write, 50)), ms(percentile(write, 99)))
	t.Logf("  until the relay had it (%d samples): p50 %.2f ms, p99 %.2f ms",
		len(toRelay), ms(percentile(toRelay, 50)), ms(percentile(toRelay, 99)))
	report("sync_propagation_p50_ms", ms(percentile(total, 50)), "ms")
	report("sync_propagation_p99_ms", ms(percentile(total, 99)), "ms")
}

const (
	bootstrapRuns = 3
	rawRuns       = 3
)

// The workspace and backlog sizes; HUDDLE_BENCH_QUICK=1 divides them by ten, to try changes
// to this package without waiting for the full run.
var (
	catchupThreads = quick(10_000)
	catchupChanges = quick(100_000)
)

func quick(n int) int {
	if os.Getenv("HUDDLE_BENCH_QUICK") != "" {
		return n / 10
	}
	return n
}

// profileEnv names a file for a CPU profile of B's catch-up alone (generation and the other
// measurements left out): HUDDLE_BENCH_CATCHUP_CPUPROFILE=/tmp/catchup.pprof make bench.
const profileEnv = "HUDDLE_BENCH_CATCHUP_CPUPROFILE"

// TestBenchSyncCatchUp measures, on one relay and one workspace of 10k threads:
//   - bootstrap: a new device joins the workspace as A published it, and catches up until its
//     cursor reaches the stream's last sequence and its first inbox page is readable;
//   - catch-up: device B, offline while A makes 100k changes over the 10k threads, connects
//     and applies them (stream messages applied per second of wall time);
//   - the raw rates over the same 100k change messages: JetStream async publish (a third of
//     them per run) and ordered-consumer replay, each the median of three runs; and
//     crdt.Doc.Apply into in-memory documents, run before and after every catch-up;
//   - the ratio of catch-up to raw apply: the median over the catch-ups of each one's rate
//     against the mean of the raw applies just before and after it.
func TestBenchSyncCatchUp(t *testing.T) {
	ctx := context.Background()
	logLoad(t, "at start")
	defer logLoad(t, "at end")
	r := synctest.StartRelay(t, "bench-catchup")

	// A creates the workspace and publishes it.
	t0 := time.Now()
	a := newDevice(t, r, "A", "", true)
	g := newGenerator(a.DB, 10)
	w, err := g.generate(ctx, catchupThreads)
	if err != nil {
		t.Fatal(err)
	}
	a.ws = w.ws.ID
	a.reopen(false)
	n0, _ := a.DB.OutboxLen()
	t.Logf("generated %d threads on A in %.1f s: %d changes", len(w.threads), time.Since(t0).Seconds(), n0)
	obs := newObserver(t, r, w.ws.ID)
	t1 := time.Now()
	a.connect()
	obs.waitPublished(t, a, uint64(n0), 10*time.Minute)
	a.disconnect()
	base := obs.lastSeq(t)
	t.Logf("A published them in %.1f s (%.0f changes/s); the stream holds %d messages",
		time.Since(t1).Seconds(), perSecond(n0, time.Since(t1)), base)

	// Bootstrap: new devices join; the first of them, B, stays for the catch-up.
	b := measureBootstrap(t, r, w, base)

	// A makes 100k changes while B is offline, then publishes them.
	b.disconnect()
	a.reopen(true)
	t2 := time.Now()
	ib := inbox.New(a.DB, g.clock)
	err = g.activity(ctx, ib, catchupChanges, func(done int) {
		if done%20_000 == 0 {
			t.Logf("  … A made %d changes (%.1f s)", done, time.Since(t2).Seconds())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	a.reopen(false)
	n1, _ := a.DB.OutboxLen()
	t.Logf("A made %d changes to %d threads in %.1f s", n1, len(w.threads), time.Since(t2).Seconds())
	t3 := time.Now()
	a.connect()
	last := base + uint64(n1)
	obs.waitPublished(t, a, last, 20*time.Minute)
	pub := time.Since(t3)
	a.disconnect()
	if got := obs.lastSeq(t); got != last {
		t.Fatalf("the stream ends at %d, want %d", got, last)
	}
	t.Logf("A's replicator published its %d-change outbox in %.1f s", n1, pub.Seconds())
	report("sync_publish_changes_per_s", perSecond(n1, pub), "changes/s")

	// The raw rates over the same change messages: replay and publish first, while the
	// stream is all the relay holds.
	msgs, prefix := measureRaw(t, obs, base, last)

	// B catches up, and so do two copies of its store as it was. The VM's speed drifts by a
	// third over minutes, so each catch-up is bracketed by raw applies of the same changes
	// (raw, catch-up, raw, catch-up, …) and compared with the mean of its two brackets: the
	// ratio measures the code, not the moment.
	from := b.cursor()
	offline := []*device{b, b.clone("B2"), b.clone("B3")}
	raw := []float64{rawApply(t, prefix, msgs)}
	var rates, ratios []float64
	for i, d := range offline {
		collect()
		t.Logf("process RSS before %s's catch-up: %.0f MiB (relay, A's and the offline devices' stores)", d.name, rssMB())
		stopProfile := func() {}
		if i == 0 {
			stopProfile = startProfile(t)
		}
		t4 := time.Now()
		d.connect()
		err = d.waitCursor(last, 20*time.Minute, func(cur uint64) {
			t.Logf("  … %s applied %d of %d (%.0f/s)", d.name, cur-from, last-from, perSecond(int(cur-from), time.Since(t4)))
		})
		took := time.Since(t4)
		stopProfile()
		if err != nil {
			t.Fatal(err)
		}
		d.disconnect()
		rate := perSecond(int(last-from), took)
		t.Logf("%s caught up with %d messages in %.1f s: %.0f changes/s; process RSS %.0f MiB",
			d.name, last-from, took.Seconds(), rate, rssMB())
		d.close()
		collect()
		raw = append(raw, rawApply(t, prefix, msgs))
		bracket := (raw[i] + raw[i+1]) / 2
		rates, ratios = append(rates, rate), append(ratios, rate/bracket)
		t.Logf("%s: catch-up / raw apply around it = %.0f / %.0f = %.3f", d.name, rate, bracket, rate/bracket)
	}
	report("raw_automerge_apply_per_s", medianF(raw), "changes/s")
	report("catchup_changes_per_s", medianF(rates), "changes/s")
	report("catchup_vs_raw_apply_ratio", medianF(ratios), "ratio")
}
