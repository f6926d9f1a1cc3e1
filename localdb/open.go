package localdb

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/y"
	lru "github.com/hashicorp/golang-lru/v2"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// Options tune a store. The zero value is the recommended setting.
type Options struct {
	// Logger receives the store's and Badger's log lines; Badger's chatter goes to DEBUG.
	// Nil means slog.Default().
	Logger *slog.Logger
	// NoSync lets commits return before the data reached the disk. Off by default: fsync costs
	// well under a millisecond per commit (see the package doc), and with it an acknowledged
	// write survives a power cut. Turn it on only for throwaway stores (benchmarks, demos).
	NoSync bool
	// DocCache is how many Automerge documents stay loaded (default 64).
	DocCache int
	// CompactEvery is how many changes a document may gather after its snapshot before a new
	// snapshot replaces them (default 256).
	CompactEvery int
}

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.DocCache <= 0 {
		o.DocCache = 64
	}
	if o.CompactEvery <= 0 {
		o.CompactEvery = 256
	}
	return o
}

// DB is an open Huddle data folder. It is safe for concurrent use: writes are serialised,
// reads run in parallel with them on consistent snapshots.
type DB struct {
	dir    string
	opts   Options
	log    *slog.Logger
	bdb    *badger.DB
	device string

	// mu serialises writers (Update, Apply, AckOutbox, counter rebuilds) and guards docs and
	// outSeq. Live documents may hold uncommitted operations only while mu is held.
	mu sync.Mutex
	// waiting counts the callers of acquire waiting for mu: a long remote apply lets them in
	// between two of its transactions (see window.go).
	waiting atomic.Int32
	docs    *lru.Cache[string, *crdt.Doc]
	outSeq  uint64
	// arrivalSeq is the last notification arrival queued (notify.go); guarded like outSeq.
	arrivalSeq uint64
	// sums holds committed values of index-size (ixn/) and view-counter (cnt/) keys, so a
	// write adds its deltas without reading them back. Only the code that writes those keys
	// under mu uses it: batch.addDeltas fills it after commit, a counter rebuild empties it.
	sums *lru.Cache[string, int64]
	// cursor is the stored sync cursor, parked the number of pend/ entries per document (so
	// a merge scans for parked changes only where there are some), and [quarFirst, quarNext)
	// the keys in use under quar/. Written under mu after the transaction that stores them.
	cursor              SyncCursor
	parked              map[string]int
	quarFirst, quarNext uint64
	// parkedMu also guards parked: a remote apply's pipeline reads it while the run before
	// commits (window.go).
	parkedMu sync.Mutex

	// outAcked is a lower bound of the outbox: no entry up to it is left. Written under mu;
	// readers may see an older, smaller bound, which only makes them seek earlier.
	outAcked atomic.Uint64
	ackSteps atomic.Int64 // outbox versions AckOutbox stepped over, for tests

	ws     atomic.Pointer[wsState] // the committed workspace, for readers
	hub    *hub
	closed atomic.Bool
	stop   chan struct{}  // closed by Close to stop gcLoop
	bg     sync.WaitGroup // gcLoop

	freeSpace func(dir string) (uint64, error) // diskFree; tests replace it
	lock      *os.File                         // the locked marker file, released by Close
}

var _ ports.Store = (*DB)(nil)

// Open opens (or creates) the Huddle store in dir.
func Open(dir string, opts Options) (*DB, error) {
	opts = opts.withDefaults()
	if err := checkFolder(dir); err != nil {
		return nil, err
	}
	lock, err := lockFolder(filepath.Join(dir, markerFile))
	if err != nil {
		return nil, openError(dir, err)
	}
	db, err := open(dir, opts, lock)
	if err != nil {
		lock.Close()
		return nil, err
	}
	return db, nil
}

func open(dir string, opts Options, lock *os.File) (*DB, error) {
	if err := checkTables(dir); err != nil {
		return nil, openError(dir, err)
	}
	bopts := badger.DefaultOptions(dir).
		WithChecksumVerificationMode(options.OnBlockRead). // damaged blocks fail reads, not decode garbage
		WithLogger(badgerLogger{opts.Logger}).
		WithSyncWrites(!opts.NoSync).
		WithDetectConflicts(false). // mu already serialises writers
		WithMemTableSize(8 << 20).WithNumMemtables(2).
		WithBlockCacheSize(8 << 20).WithIndexCacheSize(4 << 20).
		WithNumCompactors(2).WithValueLogFileSize(64 << 20).
		// Index and search keys spread every flush over the whole key range, so each L0→L1
		// compaction rewrites most of L1, and its I/O delays the fsync of the writes running
		// beside it. Twice Badger's L0 allowance halves those compactions: local-write p99
		// right after a 10k-thread import fell from ~9 to ~3 ms (docs/benchmarks.md); reads
		// check a few more tables, behind their bloom filters.
		WithNumLevelZeroTables(10).WithNumLevelZeroTablesStall(20)
	bdb, err := badger.Open(bopts)
	if err != nil {
		return nil, openError(dir, err)
	}
	docs, _ := lru.New[string, *crdt.Doc](opts.DocCache) // only fails for a size <= 0
	sums, _ := lru.New[string, int64](sumCache)
	db := &DB{dir: dir, opts: opts, log: opts.Logger, bdb: bdb, docs: docs, sums: sums, hub: newHub(),
		stop: make(chan struct{}), freeSpace: diskFree, lock: lock}
	if err := db.init(); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	db.bg.Add(1)
	go db.gcLoop()
	return db, nil
}

