package localdb

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// Remote apply: what the sync layer reads from the relay's stream, in stream order, lands here.
//
// A window of the stream is merged per document: each document is loaded once, takes all its
// items, and is projected once. Loading a document replays its stored changes through
// Automerge, and catching up after a day offline touches most documents many times, so the
// larger the window, the fewer loads. The documents are committed a run at a time (what one
// Badger transaction holds), and the sync cursor is written with the last run only: a crash
// between runs leaves documents ahead of the cursor, and merging their items again when the
// relay delivers them again changes nothing. The cursor never runs ahead of what is stored.
//
// Stream order is causal order only within what the relay still has: a compacting device
// publishes a snapshot and purges the changes it covers, so a device that catches up may meet
// later changes before the snapshot that carries their dependencies. Such a change is parked
// (pend/) and merged as soon as its document receives anything new.
//
// Bad input is set aside (quar/) with a log line, never fatal, and never kept in a document:
// the cursor moves past it and the rest of the window is applied.

// MaxRemoteItem is the largest item (change or snapshot) ApplyRemote accepts; larger ones are
// quarantined. It matches the relay's message size limit.
const MaxRemoteItem = 1 << 20

// maxDocID bounds the document IDs the relay may name: IDs become parts of keys.
const maxDocID = 128

// RemoteKind says what a stream message carries.
type RemoteKind uint8

// The kinds of stream messages. Zero is no kind, so a forgotten field is caught.
const (
	RemoteChange   RemoteKind = iota + 1 // Automerge change bytes, as in the outbox
	RemoteSnapshot                       // a full document (Automerge Save) from a compacting device
)

func (k RemoteKind) String() string {
	switch k {
	case RemoteChange:
		return "change"
	case RemoteSnapshot:
		return "snapshot"
	}
	return fmt.Sprintf("kind %d", uint8(k))
}

// RemoteItem is one message of the relay's stream.
type RemoteItem struct {
	Seq   uint64 // stream sequence
	Kind  RemoteKind
	DocID string
	Data  []byte
	// Known marks a change this store is known to hold: the sync layer sets it on a change
	// this device published from its own outbox. Such an item only moves the cursor: every
	// local write comes back from the relay, and loading its document just to find the change
	// already there held the store's lock as long as applying someone else's.
	Known bool
}

// ApplyResult says what one ApplyRemote did.
type ApplyResult struct {
	Changed []string // documents whose content changed in this call
	Parked  int      // changes of this call now waiting for their dependencies
	// Quarantined lists what this call set aside: its own bad items, and changes parked by
	// earlier calls that turned out bad once their dependencies arrived.
	Quarantined []Quarantined
}

// ApplyRemote applies items (in stream order, ascending Seq) from the relay stream named
// stream, and moves the sync cursor to {stream, last Seq}. Items at or before the cursor were
// applied already and are skipped. Changes whose dependencies are missing are parked; bad items
// are quarantined and the cursor moves past them.
//
// The items are committed in runs of whole documents, the cursor with the last run (see
// window.go). A local write waiting for the store's lock gets it between two runs, and
// progress, when not nil, is told after each run but the last how many of items are applied
// (with the store locked: it must not call the store).
// On an error, the runs before it stay committed and the cursor stays where it was. A stream
// other than the cursor's is refused with CodeConflict (call ResetSyncCursor first); the
// items of one document too big for one transaction fail with an error matching
// ports.ErrTooBig. Subscribers get model.Change{Remote: true} for what each run changed.
func (db *DB) ApplyRemote(ctx context.Context, stream string, items []RemoteItem, progress func(applied int)) (ApplyResult, error) {
	db.acquire()
	err := db.checkRemoteLocked(ctx, stream, items)
	if err == nil {
		items = slices.DeleteFunc(slices.Clone(items), func(it RemoteItem) bool {
			return db.cursor.Stream == stream && it.Seq <= db.cursor.Seq
		})
	}
	db.mu.Unlock()
	if err != nil || len(items) == 0 {
		return ApplyResult{}, err
	}
	groups, bad := groupByDoc(slices.DeleteFunc(slices.Clone(items), func(it RemoteItem) bool { return it.Known && it.Kind == RemoteChange }))
	w := &window{db: db, stream: stream, cur: SyncCursor{Stream: stream, Seq: items[len(items)-1].Seq},
		groups: groups, bad: bad, total: len(items), progress: progress, maxDocs: runDocs, maxBytes: runBytes}
	err = w.apply(ctx)
	return w.res, err
}

