// Package crdt is the only place Huddle touches Automerge. It defines the schema of every
// document type (thread, client, task, workspace) as typed accessors, and projects documents
// into the plain read-model types of package model. Only the automerge-go calls PLATFORM-safe
// for core 0.5 are used: a change is persisted as Change(hash).Save() bytes and applied with
// LoadIncremental; LoadChanges and SaveIncremental are never used.
//
// Schema rules that keep merges meaningful:
//   - every nested map a document will ever need is created when the document is created, so
//     two devices never create the same key concurrently (the loser's contents would vanish);
//   - sets are maps of key → true and removal deletes the key (add wins over a concurrent remove);
//   - nothing relies on list deletes: messages are a map keyed by their ULID, soft-deleted.
package crdt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// SchemaVersion is written into every document; readers reject newer ones they cannot read.
const SchemaVersion = 1

// Doc is one Automerge document with the local bookkeeping a store needs. A Doc is not safe for
// concurrent use: its store serialises access.
type Doc struct {
	id      string
	am      *automerge.Doc
	touched map[string]struct{} // message IDs written locally since the last commit
	hdr     *docHeader          // the header as last read; nil until read, and after a merge

	// Messages AddMessage created, as Messages reads them back: written since the last
	// commit, and fresh from the last commit until the document changes them again (see
	// Thread.Messages). A store projects the messages of every commit it makes, and reading
	// a message back costs a map lookup and a read of its twelve fields through cgo.
	written, fresh map[string]model.Message

	moved   map[string]int64    // message → creation time before a local write moved it (Moved)
	summary *model.Thread       // the thread summary as last projected; nil until then
	stale   map[string]struct{} // root keys written since (see summary.go)
}

// docHeader is what every document carries at its root: its type and schema version.
type docHeader struct {
	docType string
	version int64
}

// New returns an empty document with the given ID, writing as actor (hex, per device).
func New(id, actor string) (*Doc, error) {
	d := &Doc{id: id, am: automerge.New()}
	if err := d.setActor(actor); err != nil {
		return nil, err
	}
	return d, nil
}

// Load rebuilds a document from its latest snapshot (may be nil) and the changes saved since.
func Load(id, actor string, snapshot []byte, changes [][]byte) (*Doc, error) {
	d := &Doc{id: id}
	if len(snapshot) > 0 {
		am, err := automerge.Load(snapshot)
		if err != nil {
			return nil, fmt.Errorf("load snapshot of %s: %w", id, err)
		}
		d.am = am
	} else {
		d.am = automerge.New()
	}
	if len(changes) > 0 {
		// One call for all of them: see ApplyAllInspected.
		if err := d.am.LoadIncremental(bytes.Join(changes, nil)); err != nil {
			return nil, fmt.Errorf("load the %d saved changes of %s: %w", len(changes), id, err)
		}
	}
	if err := d.setActor(actor); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Doc) setActor(actor string) error {
	if actor == "" {
		return nil
	}
	if err := d.am.SetActorID(actor); err != nil {
		return fmt.Errorf("set actor of %s: %w", d.id, err)
	}
	return nil
}

// NewActorID returns a fresh actor ID for a device.
func NewActorID() string { return automerge.NewActorID() }

// ID returns the document ID.
func (d *Doc) ID() string { return d.id }

// Type returns the document type, from its ID.
func (d *Doc) Type() model.DocType { return model.TypeOf(d.id) }

// ErrNoChange is returned by Commit when nothing was written since the last commit.
var ErrNoChange = errors.New("crdt: nothing to commit")

// Commit seals the operations written since the last commit into one change and returns its
// bytes (what a store persists and a relay carries) and the message IDs it touched.
func (d *Doc) Commit(at time.Time) (change []byte, touched []string, err error) {
	for id := range d.touched {
		touched = append(touched, id)
	}
	msg := ""
	if d.Type() == model.DocThread {
		msg = encodeTouched(touched) // for the stores that merge it (see ChangeInfo.Touched)
	}
	h, err := d.am.Commit(msg, automerge.CommitOptions{Time: &at})
	if err != nil {
		if err.Error() == "Commit is empty" { // automerge-go has no sentinel for this
			return nil, nil, ErrNoChange
		}
		return nil, nil, fmt.Errorf("commit %s: %w", d.id, err)
	}
	c, err := d.am.Change(h)
	if err != nil {
		return nil, nil, fmt.Errorf("read back change of %s: %w", d.id, err)
	}
	d.touched, d.moved = nil, nil
	d.fresh, d.written = d.written, nil
	return c.Save(), touched, nil
}

