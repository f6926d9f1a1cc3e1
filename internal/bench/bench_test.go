//go:build bench

package bench

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/localdb"
)

// Sample sizes. Every figure that the brief asks as a median over repeated runs repeats at
// least coldRuns times; percentiles come from at least the sample counts below.
const (
	writeSamples  = 2500 // local writes per variant (≥ 2,000)
	writeWarmup   = 50
	pageReps      = 300 // repetitions of the six views (≥ 200)
	countsReps    = 1000
	openReps      = 101
	coldRuns      = 5
	bigThreadSize = 1000
)

// TestBench10k measures a 10k-thread workspace: generation, size, cold start, inbox pages and
// local writes with and without fsync.
func TestBench10k(t *testing.T) {
	ctx := context.Background()
	logLoad(t, "at start")
	defer logLoad(t, "at end")
	dir := filepath.Join(t.TempDir(), "data")
	f, err := generate(ctx, dir, 10_000, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	logFixture(t, f)
	report("gen_10k_s", f.genTime.Seconds(), "s")
	reportSize(t, dir, "10k")
	measureColdStart(t, dir, f.agent.ID, "10k", coldRuns)

	logLoad(t, "before the reads and writes")
	withStore(t, dir, localdb.Options{}, func(db *localdb.DB) {
		ib := inbox.New(db, ports.SystemClock{})
		report("inbox_page_p99_ms_10k", ms(percentile(measurePages(t, ib, f.agent.ID, pageReps), 99)), "ms")
		report("counts_p99_ms_10k", ms(percentile(measureCounts(t, ib, f.agent.ID, countsReps), 99)), "ms")

		w := measureWrites(t, ib, f, f.threadIDs, writeSamples)
		report("local_write_p50_ms", ms(percentile(w, 50)), "ms")
		report("local_write_p99_ms", ms(percentile(w, 99)), "ms")
		// The same writes to a handful of threads whose documents stay in the store's cache:
		// the difference to the figure above is mostly the cost of loading a document.
		hot := measureWrites(t, ib, f, f.threadIDs[:16], writeSamples)
		report("local_write_hot_p50_ms", ms(percentile(hot, 50)), "ms")
		report("local_write_hot_p99_ms", ms(percentile(hot, 99)), "ms")
	})
	withStore(t, dir, localdb.Options{NoSync: true}, func(db *localdb.DB) {
		ib := inbox.New(db, ports.SystemClock{})
		w := measureWrites(t, ib, f, f.threadIDs, writeSamples)
		report("local_write_nosync_p50_ms", ms(percentile(w, 50)), "ms")
		report("local_write_nosync_p99_ms", ms(percentile(w, 99)), "ms")
	})
}

// TestBench100k measures a 100k-thread workspace: generation, size, cold start time and
// memory, inbox pages, counts and a 1,000-message thread.
func TestBench100k(t *testing.T) {
	ctx := context.Background()
	logLoad(t, "at start")
	defer logLoad(t, "at end")
	dir := filepath.Join(t.TempDir(), "data")
	f, err := generate(ctx, dir, 100_000, bigThreadSize, 100)
	if err != nil {
		t.Fatal(err)
	}
	logFixture(t, f)
	report("gen_100k_s", f.genTime.Seconds(), "s")
	reportSize(t, dir, "100k")
	measureColdStart(t, dir, f.agent.ID, "100k", coldRuns)

	logLoad(t, "before the reads")
	withStore(t, dir, localdb.Options{}, func(db *localdb.DB) {
		ib := inbox.New(db, ports.SystemClock{})
		report("inbox_page_p99_ms_100k", ms(percentile(measurePages(t, ib, f.agent.ID, pageReps), 99)), "ms")
		report("counts_p99_ms_100k", ms(percentile(measureCounts(t, ib, f.agent.ID, countsReps), 99)), "ms")
		report("open_thread_1000_ms", ms(median(measureOpen(t, ib, f, openReps))), "ms")
		s := measureSearch(t, ib, f.agent.ID)
		report("search_p50_ms_100k", ms(percentile(s, 50)), "ms")
		report("search_p99_ms_100k", ms(percentile(s, 99)), "ms")
	})
	// The first open after the store was opened: Badger's block cache is empty (the OS page
	// cache is not: the files were just written). The store's Automerge document cache plays
	// no part: a timeline is served from message rows, never from the document.
	var cold []time.Duration
	for range coldRuns {
		withStore(t, dir, localdb.Options{}, func(db *localdb.DB) {
			cold = append(cold, measureOpen(t, inbox.New(db, ports.SystemClock{}), f, 1)...)
		})
	}
	report("open_thread_1000_cold_ms", ms(median(cold)), "ms")

	withStore(t, dir, localdb.Options{}, func(db *localdb.DB) {
		w := measureWrites(t, inbox.New(db, ports.SystemClock{}), f, f.threadIDs, writeSamples)
		report("local_write_p50_ms_100k", ms(percentile(w, 50)), "ms")
		report("local_write_p99_ms_100k", ms(percentile(w, 99)), "ms")
	})
}

func logFixture(t *testing.T, f *fixture) {
	t.Logf("generated %d threads (%d resolved), %d timeline entries, %d members, in %.1f s "+
		"(of which %.1f s for the %d-entry thread, one write per entry, and %.1f s to acknowledge the outbox)",
		f.threads, f.resolved, f.messages, len(f.members), f.genTime.Seconds(),
		f.bigTime.Seconds(), bigThreadSize, f.ackTime.Seconds())
}

func withStore(t *testing.T, dir string, opts localdb.Options, fn func(db *localdb.DB)) {
	t.Helper()
	opts.Logger = quietLogger()
	db, err := localdb.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	runtime.GC()
	fn(db)
}

func reportSize(t *testing.T, dir, suffix string) {
	onDisk, apparent, err := dirSize(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("data folder %s: %.1f MiB on disk, %.1f MiB apparent", suffix, float64(onDisk)/(1<<20), float64(apparent)/(1<<20))
	report("db_size_mb_"+suffix, float64(onDisk)/(1<<20), "MB")
}

// measurePages times the first page (50 rows) of every inbox view, reps times, as the UI asks
// for it: through the inbox use case, as member (the benchmarks use Tom, an Agent of one of
// the two brands, so brand access is applied on every row).
func measurePages(t *testing.T, ib *inbox.Service, member string, reps int) []time.Duration {
	ctx := context.Background()
	perView := map[model.View][]time.Duration{}
	var all []time.Duration
	for i := range reps + 1 {
		for _, v := range model.Views {
			t0 := time.Now()
			page, err := ib.Threads(ctx, member, model.ThreadQuery{View: v, Limit: 50})
			d := time.Since(t0)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 { // warm-up round
				t.Logf("view %-10s first page: %d rows, more: %v", v, len(page.Threads), page.Next != "")
				continue
			}
			perView[v] = append(perView[v], d)
			all = append(all, d)
		}
	}
	for _, v := range model.Views {
		t.Logf("view %-10s p50 %.3f ms  p99 %.3f ms", v, ms(percentile(perView[v], 50)), ms(percentile(perView[v], 99)))
	}
	return all
}

func measureCounts(t *testing.T, ib *inbox.Service, member string, reps int) []time.Duration {
	ctx := context.Background()
	out := make([]time.Duration, 0, reps)
	for range reps {
		t0 := time.Now()
		if _, err := ib.Counts(ctx, member); err != nil {
			t.Fatal(err)
		}
		out = append(out, time.Since(t0))
	}
	t.Logf("counts p50 %.3f ms", ms(percentile(out, 50)))
	return out
}

// measureOpen times reading the 1,000-message timeline through the inbox use case.
func measureOpen(t *testing.T, ib *inbox.Service, f *fixture, reps int) []time.Duration {
	ctx := context.Background()
	out := make([]time.Duration, 0, reps)
	for range reps {
		t0 := time.Now()
		msgs, err := ib.Messages(ctx, f.agent.ID, f.bigThread)
		d := time.Since(t0)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) < bigThreadSize {
			t.Fatalf("the big thread has %d entries, want %d", len(msgs), bigThreadSize)
		}
		out = append(out, d)
	}
	return out
}

// measureWrites times n replies (inbox.Reply: one message through the use case, committed with
// its read models and outbox entry) by the Admin, each to a random thread of ids. About 70% of
// the threads are resolved, so a first reply to one also reopens it (status, event line, index
// moves), as it would in the app.
func measureWrites(t *testing.T, ib *inbox.Service, f *fixture, ids []string, n int) []time.Duration {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(uint64(len(ids)), uint64(n)))
	out := make([]time.Duration, 0, n)
	for i := range n + writeWarmup {
		id := ids[r.IntN(len(ids))]
		body := replyLines[r.IntN(len(replyLines))]
		t0 := time.Now()
		if _, err := ib.Reply(ctx, f.admin.ID, id, fill(body, "there", "")); err != nil {
			t.Fatal(err)
		}
		if i >= writeWarmup {
			out = append(out, time.Since(t0))
		}
	}
	t.Logf("%d writes to %d threads: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms", n, len(ids),
		ms(percentile(out, 50)), ms(percentile(out, 90)), ms(percentile(out, 99)), ms(percentile(out, 100)))
	return out
}