// docItems are the items of one document, in stream order.
type docItems struct {
	id    string
	items []candidate
	size  int // bytes
}

// groupByDoc groups items by document, in the order documents first appear, and sets aside
// the items no document may see.
func groupByDoc(items []RemoteItem) (groups []docItems, bad []quarItem) {
	cands, reasons := prechecks(items)
	at := map[string]int{}
	for k, it := range items {
		c := cands[k]
		if reasons[k] != "" {
			bad = append(bad, newQuarItem(c, reasons[k]))
			continue
		}
		i, ok := at[it.DocID]
		if !ok {
			i = len(groups)
			at[it.DocID] = i
			groups = append(groups, docItems{id: it.DocID})
		}
		groups[i].items = append(groups[i].items, c)
		groups[i].size += len(it.Data)
	}
	return groups, bad
}

func (r *ApplyResult) add(o ApplyResult) {
	r.Changed = append(r.Changed, o.Changed...)
	r.Parked += o.Parked
	r.Quarantined = append(r.Quarantined, o.Quarantined...)
}

func (db *DB) checkRemoteLocked(ctx context.Context, stream string, items []RemoteItem) error {
	if err := db.checkOpen(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := db.checkSpace(); err != nil {
		return err
	}
	if stream == "" {
		return model.Errorf(model.CodeInvalid, "Huddle cannot apply changes from a relay stream without a name; nothing was applied.")
	}
	if db.cursor.Stream != "" && db.cursor.Stream != stream {
		return model.Errorf(model.CodeConflict, "This device last synced from another relay stream (%s, now %s). "+
			"Nothing was applied; Huddle must start reading the new stream from its beginning.", db.cursor.Stream, stream)
	}
	for i := 1; i < len(items); i++ {
		if items[i].Seq <= items[i-1].Seq {
			return model.Errorf(model.CodeInvalid, "Changes from the relay arrived out of order (%d after %d); nothing was applied.",
				items[i].Seq, items[i-1].Seq)
		}
	}
	return nil
}

// remoteError says what a failed remote batch means for the person who sees it.
func remoteError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, badger.ErrTxnTooBig) {
		return model.Wrap(model.CodeInvalid, fmt.Errorf("%w: %w", ports.ErrTooBig, err),
			"Too much arrived from the relay to save at once, so none of it was saved. "+
				"It has to be applied in smaller groups.")
	}
	return storeError(err)
}

// prechecks runs precheck on every item, spread over the cores: a catch-up window holds up to
// 128k changes, and inspecting them one after the other held its first merge back.
func prechecks(items []RemoteItem) ([]candidate, []string) {
	cands := make([]candidate, len(items))
	reasons := make([]string, len(items))
	workers := min(runtime.GOMAXPROCS(0), maxWorkers)
	chunk := max(precheckChunk, (len(items)+workers-1)/workers)
	var wg sync.WaitGroup
	for start := 0; start < len(items); start += chunk {
		wg.Go(func() {
			for i := start; i < min(start+chunk, len(items)); i++ {
				cands[i], reasons[i] = precheck(items[i])
			}
		})
	}
	wg.Wait()
	return cands, reasons
}

// precheckChunk is the fewest items worth a goroutine of their own.
const precheckChunk = 1024

// precheck returns why an item must be set aside before any document sees it, or "".
func precheck(it RemoteItem) (candidate, string) {
	c := candidate{RemoteItem: it, own: true}
	switch {
	case len(it.Data) > MaxRemoteItem:
		return c, fmt.Sprintf("too big: %d bytes, the limit is %d", len(it.Data), MaxRemoteItem)
	case model.TypeOf(it.DocID) == "" || len(it.DocID) > maxDocID ||
		strings.IndexByte(it.DocID, 0) >= 0 || !utf8.ValidString(it.DocID):
		return c, "not the ID of a Huddle document"
	case it.Kind == RemoteSnapshot:
		return c, ""
	case it.Kind != RemoteChange:
		return c, "unknown kind of item: " + it.Kind.String()
	}
	info, err := crdt.Inspect(it.Data)
	if err != nil {
		return c, "damaged change: " + err.Error()
	}
	c.info = info
	return c, ""
}
