package localdb

import (
	"slices"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// threadReads holds what projecting a merged thread reads from its document. A remote apply
// makes these reads in a pipeline stage of their own (window.go), so that the stage which
// writes the transaction, the slowest, does not also wait on Automerge: the reads were a
// third of its time.
type threadReads struct {
	view       crdt.Thread // for a read not made ahead
	summary    model.Thread
	summaryErr error
	all        bool     // msgs holds every message
	ids        []string // or the messages it holds
	msgs       []model.Message
	msgsErr    error
}

var _ threadReader = (*threadReads)(nil)

// readThreadAhead makes the reads that projectThread will make with e: every message when
// all is set (the thread has no row yet, or e is nil), else those e names.
func readThreadAhead(view crdt.Thread, e *edits, all bool) *threadReads {
	r := &threadReads{view: view, all: all}
	r.summary, r.summaryErr = view.Summary()
	switch {
	case all:
		r.msgs, r.msgsErr = view.Messages()
	case len(e.messages) > 0:
		r.ids = e.messages
		r.msgs, r.msgsErr = view.Messages(e.messages...)
	}
	return r
}

func (r *threadReads) Summary() (model.Thread, error) { return r.summary, r.summaryErr }

func (r *threadReads) Messages(ids ...string) ([]model.Message, error) {
	if (len(ids) == 0 && r.all) || (r.ids != nil && slices.Equal(ids, r.ids)) {
		return r.msgs, r.msgsErr
	}
	return r.view.Messages(ids...)
}

// readAhead makes the reads of the projection of a thread that took something (see
// threadReads). The document must not change until it is projected.
func (m *docMerge) readAhead() {
	if len(m.accepted) == 0 || m.d.Type() != model.DocThread {
		return
	}
	if ok, err := m.d.Exists(); err != nil || !ok {
		return // project says why
	}
	// A thread that could not be read before the merge (new to this device) has no row yet,
	// so its projection reads every message.
	e := m.edits()
	m.ahead = readThreadAhead(m.d.Thread(), e, e == nil || m.was == nil)
}
