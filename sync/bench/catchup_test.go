//go:build bench

package bench

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/sync/synctest"
)

// measureBootstrap times bootstrapRuns new devices joining, one after the other, and reports
// the median; it returns the first device, connected, the others closed.
func measureBootstrap(t *testing.T, r *synctest.Relay, w *workspace, last uint64) *device {
	var first *device
	var secs []float64
	for i := range bootstrapRuns {
		d := newDevice(t, r, []string{"B", "C", "D", "E", "F"}[i], w.ws.ID, false)
		ib := inbox.New(d.DB, ports.SystemClock{})
		t0 := time.Now()
		d.connect()
		err := d.waitCursor(last, 10*time.Minute, func(cur uint64) {
			t.Logf("  … %s bootstrapping: %d of %d", d.name, cur, last)
		})
		if err != nil {
			t.Fatal(err)
		}
		caught := time.Since(t0)
		page, err := ib.Threads(context.Background(), w.owner.ID, model.ThreadQuery{View: model.ViewAll, Limit: 50})
		took := time.Since(t0)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Threads) == 0 {
			t.Fatalf("%s bootstrapped but its first page is empty", d.name)
		}
		t.Logf("bootstrap %s: %d messages applied in %.2f s (%.0f/s), first page (%d rows) at %.2f s",
			d.name, last, caught.Seconds(), perSecond(int(last), caught), len(page.Threads), took.Seconds())
		secs = append(secs, took.Seconds())
		if i == 0 {
			first = d
		} else {
			d.close()
		}
		runtime.GC()
	}
	report("bootstrap_10k_threads_s", medianF(secs), "s")
	return first
}

// startProfile starts a CPU profile when profileEnv names a file; the returned function
// stops it.
func startProfile(t *testing.T) func() {
	path := os.Getenv(profileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	t.Logf("CPU profile of the catch-up → %s", path)
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// collect runs the garbage collector and the finalizers it queues, which free the C memory
// of Automerge documents nothing references any more.
func collect() {
	runtime.GC()
	time.Sleep(100 * time.Millisecond)
	runtime.GC()
}
