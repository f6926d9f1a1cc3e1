package localdb

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"slices"
	"sync"
	"time"

	"huddle/internal/ports"
)

// A window is one ApplyRemote call: documents grouped from a stretch of the relay's stream,
// committed in runs (one Badger transaction each), the sync cursor in the last run.
//
// Its documents go through a pipeline, so that a catch-up uses every core: one goroutine
// loads documents into the cache in order (replaying their stored changes); workers, one per
// core, each take the next loaded document, merge its items into it (Automerge's work) and
// read from a merged thread what its projection needs (readahead.go); the caller takes the
// documents back in order, projects and stages each into the current run, and commits the
// runs. Each document is in one group, so no two goroutines touch the same document at once.
//
// The pipeline runs while the window holds the store's lock, across runs: stopping it at
// every run left the stages idle for a third of the time. A local write that waits for the
// lock gets it after the next run commits; the documents merged ahead of that run hold merges
// that are not stored, so they are evicted from the cache first.
type window struct {
	db       *DB
	stream   string
	cur      SyncCursor // where the cursor goes with the last run
	groups   []docItems
	bad      []quarItem // set aside before any document saw them: staged with the first run
	next     int        // groups before next are committed
	total    int        // items of the call, for progress
	progress func(applied int)
	res      ApplyResult

	maxDocs, maxBytes int  // of a run
	alone             bool // the run that failed held one document
}

// Runs: Badger holds about 1.2 MB per transaction (see Open) and the rows a run writes come
// to about twice the bytes that arrived, so a run takes documents up to these bounds; when a
// run still does not fit, the rest of the window goes in runs half as large.
const (
	runDocs  = 384
	runBytes = 384 << 10
)

// ahead is how many loaded documents may wait for a worker: enough to even out documents that
// take longer, and few enough that they are still cached (Options.DocCache) when a worker
// takes them. The caller may fall further behind, by commitAhead documents (held in memory
// like the cache's), so that loading and merging go on while it commits a run.
const (
	ahead       = 8
	commitAhead = 64
	// maxWorkers bounds the documents merged at once: one per core, up to this.
	maxWorkers = 4
)

// apply applies the whole window.
func (w *window) apply(ctx context.Context) error {
	for {
		done, err := w.segment(ctx)
		if errors.Is(err, ports.ErrTooBig) && !w.alone {
			w.maxDocs, w.maxBytes = max(1, w.maxDocs/2), max(1, w.maxBytes/2)
			continue
		}
		if err != nil || done {
			return err
		}
	}
}

