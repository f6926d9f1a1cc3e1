package crdt

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/automerge/automerge-go"
)

const chunkTypeDocument = 0

// ErrMalformedSnapshot is returned for bytes that are not exactly one Automerge document chunk.
var ErrMalformedSnapshot = errors.New("not an Automerge document snapshot")

// ErrWrongDocument is returned for a snapshot that is a readable Automerge document, but not a
// Huddle document this one can take: another type or ID, no header, or a newer schema.
var ErrWrongDocument = errors.New("snapshot of another document")

// MergeSnapshot merges a full snapshot of the same document (another device's Save) into d
// and reports whether d gained anything. Bytes that are not one document chunk, or whose
// header names another document type or ID or a newer schema, are refused and d is left as
// it was.
//
// automerge.Load verifies checksums itself and fails on garbage, but it also accepts empty
// input (an empty document) and change chunks, and it aborts the process on some operations
// it cannot build (see opcheck.go), so the chunk is checked here first, as Inspect does for
// changes.
func (d *Doc) MergeSnapshot(snapshot []byte) (changed bool, err error) {
	if err := inspectSnapshot(snapshot); err != nil {
		return false, fmt.Errorf("merge snapshot into %s: %w", d.id, err)
	}
	am, err := automerge.Load(snapshot)
	if err != nil {
		return false, fmt.Errorf("merge snapshot into %s: %w: %w", d.id, ErrMalformedSnapshot, err)
	}
	if err := d.sameDocument(&Doc{id: d.id, am: am}); err != nil {
		return false, fmt.Errorf("merge snapshot into %s: %w", d.id, err)
	}
	before := d.am.Heads()
	// Anything may have changed, the header included; forget what was read (as Apply does).
	d.hdr, d.fresh, d.summary = nil, nil, nil
	if _, err := d.am.Merge(am); err != nil {
		return false, fmt.Errorf("merge snapshot into %s: %w", d.id, err)
	}
	return !slices.Equal(before, d.am.Heads()), nil
}

// sameDocument checks that other, a loaded snapshot, is a Huddle document d can merge: same
// type, a schema this Huddle reads and, for the types that record it, the same ID. Automerge
// would merge any two documents, and a snapshot of another thread would bring a second
// creation into d, whose maps would then hide each other's contents.
func (d *Doc) sameDocument(other *Doc) error {
	ok, err := other.Exists()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrWrongDocument, err)
	}
	if !ok {
		return fmt.Errorf("%w: it has no Huddle header", ErrWrongDocument)
	}
	id, err := other.am.RootMap().Get("id")
	if err != nil {
		return fmt.Errorf("%w: %w", ErrWrongDocument, err)
	}
	if s := strOf(id); s != "" && s != d.id {
		return fmt.Errorf("%w: it is %s", ErrWrongDocument, s)
	}
	return nil
}

// inspectSnapshot checks that b is exactly one document chunk with a valid checksum (magic
// bytes, checksum: the first four bytes of the SHA-256 of the rest of the chunk, chunk type 0,
// uvarint length, body) whose operations Automerge can load without aborting.
func inspectSnapshot(b []byte) error {
	if len(b) < 10 || !bytes.Equal(b[:4], changeMagic) {
		return fmt.Errorf("%w: bad magic bytes", ErrMalformedSnapshot)
	}
	if b[8] != chunkTypeDocument {
		return fmt.Errorf("%w: chunk type %d", ErrMalformedSnapshot, b[8])
	}
	n, k := binary.Uvarint(b[9:])
	if k <= 0 || n != uint64(len(b)-9-k) {
		return fmt.Errorf("%w: length does not match", ErrMalformedSnapshot)
	}
	sum := sha256.Sum256(b[8:])
	if !bytes.Equal(b[4:8], sum[:4]) {
		return fmt.Errorf("%w: checksum mismatch", ErrMalformedSnapshot)
	}
	if err := checkDocumentOps(b[9+k:]); err != nil {
		return fmt.Errorf("%w: %w", ErrMalformedSnapshot, err)
	}
	return nil
}

// ForceRootValue sets a root key to v with no schema rule applied. It exists for tests that
// need a document another device broke (a valid Automerge change that Huddle itself never
// writes, such as a thread whose type says "client"); nothing outside tests calls it.
func (d *Doc) ForceRootValue(key string, v any) error {
	d.hdr, d.summary = nil, nil
	return d.am.RootMap().Set(key, v)
}