// checkFolder refuses, before Badger creates anything, a folder that holds files but is not a
// Huddle store: Badger adds files on every successful open, even of a store that is not ours.
// A new folder gets the marker file first, so a crash before the first commit still leaves a
// folder Huddle recognises.
func checkFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return model.Wrap(model.CodeCorrupt, err, "Huddle cannot read its data folder (%s). "+
			"Nothing was changed. Check that the folder exists and is readable, or start Huddle "+
			"with --data pointing at another folder.", dir)
	}
	for _, e := range entries {
		if e.Name() == markerFile {
			return nil
		}
	}
	if len(entries) > 0 {
		return notHuddle(dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return createError(dir, err)
	}
	if err := writeFileSync(filepath.Join(dir, markerFile), []byte(formatVersion+"\n")); err != nil {
		return createError(dir, err)
	}
	return nil
}

func createError(dir string, err error) error {
	if isDiskFull(err) {
		return diskFull(err)
	}
	return model.Wrap(model.CodeUnavailable, err, "Huddle cannot create its data folder (%s). "+
		"Check that the disk is writable, or start Huddle with --data pointing at another folder.", dir)
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func notHuddle(dir string) error {
	return model.Errorf(model.CodeCorrupt, "The folder %s holds other files and is not a Huddle "+
		"data folder. Nothing was changed. Start Huddle with --data pointing at an empty folder "+
		"or at an existing Huddle data folder.", dir)
}

func openError(dir string, err error) error {
	msg := err.Error()
	if errors.Is(err, errLocked) || strings.Contains(msg, "Cannot acquire directory lock") {
		return model.Wrap(model.CodeLocked, err, "Huddle is already running with this data folder "+
			"(%s). Close the other Huddle window, or start this one with --data pointing at "+
			"another folder.", dir)
	}
	if isDiskFull(err) {
		return diskFull(err)
	}
	return model.Wrap(model.CodeCorrupt, err, "Huddle cannot read its data folder (%s): its "+
		"files are damaged or unreadable. Nothing was changed. Restore the folder from a backup, "+
		"or start Huddle with --data pointing at another folder.", dir)
}

// init checks the format marker (writing it into a new store), reads the device ID and loads
// what the store keeps in memory.
func (db *DB) init() error {
	txn := db.bdb.NewTransaction(true)
	defer txn.Discard()
	format, err := getValue(txn, keyFormat)
	if err != nil {
		return db.corrupt(err)
	}
	switch {
	case format == nil:
		if empty, err := isEmpty(txn); err != nil {
			return db.corrupt(err)
		} else if !empty {
			return notHuddle(db.dir)
		}
		db.device = crdt.NewActorID()
		if err := txn.Set(keyFormat, []byte(formatVersion)); err != nil {
			return storeError(err)
		}
		if err := txn.Set(keyDevice, []byte(db.device)); err != nil {
			return storeError(err)
		}
		if err := txn.Set(keyIxVersion, binary.BigEndian.AppendUint64(nil, indexVersion)); err != nil {
			return storeError(err)
		}
		if err := txn.Commit(); err != nil {
			return storeError(err)
		}
		db.log.Info("created data folder", "dir", db.dir, "device", db.device)
	case string(format) != formatVersion:
		return model.Errorf(model.CodeCorrupt, "The data folder %s was written by another version "+
			"of Huddle (%q). Nothing was changed. Start the Huddle version that wrote it, or "+
			"start this one with --data pointing at another folder.", db.dir, format)
	default:
		dev, err := getValue(txn, keyDevice)
		if err != nil || len(dev) == 0 {
			return db.corrupt(fmt.Errorf("device ID missing: %v", err))
		}
		db.device = string(dev)
	}
	return db.load()
}

// load reads the workspace and the outbox sequences, and finishes a counter rebuild that a
// crash interrupted.
func (db *DB) load() error {
	err := db.bdb.View(func(txn *badger.Txn) error {
		seq, err := getValue(txn, keyOutSeq)
		if err != nil {
			return err
		}
		db.outSeq = u64(seq)
		arrival, err := getValue(txn, keyArrivalSeq)
		if err != nil {
			return err
		}
		db.arrivalSeq = u64(arrival)
		acked, err := getValue(txn, keyOutAcked)
		if err != nil {
			return err
		}
		db.outAcked.Store(u64(acked))
		if err := db.loadSyncState(txn); err != nil {
			return err
		}
		raw, err := getValue(txn, keyWorkspace)
		if err != nil || raw == nil {
			return err
		}
		st, err := newWSState(raw)
		if err != nil {
			return err
		}
		db.ws.Store(st)
		return nil
	})
	if err != nil {
		return db.corrupt(err)
	}
	if err := db.upgradeIndexes(); err != nil {
		return storeError(err)
	}
	db.acquire()
	defer db.mu.Unlock()
	return db.rebuildCountersIfStaleLocked()
}

func (db *DB) corrupt(err error) error {
	return model.Wrap(model.CodeCorrupt, err, "Huddle cannot read its data folder (%s): its "+
		"contents are damaged. Nothing was changed. Restore the folder from a backup, or start "+
		"Huddle with --data pointing at another folder.", db.dir)
}

// Close stops the subscriptions and closes the store. Calling it twice is harmless.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	close(db.stop)
	db.bg.Wait()
	db.hub.close()
	db.acquire()
	defer db.mu.Unlock()
	db.docs.Purge()
	err := db.bdb.Close()
	db.lock.Close() // releases the folder for the next instance
	return err
}

