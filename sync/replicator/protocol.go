package replicator

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
	"huddle/localdb"
)

// The wire format. One JetStream stream per workspace holds every message about its
// documents; a subject names the workspace, the kind of message, the brand (so relay
// permissions can later be scoped per brand), the document type and the document:
//
//	huddle.<workspace>.chg.<brand|_>.<type>.<docID>    one Automerge change
//	huddle.<workspace>.snap.<brand|_>.<type>.<docID>   a whole document (Automerge Save)
//
// A change's Nats-Msg-Id is its content hash, so the relay drops a re-publish within its
// duplicate window, and the store ignores one it already has after that. Headers add the
// publishing device and, on a snapshot, the stream sequence it covers.
const (
	subjectRoot  = "huddle"
	kindChange   = "chg"
	kindSnapshot = "snap"
	noBrand      = "_"

	headerDevice  = "Huddle-Device"
	headerCovers  = "Huddle-Covers"
	headerVersion = "Huddle-Version"
	wireVersion   = "1"
)

// StreamName is the JetStream stream of a workspace.
func StreamName(workspaceID string) string { return "huddle_" + token(workspaceID) }

// streamSubjects is what a workspace's stream holds.
func streamSubjects(workspaceID string) string { return subjectRoot + "." + token(workspaceID) + ".>" }

func subject(workspaceID, kind, brand string, t model.DocType, docID string) string {
	if brand == "" {
		brand = noBrand
	}
	return strings.Join([]string{subjectRoot, token(workspaceID), kind, token(brand), string(t), token(docID)}, ".")
}

// docFilter matches every message (change or snapshot) of one document.
func docFilter(workspaceID, brand string, t model.DocType, docID string) string {
	return subject(workspaceID, "*", brand, t, docID)
}

// token keeps IDs from breaking a subject. Huddle's IDs never contain these characters; one
// from elsewhere that does would otherwise address another document's subject.
func token(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '*' || r == '>' || r <= ' ' {
			return '-'
		}
		return r
	}, s)
}

// streamConfig is the workspace stream: kept on disk, no age limit (compaction bounds it),
// a duplicate window long enough for a device to crash and come back.
func streamConfig(workspaceID string) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        StreamName(workspaceID),
		Description: "Huddle workspace " + workspaceID + ": document changes and snapshots",
		Subjects:    []string{streamSubjects(workspaceID)},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		Discard:     jetstream.DiscardOld,
		Duplicates:  time.Hour,
		MaxMsgSize:  localdb.MaxRemoteItem,
		AllowDirect: true,
	}
}

// changeMsg is the envelope of one outbox entry.
func changeMsg(workspaceID, device string, e localdb.OutboxEntry) *nats.Msg {
	m := nats.NewMsg(subject(workspaceID, kindChange, e.BrandID, e.DocType, e.DocID))
	m.Data = e.Change
	m.Header.Set(headerDevice, device)
	m.Header.Set(headerVersion, wireVersion)
	return m
}

// snapshotMsg is the envelope of a document snapshot covering stream sequence covers.
func snapshotMsg(workspaceID, device string, s localdb.Snapshot, covers uint64) *nats.Msg {
	m := nats.NewMsg(subject(workspaceID, kindSnapshot, s.BrandID, s.Type, s.DocID))
	m.Data = s.Data
	m.Header.Set(headerDevice, device)
	m.Header.Set(headerVersion, wireVersion)
	m.Header.Set(headerCovers, strconv.FormatUint(covers, 10))
	return m
}

// parseMsg turns a stream message into an item for the store. Whatever the subject says, the
// store gets the item: one it cannot route (no document ID of a known type) is quarantined
// there, so the cursor still moves past it and the log says why.
func parseMsg(workspaceID, subj string, seq uint64, data []byte) (localdb.RemoteItem, error) {
	it := localdb.RemoteItem{Seq: seq, Kind: localdb.RemoteChange, Data: data}
	parts := strings.Split(subj, ".")
	if len(parts) != 6 || parts[0] != subjectRoot || parts[1] != token(workspaceID) {
		return it, fmt.Errorf("unexpected subject %q", subj)
	}
	switch parts[2] {
	case kindChange:
	case kindSnapshot:
		it.Kind = localdb.RemoteSnapshot
	default:
		return it, fmt.Errorf("unknown message kind %q", parts[2])
	}
	if model.TypeOf(parts[5]) != model.DocType(parts[4]) {
		return it, fmt.Errorf("document %q is not of type %q", parts[5], parts[4])
	}
	it.DocID = parts[5]
	return it, nil
}