// Apply merges a change made elsewhere. Duplicates are a no-op. A change whose dependencies
// are missing is held by Automerge until they arrive: check Has after applying.
func (d *Doc) Apply(change []byte) error {
	info, err := Inspect(change)
	if err != nil {
		return fmt.Errorf("apply change to %s: %w", d.id, err)
	}
	return d.ApplyInspected(info)
}

// ApplyInspected merges the change that Inspect described as info, as Apply does, without
// checking its bytes again (they must not have changed since): a store inspects everything
// from the relay as it arrives, and a second check was a tenth of what merging a catch-up
// cost.
func (d *Doc) ApplyInspected(info ChangeInfo) error {
	change := info.checked
	if change == nil {
		return fmt.Errorf("apply change to %s: %w: it was not inspected", d.id, ErrMalformedChange)
	}
	// A change from elsewhere may create the document or carry a newer version, change a
	// message or anything else.
	d.hdr, d.fresh, d.summary = nil, nil, nil
	if err := d.am.LoadIncremental(change); err != nil {
		return fmt.Errorf("apply change to %s: %w", d.id, err)
	}
	return nil
}

// ApplyAllInspected merges changes that Inspect described, in order, as ApplyInspected would
// one after the other, in one call: Automerge merges ten changes to a thread in about a third
// of the time ten calls take. On an error, some of them may have been merged.
func (d *Doc) ApplyAllInspected(infos []ChangeInfo) error {
	if len(infos) == 1 {
		return d.ApplyInspected(infos[0])
	}
	size := 0
	for _, info := range infos {
		if info.checked == nil {
			return fmt.Errorf("apply changes to %s: %w: one was not inspected", d.id, ErrMalformedChange)
		}
		size += len(info.checked)
	}
	all := make([]byte, 0, size)
	for _, info := range infos {
		all = append(all, info.checked...)
	}
	d.hdr, d.fresh, d.summary = nil, nil, nil
	if err := d.am.LoadIncremental(all); err != nil {
		return fmt.Errorf("apply %d changes to %s: %w", len(infos), d.id, err)
	}
	return nil
}

// Has reports whether the document contains the change with the given hash (hex).
func (d *Doc) Has(hash string) bool {
	h, err := automerge.NewChangeHash(hash)
	if err != nil {
		return false
	}
	_, err = d.am.Change(h)
	return err == nil
}

// Save returns a full snapshot of the document.
func (d *Doc) Save() []byte { return d.am.Save() }

// Heads returns the document's current heads as hex hashes, sorted.
func (d *Doc) Heads() []string {
	hs := d.am.Heads()
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.String()
	}
	sortStrings(out)
	return out
}

// Digest is a content hash of change bytes, usable as a deduplication ID.
func Digest(change []byte) string {
	s := sha256.Sum256(change)
	return hex.EncodeToString(s[:])
}

func (d *Doc) touch(messageID string) {
	if d.touched == nil {
		d.touched = map[string]struct{}{}
	}
	d.touched[messageID] = struct{}{}
}

// header reads the type and schema version every document carries at its root. A store asks
// several times per write (the use case, then the commit and the projection), so the answer
// is kept: only create and Apply change the header, and both forget it. It reads the two
// keys alone: listing the whole root (Values) costs about five times as much through cgo.
func (d *Doc) header() (docType string, version int64, err error) {
	if h := d.hdr; h != nil {
		return h.docType, h.version, nil
	}
	root := d.am.RootMap()
	t, err := root.Get("type")
	if err != nil {
		return "", 0, err
	}
	v, err := root.Get("v")
	if err != nil {
		return "", 0, err
	}
	d.hdr = &docHeader{docType: strOf(t), version: i64Of(v)}
	return d.hdr.docType, d.hdr.version, nil
}

// Exists reports whether the document was created (has its header), and fails when it was
// written by a newer Huddle than this one.
func (d *Doc) Exists() (bool, error) {
	t, v, err := d.header()
	if err != nil {
		return false, err
	}
	if t == "" {
		return false, nil
	}
	if t != string(d.Type()) {
		return false, fmt.Errorf("document %s says it is a %q", d.id, t)
	}
	if v > SchemaVersion {
		return false, fmt.Errorf("document %s has schema version %d; this Huddle reads up to %d", d.id, v, SchemaVersion)
	}
	return true, nil
}

// create writes the header and the given empty nested maps.
func (d *Doc) create(maps ...string) error {
	d.hdr, d.summary = nil, nil
	root := d.am.RootMap()
	if err := root.Set("type", string(d.Type())); err != nil {
		return err
	}
	if err := root.Set("v", int64(SchemaVersion)); err != nil {
		return err
	}
	for _, m := range maps {
		if err := root.Set(m, automerge.NewMap()); err != nil {
			return err
		}
	}
	return nil
}
