package crdt

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ChangeInfo describes one saved change without applying it.
type ChangeInfo struct {
	Hash  string   // Automerge change hash, hex
	Deps  []string // hashes of the changes it builds on
	Actor string   // hex
	Seq   uint64
	// Touched lists the thread messages the change wrote, as its author recorded them in the
	// change's message (see Doc.Commit). TouchedKnown is false when the change does not say:
	// then any message may have moved.
	Touched      []string
	TouchedKnown bool

	checked []byte // the bytes Inspect accepted, for Doc.ApplyInspected
}

var changeMagic = []byte{0x85, 0x6f, 0x4a, 0x83}

const chunkTypeChange = 1

// ErrMalformedChange is returned for bytes that are not exactly one Automerge change.
var ErrMalformedChange = errors.New("not an Automerge change")

// Inspect parses the header of change bytes as written by Commit (one uncompressed change
// chunk), verifies its checksum, and checks its operation columns for what would make
// Automerge abort the process (see opcheck.go). automerge-go accepts garbage silently in
// LoadIncremental and cannot parse a change whose dependencies it lacks, so anything that
// arrives from outside is checked here first.
func Inspect(change []byte) (ChangeInfo, error) {
	if len(change) < 9 || !bytes.Equal(change[:4], changeMagic) {
		return ChangeInfo{}, fmt.Errorf("%w: bad magic bytes", ErrMalformedChange)
	}
	sum := sha256.Sum256(change[8:])
	if !bytes.Equal(change[4:8], sum[:4]) {
		return ChangeInfo{}, fmt.Errorf("%w: checksum mismatch", ErrMalformedChange)
	}
	if change[8] != chunkTypeChange {
		return ChangeInfo{}, fmt.Errorf("%w: chunk type %d", ErrMalformedChange, change[8])
	}
	r := bytes.NewReader(change[9:])
	n, err := binary.ReadUvarint(r)
	if err != nil || n != uint64(r.Len()) {
		return ChangeInfo{}, fmt.Errorf("%w: length does not match", ErrMalformedChange)
	}
	info := ChangeInfo{Hash: hex.EncodeToString(sum[:])}
	nDeps, err := binary.ReadUvarint(r)
	if err != nil || nDeps > uint64(r.Len()/32) {
		return ChangeInfo{}, fmt.Errorf("%w: bad dependency count", ErrMalformedChange)
	}
	dep := make([]byte, 32)
	for range nDeps {
		if _, err := r.Read(dep); err != nil {
			return ChangeInfo{}, fmt.Errorf("%w: truncated dependencies", ErrMalformedChange)
		}
		info.Deps = append(info.Deps, hex.EncodeToString(dep))
	}
	actorLen, err := binary.ReadUvarint(r)
	if err != nil || actorLen == 0 || actorLen > uint64(r.Len()) {
		return ChangeInfo{}, fmt.Errorf("%w: bad actor", ErrMalformedChange)
	}
	actor := make([]byte, actorLen)
	if _, err := r.Read(actor); err != nil {
		return ChangeInfo{}, fmt.Errorf("%w: truncated actor", ErrMalformedChange)
	}
	info.Actor = hex.EncodeToString(actor)
	if info.Seq, err = binary.ReadUvarint(r); err != nil || info.Seq == 0 {
		return ChangeInfo{}, fmt.Errorf("%w: bad sequence number", ErrMalformedChange)
	}
	msg, err := checkChangeOps(change[len(change)-r.Len():])
	if err != nil {
		return ChangeInfo{}, fmt.Errorf("%w: %w", ErrMalformedChange, err)
	}
	info.Touched, info.TouchedKnown = decodeTouched(msg)
	info.checked = change
	return info, nil
}

// touchedPrefix starts the message of a thread change that lists the messages it wrote: a
// store that merges the change then re-reads those alone (Automerge has no patch API, and
// re-reading a whole timeline after every merge was most of what catching up cost). The list
// is what the author's own store projected after its commit, so both stores read the same.
const touchedPrefix = "huddle/touched:"

// encodeTouched writes the change message for a thread commit that wrote the messages ids;
// "" (which says nothing) when an ID would not survive the encoding.
func encodeTouched(ids []string) string {
	ids = slices.Sorted(slices.Values(ids))
	for _, id := range ids {
		if id == "" || strings.ContainsRune(id, ',') {
			return ""
		}
	}
	return touchedPrefix + strings.Join(ids, ",")
}

func decodeTouched(msg string) ([]string, bool) {
	list, ok := strings.CutPrefix(msg, touchedPrefix)
	if !ok {
		return nil, false
	}
	if list == "" {
		return nil, true
	}
	ids := strings.Split(list, ",")
	if slices.Contains(ids, "") {
		return nil, false
	}
	return ids, true
}
