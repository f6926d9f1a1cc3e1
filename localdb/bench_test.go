package localdb

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// Benchmarks run against a generated store of benchThreads() threads (LOCALDB_BENCH_THREADS,
// default 10,000) spread over four brands and ten members, built once per process.

func benchThreads() int {
	if n, err := strconv.Atoi(os.Getenv("LOCALDB_BENCH_THREADS")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

var (
	benchOnce sync.Once
	benchDir  string
)

var benchBrands = []string{"br_1", "br_2", "br_3", "br_4"}

func benchStore(b *testing.B) string {
	benchOnce.Do(func() {
		// LOCALDB_BENCH_DIR keeps the generated store between runs (it is reused when present).
		dir := os.Getenv("LOCALDB_BENCH_DIR")
		if dir != "" {
			if _, err := os.Stat(dir); err == nil {
				benchDir = dir
				return
			}
		} else {
			var err error
			if dir, err = os.MkdirTemp("", "localdb-bench"); err != nil {
				b.Fatal(err)
			}
		}
		db, err := Open(dir, Options{NoSync: true, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		update(b, db, 1, func(tx ports.Tx) error {
			d, _ := tx.Doc(model.WorkspaceDocID)
			w := d.Workspace()
			if err := w.Create("Bench", 1); err != nil {
				return err
			}
			for _, br := range benchBrands {
				if err := w.PutBrand(model.Brand{ID: br, Name: br}); err != nil {
					return err
				}
			}
			for i := range 10 {
				m := model.Member{ID: fmt.Sprintf("mb_%d", i), Name: fmt.Sprint(i), Role: model.RoleAgent, Active: true,
					Brands: []string{benchBrands[i%4], benchBrands[(i+1)%4]}}
				if i == 0 {
					m.Role = model.RoleOwner
				}
				if err := w.PutMember(m); err != nil {
					return err
				}
			}
			return nil
		})
		r := rand.New(rand.NewPCG(1, 2))
		n := benchThreads()
		start := time.Now()
		for i := 0; i < n; i += 200 {
			update(b, db, int64(1000+i), func(tx ports.Tx) error {
				for j := i; j < min(i+200, n); j++ {
					id := fmt.Sprintf("th_%06d", j)
					s := threadSpec{id: id, brand: benchBrands[r.IntN(4)], channel: model.Channels[r.IntN(len(model.Channels))],
						createdAt: int64(1000 + j), resolved: r.IntN(3) == 0,
						messages: []model.Message{msg("m_"+id, model.KindMessage, "", "Hello, can I book a cut on Friday?", int64(2000+j))}}
					if r.IntN(2) == 0 {
						s.assignee = fmt.Sprintf("mb_%d", r.IntN(10))
					}
					if r.IntN(10) == 0 {
						s.labels = []string{"lb_vip"}
					}
					if r.IntN(20) == 0 {
						s.mentioned = []string{fmt.Sprintf("mb_%d", r.IntN(10))}
					}
					d, err := tx.Doc(id)
					if err != nil {
						return err
					}
					if err := buildThread(d, s); err != nil {
						return err
					}
				}
				return nil
			})
		}
		// One thread with 1,000 messages.
		for i := 0; i < 1000; i += 100 {
			update(b, db, int64(5000+i), func(tx ports.Tx) error {
				d, _ := tx.Doc("th_000000")
				for j := i; j < i+100; j++ {
					if err := d.Thread().AddMessage(msg(fmt.Sprintf("m_big_%04d", j), model.KindMessage, "", "message body of a reasonable length", int64(5000+j))); err != nil {
						return err
					}
				}
				return nil
			})
		}
		fmt.Fprintf(os.Stderr, "generated %d threads in %v\n", n, time.Since(start).Round(time.Millisecond))
		benchDir = dir
	})
	return benchDir
}

func openBench(b *testing.B, noSync bool) *DB {
	db, err := Open(benchStore(b), Options{NoSync: noSync, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// reportPercentiles adds p50 and p99 of ds (per operation) to b's output.
func reportPercentiles(b *testing.B, ds []time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "p99-ms")
}

func timed(b *testing.B, fn func(i int)) {
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := time.Now()
		fn(i)
		ds = append(ds, time.Since(s))
	}
	b.StopTimer()
	reportPercentiles(b, ds)
}

func BenchmarkFirstPage(b *testing.B) {
	db := openBench(b, true)
	for _, c := range []struct {
		name string
		q    model.ThreadQuery
	}{
		{"owner-all", model.ThreadQuery{Member: "mb_0", View: model.ViewAll}},
		{"agent-all", model.ThreadQuery{Member: "mb_3", View: model.ViewAll}},
		{"agent-mine", model.ThreadQuery{Member: "mb_3", View: model.ViewMine}},
		{"agent-mentioned", model.ThreadQuery{Member: "mb_3", View: model.ViewMentioned}},
		{"agent-unassigned", model.ThreadQuery{Member: "mb_3", View: model.ViewUnassigned}},
		{"agent-resolved", model.ThreadQuery{Member: "mb_3", View: model.ViewResolved}},
		{"agent-followed-empty", model.ThreadQuery{Member: "mb_3", View: model.ViewFollowed}},
		{"agent-label", model.ThreadQuery{Member: "mb_3", Label: "lb_vip"}},
		{"agent-channel-brand", model.ThreadQuery{Member: "mb_3", Channel: model.ChannelSMS, BrandID: "br_4"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			timed(b, func(int) {
				if _, err := db.Threads(c.q); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkCounts(b *testing.B) {
	db := openBench(b, true)
	timed(b, func(int) {
		if _, err := db.Counts("mb_3"); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkMessages1000(b *testing.B) {
	db := openBench(b, true)
	timed(b, func(int) {
		if ms, err := db.Messages("th_000000"); err != nil || len(ms) < 1000 {
			b.Fatal(err, len(ms))
		}
	})
}

// BenchmarkLocalWrite sends a message into a random thread: change, read models and outbox,
// committed (with fsync unless nosync). The hot variants write to 32 threads whose documents
// stay in the cache; cold ones to any thread of the store, so nearly every write loads its
// document first, as the app does for a thread nobody wrote to lately.
func BenchmarkLocalWrite(b *testing.B) {
	for _, c := range []struct {
		name   string
		noSync bool
		cold   bool
	}{{"nosync=false", false, false}, {"nosync=true", true, false}, {"cold/nosync=false", false, true}, {"cold/nosync=true", true, true}} {
		noSync := c.noSync
		b.Run(c.name, func(b *testing.B) {
			db := openBench(b, noSync)
			r := rand.New(rand.NewPCG(3, uint64(time.Now().UnixNano())))
			hot := min(benchThreads()-1, 32) // a working set the document cache holds
			if c.cold {
				hot = benchThreads() - 1
			}
			send := func(id string) {
				err := db.Update(b.Context(), time.Now(), func(tx ports.Tx) error {
					d, err := tx.Doc(id)
					if err != nil {
						return err
					}
					return d.Thread().AddMessage(model.Message{ID: model.NewULID(time.Now()), Kind: model.KindMessage,
						Direction: model.DirOutbound, AuthorID: "mb_3", Body: "See you on Friday", CreatedAt: time.Now().UnixMilli()})
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			// Loading a document costs more than writing to it; the hot figure is for a warm cache.
			for i := range min(hot, 32) {
				send(fmt.Sprintf("th_%06d", 1+i))
			}
			b.ReportAllocs()
			timed(b, func(int) { send(fmt.Sprintf("th_%06d", 1+r.IntN(hot))) })
		})
	}
}

func BenchmarkOpen(b *testing.B) {
	dir := benchStore(b)
	timed(b, func(int) {
		db, err := Open(dir, Options{Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Threads(model.ThreadQuery{Member: "mb_3"}); err != nil {
			b.Fatal(err)
		}
		db.Close()
	})
}

// BenchmarkApplyToLongThread applies 200 remote changes (one assignment each) to a thread
// with 1,000 messages, one by one and in batches: after every merge the whole timeline is
// re-read, so batching is what keeps a catch-up fast.
func BenchmarkApplyToLongThread(b *testing.B) {
	src, err := Open(b.TempDir(), Options{NoSync: true, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	createThread(b, src, threadSpec{id: "th_long", brand: "br_1", channel: model.ChannelSMS, createdAt: 1})
	for i := 0; i < 1000; i += 100 {
		update(b, src, int64(10+i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_long")
			for j := i; j < i+100; j++ {
				if err := d.Thread().AddMessage(msg(fmt.Sprintf("m%04d", j), model.KindMessage, "", "body", int64(10+j))); err != nil {
					return err
				}
			}
			return nil
		})
	}
	base, _ := src.Outbox(0, 0)
	const n = 200
	for i := range n {
		update(b, src, int64(5000+i), func(tx ports.Tx) error {
			d, _ := tx.Doc("th_long")
			return d.Thread().SetAssignee(fmt.Sprint("mb_", i%7))
		})
	}
	tail, _ := src.Outbox(base[len(base)-1].Seq, 0)
	for _, batch := range []int{1, 20, 200} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			var total time.Duration
			for range b.N {
				dst, err := Open(b.TempDir(), Options{NoSync: true, Logger: quiet})
				if err != nil {
					b.Fatal(err)
				}
				for _, e := range base {
					if err := dst.Apply(b.Context(), e.DocID, e.Change); err != nil {
						b.Fatal(err)
					}
				}
				start := time.Now()
				for i := 0; i < n; i += batch {
					var cs [][]byte
					for _, e := range tail[i:min(i+batch, n)] {
						cs = append(cs, e.Change)
					}
					if err := dst.ApplyAll(b.Context(), "th_long", cs); err != nil {
						b.Fatal(err)
					}
				}
				total += time.Since(start)
				dst.Close()
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N*n), "ms/change")
		})
	}
}

// BenchmarkApplyRemote applies 500 remote changes, one to each of 500 small threads, in one
// ApplyRemote: "create" brings the threads' creating changes to an empty store, "append" a
// new message to each thread the store already has (with 500 threads, most documents are
// loaded from the store first: the cache holds 64). "raw" is the Automerge part alone:
// crdt.Doc.Apply of the same creating changes into fresh documents.
func BenchmarkApplyRemote(b *testing.B) {
	const n = 500
	src, err := Open(b.TempDir(), Options{NoSync: true, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	seedWorkspace(b, src)
	ws := outboxItems(b, src, 0)
	for i := 0; i < n; i += 100 {
		update(b, src, int64(10+i), func(tx ports.Tx) error {
			for j := i; j < i+100; j++ {
				id := fmt.Sprintf("th_%04d", j)
				d, _ := tx.Doc(id)
				if err := buildThread(d, threadSpec{id: id, brand: "br_1", channel: model.ChannelSMS, createdAt: int64(10 + j),
					messages: []model.Message{msg("m_"+id, model.KindMessage, "", "Hello, can I book a cut?", int64(10+j))}}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	created := outboxItems(b, src, ws[len(ws)-1].Seq)
	update(b, src, 5000, func(tx ports.Tx) error {
		for j := range n {
			d, _ := tx.Doc(fmt.Sprintf("th_%04d", j))
			if err := d.Thread().AddMessage(msg(fmt.Sprint("m_more", j), model.KindMessage, "", "See you Friday", 5000)); err != nil {
				return err
			}
		}
		return nil
	})
	appended := outboxItems(b, src, created[len(created)-1].Seq)

	run := func(b *testing.B, setup, timed []RemoteItem) {
		var total time.Duration
		for range b.N {
			dst, err := Open(b.TempDir(), Options{NoSync: true, Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			applyInBatches(b, dst, stream(setup), 100)
			items := stream(setup, timed)[len(setup):]
			start := time.Now()
			if _, err := dst.ApplyRemote(b.Context(), relay1, items, nil); err != nil {
				b.Fatal(err)
			}
			total += time.Since(start)
			dst.Close()
		}
		b.ReportMetric(float64(total.Microseconds())/float64(b.N*len(timed)), "us/change")
	}
	b.Run("create", func(b *testing.B) { run(b, ws, created) })
	b.Run("append", func(b *testing.B) { run(b, append(slices.Clone(ws), created...), appended) })
	b.Run("raw", func(b *testing.B) {
		var total time.Duration
		for range b.N {
			start := time.Now()
			for _, it := range created {
				d, err := crdt.New(it.DocID, "")
				if err != nil {
					b.Fatal(err)
				}
				if err := d.Apply(it.Data); err != nil {
					b.Fatal(err)
				}
			}
			total += time.Since(start)
		}
		b.ReportMetric(float64(total.Microseconds())/float64(b.N*len(created)), "us/change")
	})
}
