package model

import (
	"crypto/rand"
	"strings"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// DocType names the kind of Automerge document behind an ID.
type DocType string

// Document types. The ID prefix of a document says its type, so an ID alone routes it.
const (
	DocWorkspace DocType = "workspace"
	DocThread    DocType = "thread"
	DocClient    DocType = "client"
	DocTask      DocType = "task"
	DocMember    DocType = "member" // a member's private document: preferences, read marks
)

// WorkspaceDocID is the ID of the one workspace document of a data directory.
const WorkspaceDocID = "ws"

var idPrefixes = map[DocType]string{DocThread: "th_", DocClient: "cl_", DocTask: "tk_", DocMember: "pm_"}

// MemberDocID is the ID of a member's private document: one per member, the same on every
// device, so a member's devices write to one document.
func MemberDocID(memberID string) string { return idPrefixes[DocMember] + memberID }

var (
	entropyMu sync.Mutex
	entropy   = ulid.Monotonic(rand.Reader, 0)
)

// NewULID returns a new lexically sortable unique ID for the given time.
func NewULID(at time.Time) string {
	entropyMu.Lock()
	defer entropyMu.Unlock()
	return ulid.MustNew(ulid.Timestamp(at), entropy).String()
}

// ValidULID reports whether s is a well-formed ULID, as NewULID makes.
func ValidULID(s string) bool {
	_, err := ulid.ParseStrict(s)
	return err == nil
}

// NewDocID returns a fresh document ID of the given type.
func NewDocID(t DocType, at time.Time) string {
	return idPrefixes[t] + NewULID(at)
}

// NewMemberID returns a fresh member ID.
func NewMemberID(at time.Time) string { return "mb_" + NewULID(at) }

// NewBrandID returns a fresh brand ID.
func NewBrandID(at time.Time) string { return "br_" + NewULID(at) }

// NewLabelID returns a fresh label ID.
func NewLabelID(at time.Time) string { return "lb_" + NewULID(at) }

// TypeOf returns the document type an ID belongs to, or "" for an unknown ID.
func TypeOf(docID string) DocType {
	if docID == WorkspaceDocID {
		return DocWorkspace
	}
	for t, p := range idPrefixes {
		if strings.HasPrefix(docID, p) && len(docID) > len(p) {
			return t
		}
	}
	return ""
}