// gcLoop reclaims value-log space now and then. Only values over a megabyte (snapshots of
// very long threads) live in Badger's value log, and it shrinks only when asked.
func (db *DB) gcLoop() {
	defer db.bg.Done()
	t := time.NewTicker(gcEvery)
	defer t.Stop()
	for {
		select {
		case <-db.stop:
			return
		case <-t.C:
			for db.bdb.RunValueLogGC(0.5) == nil {
				select {
				case <-db.stop:
					return
				default:
				}
			}
		}
	}
}

const gcEvery = 10 * time.Minute

// sumCache bounds db.sums: the counters of every member and the sizes of the busy indexes fit
// (about 150 bytes each, so at most ~2.5 MB); per-client index sizes come and go.
const sumCache = 16384

// DeviceID returns this device's Automerge actor ID, created with the store.
func (db *DB) DeviceID() string { return db.device }

// Dir returns the data folder.
func (db *DB) Dir() string { return filepath.Clean(db.dir) }

func isEmpty(txn *badger.Txn) (bool, error) {
	it := txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	it.Rewind()
	return !it.Valid(), nil
}

func getValue(txn *badger.Txn, key []byte) ([]byte, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "no space left on device")
}

func diskFull(err error) error {
	return model.Wrap(model.CodeUnavailable, err, "The disk is full: free some space and try again. Nothing was lost.")
}

// storeError turns a Badger failure into an error a person can act on.
func storeError(err error) error {
	var me *model.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &me):
		return err
	case isDiskFull(err):
		return diskFull(err)
	case errors.Is(err, y.ErrChecksumMismatch), errors.Is(err, errBadRow):
		return model.Wrap(model.CodeCorrupt, err, "Part of Huddle's data folder is damaged and "+
			"cannot be read. Restore the folder from a backup, or sync this device again into a "+
			"new folder.")
	case errors.Is(err, badger.ErrTxnTooBig):
		// Retrying cannot help: only the same work in smaller writes fits.
		return model.Wrap(model.CodeInvalid, fmt.Errorf("%w: %w", ports.ErrTooBig, err),
			"This change touches too many conversations at once, so nothing was changed. "+
				"Do it in smaller groups, a few hundred at a time.")
	case errors.Is(err, badger.ErrDBClosed):
		return model.Wrap(model.CodeUnavailable, err, "Huddle's data folder is closed; restart Huddle.")
	}
	return model.Wrap(model.CodeInternal, err, "Huddle could not save or read its data. Nothing "+
		"was changed; try again, and restart Huddle if it keeps happening.")
}

// badgerLogger sends Badger's log lines to slog. Badger logs routine work (compactions,
// replays) at INFO, which is programmer detail here, so it goes to DEBUG. Its warnings stay
// warnings (failed compactions and the like are retried, and worth seeing), except the
// periodic block-cache report: Badger prints it once a minute whenever its cache turns over
// quickly, which on a large store is normal and nothing a person could act on.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, a ...any) { b.l.Error(trimLog(f, a), "component", "badger") }
func (b badgerLogger) Warningf(f string, a ...any) {
	if routineWarning(f) {
		b.debug(f, a)
		return
	}
	b.l.Warn(trimLog(f, a), "component", "badger")
}
func (b badgerLogger) Infof(f string, a ...any)  { b.debug(f, a) }
func (b badgerLogger) Debugf(f string, a ...any) { b.debug(f, a) }

func (b badgerLogger) debug(f string, a []any) {
	if b.l.Enabled(context.Background(), slog.LevelDebug) {
		b.l.Debug(trimLog(f, a), "component", "badger")
	}
}

// routineWarning reports whether a Badger warning format is one of its periodic cache
// metrics (db.go monitorCache: "%s might be too small. Metrics: ..." and the cache life
// expectancy histogram that follows it).
func routineWarning(format string) bool {
	return strings.Contains(format, "might be too small. Metrics:") ||
		strings.HasPrefix(format, "Cache life expectancy")
}

func trimLog(f string, a []any) string { return strings.TrimSpace(fmt.Sprintf(f, a...)) }