// segment applies groups from w.next on under the store's lock, until the window is done,
// a run fails, or a local write waits for the lock.
func (w *window) segment(ctx context.Context) (done bool, err error) {
	db := w.db
	// Writers that stopped the last segment go first: once they hold the lock they no longer
	// count as waiting, and Lock below queues behind them. (The window itself is not counted:
	// it would otherwise stop itself.)
	for i := 0; i < 1000 && db.waiting.Load() > 0; i++ {
		time.Sleep(100 * time.Microsecond)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.checkRemoteLocked(ctx, w.stream, nil); err != nil {
		return false, err
	}
	p := db.startPipeline(w.groups[w.next:])
	defer func() {
		merged := p.stop()
		if !done {
			// Whatever was merged and not committed holds merges that are not stored.
			db.evictLocked(groupIDs(w.groups[w.next : w.next+merged]))
		}
	}()
	r, staged, size := db.newRun(), 0, 0
	r.quar = slices.Clone(w.bad)
	for next := range p.results() {
		if next.err != nil {
			r.discard()
			return false, next.err
		}
		if staged > 0 && (staged >= w.maxDocs || size+next.group.size > w.maxBytes) {
			w.alone = staged == 1
			if err := w.commit(r, staged, false); err != nil {
				return false, err
			}
			p.committed(staged)
			if db.waiting.Load() > 0 {
				return false, nil
			}
			r, staged, size = db.newRun(), 0, 0
		}
		if err := ctx.Err(); err != nil {
			r.discard()
			return false, err
		}
		if err := r.finishDoc(next.group, next.m); err != nil {
			r.discard()
			w.alone = staged == 0
			return false, remoteError(err)
		}
		staged, size = staged+1, size+next.group.size
	}
	w.alone = staged <= 1
	if err := w.commit(r, staged, true); err != nil {
		return false, err
	}
	p.committed(staged)
	return true, nil
}

// commit commits run r, which staged the next staged groups, with the cursor when last.
func (w *window) commit(r *remoteRun, staged int, last bool) error {
	err := r.stageQuarantine()
	if err == nil && last {
		err = r.b.txn.Set(keySync, encodeSyncCursor(w.cur))
	}
	if err == nil {
		err = r.commit()
	}
	if err != nil {
		r.discard()
		return remoteError(err)
	}
	w.res.add(r.res)
	w.next += staged
	w.bad = nil
	if last {
		w.db.cursor = w.cur
	} else if w.progress != nil {
		w.progress(w.total - pendingItems(w.groups[w.next:]))
	}
	return nil
}

// pipeline is the loading, merging and reading stages of a window segment.
type pipeline struct {
	order  chan chan merged // one channel per document, in group order
	stopCh chan struct{}
	wg     sync.WaitGroup
	n      int // documents handed to the workers, read after stop
	// base is how many of the segment's groups are committed, so that stop reports the
	// documents handed on beyond them.
	base int
}

// merged is one document a worker finished.
type merged struct {
	group docItems
	m     *docMerge
	err   error
}

type mergeJob struct {
	group docItems
	out   chan merged // buffered: a worker never waits to hand its result over
}

// startPipeline starts loading groups in order and merging and reading them ahead, each on
// one of several workers; the caller holds db.mu until stop returns.
func (db *DB) startPipeline(groups []docItems) *pipeline {
	p := &pipeline{order: make(chan chan merged, commitAhead), stopCh: make(chan struct{})}
	jobs := make(chan mergeJob, ahead)
	workers := min(runtime.GOMAXPROCS(0), maxWorkers)
	p.wg.Add(1 + workers)
	go func() {
		defer p.wg.Done()
		defer close(jobs)
		defer close(p.order)
		for _, g := range groups {
			// Only warms the cache: mergeDoc loads the document again if it was evicted
			// since, and reports any error of loading it.
			_, _ = db.docLocked(g.id)
			out := make(chan merged, 1)
			p.n++
			if !send(p, p.order, out) || !send(p, jobs, mergeJob{g, out}) {
				return
			}
		}
	}()
	for range workers {
		go func() {
			defer p.wg.Done()
			for j := range jobs {
				select {
				case <-p.stopCh:
					return // the jobs left are not needed: the caller stopped reading
				default:
				}
				m, err := db.mergeDoc(j.group.id, j.group.items, false)
				if err == nil {
					m.readAhead()
				}
				j.out <- merged{j.group, m, err}
			}
		}()
	}
	return p
}

// results yields the merged documents in group order, until every group is merged.
func (p *pipeline) results() iter.Seq[merged] {
	return func(yield func(merged) bool) {
		for out := range p.order {
			if !yield(<-out) {
				return
			}
		}
	}
}

// send passes v on; false when the pipeline stopped.
func send[T any](p *pipeline, ch chan<- T, v T) bool {
	select {
	case ch <- v:
		return true
	case <-p.stopCh:
		return false
	}
}

// committed records that n more of the segment's groups are committed.
func (p *pipeline) committed(n int) { p.base += n }

// stop stops the pipeline and returns how many documents it handed to the workers beyond
// those committed: any of them may hold merges that are not stored.
func (p *pipeline) stop() int {
	close(p.stopCh)
	p.wg.Wait()
	return p.n - p.base
}

func groupIDs(groups []docItems) []string {
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.id
	}
	return ids
}

func pendingItems(groups []docItems) int {
	n := 0
	for _, g := range groups {
		n += len(g.items)
	}
	return n
}
