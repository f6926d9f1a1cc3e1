package localdb

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// candidate is a remote item on its way into a document.
type candidate struct {
	RemoteItem
	info   crdt.ChangeInfo // of a change
	own    bool            // an item of this call (not a change parked by an earlier one)
	parked bool            // stored under pend/ by an earlier call
	waited bool            // its dependencies were missing when its turn came
	done   bool            // merged, found already there, or set aside
}

// docMerge merges one document's items into its live document, in memory: nothing is written
// until the whole call has been merged, then remoteRun.stage writes what it decided.
type docMerge struct {
	db    *DB
	id    string
	d     *crdt.Doc
	check bool // check that the document still reads after every item that changed it

	own         []candidate
	accepted    []*candidate          // what d took, in order: replayed when d is rebuilt
	took        map[string]bool       // hashes of the changes in accepted
	queue       []*candidate          // changes waiting for dependencies: parked and of this call
	waiting     map[string]*candidate // queue by change hash
	quarantined []quarItem
	was         map[string]int64 // creation times of the messages named by changes, before the merge
	ahead       *threadReads     // the projection's reads, made ahead (readahead.go)
}

var errNotHuddle = errors.New("it is not a Huddle document (it has no header)")

// mergeDoc merges items into document id, then retries its waiting changes if it gained
// anything. With check, it starts again from the stored document and sets aside each item
// after which the document no longer reads. Only store failures are returned.
func (db *DB) mergeDoc(id string, items []candidate, check bool) (*docMerge, error) {
	if check {
		db.docs.Remove(id) // the quick way may have merged a culprit into the live document
	}
	d, err := db.docLocked(id)
	if err != nil {
		return nil, err
	}
	m := &docMerge{db: db, id: id, d: d, check: check, own: slices.Clone(items), took: map[string]bool{},
		waiting: map[string]*candidate{}}
	parked, err := db.parkedChangesLocked(id)
	if err != nil {
		return nil, err
	}
	for _, c := range parked {
		m.wait(c)
	}
	m.was = m.creationTimes()
	if check {
		for i := range m.own {
			if err := m.take(&m.own[i]); err != nil {
				return nil, err
			}
		}
	} else if err := m.takeAll(m.own); err != nil {
		return nil, err
	}
	if len(m.accepted) > 0 {
		return m, m.retry()
	}
	return m, nil
}

// creationTimes reads, before anything merges, when the messages that the document's changes
// name were created (see edits.was). It says nothing (nil) for a document it cannot read.
func (m *docMerge) creationTimes() map[string]int64 {
	if m.d.Type() != model.DocThread {
		return nil
	}
	var ids []string
	for _, c := range m.own {
		ids = append(ids, c.info.Touched...)
	}
	for _, c := range m.queue {
		ids = append(ids, c.info.Touched...)
	}
	if ok, err := m.d.Exists(); err != nil || !ok {
		return nil
	}
	times, err := m.d.Thread().CreationTimes(ids...)
	if err != nil {
		return nil
	}
	return times
}

// edits says which messages the merge changed, for the projection: nil (all of them) when
// something the document took does not say.
func (m *docMerge) edits() *edits {
	e := &edits{was: m.was}
	for _, c := range m.accepted {
		if c.Kind != RemoteChange || !c.info.TouchedKnown {
			return nil
		}
		e.messages = append(e.messages, c.info.Touched...)
	}
	slices.Sort(e.messages)
	e.messages = slices.Compact(e.messages)
	return e
}

// take merges one item into the document, parks it, or sets it aside.
func (m *docMerge) take(c *candidate) error {
	if c.Kind == RemoteChange {
		if !m.ready(c) {
			return nil
		}
		if err := m.d.ApplyInspected(c.info); err != nil || !m.d.Has(c.info.Hash) {
			return m.reject(c, fmt.Sprintf("the change could not be applied: %v", err), true)
		}
	} else {
		changed, err := m.d.MergeSnapshot(c.Data)
		if err != nil {
			// Refused snapshots never reach the document; a failed merge may have.
			refused := errors.Is(err, crdt.ErrMalformedSnapshot) || errors.Is(err, crdt.ErrWrongDocument)
			return m.reject(c, "bad snapshot: "+err.Error(), !refused)
		}
		if !changed {
			c.done = true
			return nil
		}
	}
	c.done = true
	if m.check {
		if err := readable(m.d); err != nil {
			return m.reject(c, "the document could not be read after it: "+err.Error(), true)
		}
	}
	m.accepted = append(m.accepted, c)
	if c.Kind == RemoteChange {
		m.took[c.info.Hash] = true
	}
	return nil
}

// ready says whether change c is to be merged now. A duplicate, or this device's own change
// coming back, is done; a change whose dependencies are missing waits.
func (m *docMerge) ready(c *candidate) bool {
	switch {
	case m.took[c.info.Hash] || m.d.Has(c.info.Hash):
		c.done = true
	case !m.depsMet(c):
		c.waited = true
		m.wait(c)
	default:
		return true
	}
	return false
}

// takeAll merges items in order, as take would one after the other, but gives Automerge each
// stretch of changes whose dependencies are there in one call (takeStretch).
func (m *docMerge) takeAll(items []candidate) error {
	var stretch []*candidate
	for i := range items {
		c := &items[i]
		if c.Kind != RemoteChange {
			if err := m.takeStretch(stretch); err != nil {
				return err
			}
			stretch = stretch[:0]
			if err := m.take(c); err != nil {
				return err
			}
		} else if m.ready(c) {
			m.took[c.info.Hash] = true // the changes after it in the stretch build on it
			stretch = append(stretch, c)
		}
	}
	return m.takeStretch(stretch)
}

// takeStretch merges changes that ready let through, in one Automerge call
// (crdt.Doc.ApplyAllInspected). When that call fails, the document is rebuilt and the changes
// taken one by one, so that only the culprit is set aside.
func (m *docMerge) takeStretch(stretch []*candidate) error {
	if len(stretch) == 0 {
		return nil
	}
	infos := make([]crdt.ChangeInfo, len(stretch))
	built := map[string]bool{} // the changes a later one of the stretch builds on
	for i, c := range stretch {
		infos[i] = c.info
		for _, dep := range c.info.Deps {
			built[dep] = true
		}
	}
	err := m.d.ApplyAllInspected(infos)
	// Automerge takes a change only after its dependencies, so when the changes no later one
	// builds on are there, all of them are.
	for _, c := range stretch {
		if err == nil && !built[c.info.Hash] && !m.d.Has(c.info.Hash) {
			err = errors.New("a change was not applied")
		}
	}
	if err == nil {
		for _, c := range stretch {
			c.done = true
			m.accepted = append(m.accepted, c)
		}
		return nil
	}
	for _, c := range stretch {
		delete(m.took, c.info.Hash)
	}
	if err := m.rebuild(); err != nil {
		return err
	}
	for _, c := range stretch {
		if err := m.take(c); err != nil {
			return err
		}
	}
	return nil
}

func (m *docMerge) depsMet(c *candidate) bool {
	for _, dep := range c.info.Deps {
		// Most changes build on the one before them, often taken in this merge: a map lookup
		// instead of asking Automerge.
		if !m.took[dep] && !m.d.Has(dep) {
			return false
		}
	}
	return true
}

// wait queues a change whose dependencies are missing; the same change twice waits once.
func (m *docMerge) wait(c *candidate) {
	if _, ok := m.waiting[c.info.Hash]; ok {
		return
	}
	m.waiting[c.info.Hash] = c
	m.queue = append(m.queue, c)
}

// retry merges the waiting changes whose dependencies are now there, until none is. They go in
// stream order, which is causal order, so a chain of parked changes needs one pass.
func (m *docMerge) retry() error {
	slices.SortStableFunc(m.queue, func(a, b *candidate) int { return cmp.Compare(a.Seq, b.Seq) })
	for progress := true; progress; {
		progress = false
		for _, c := range m.queue {
			if c.done || !m.depsMet(c) {
				continue
			}
			if err := m.take(c); err != nil {
				return err
			}
			progress = true
		}
	}
	return nil
}

// reject sets c aside. When c may have reached the document, the document is rebuilt from the
// store and what it took before c, as if c never arrived.
func (m *docMerge) reject(c *candidate, reason string, rebuild bool) error {
	c.done = true
	m.quarantined = append(m.quarantined, newQuarItem(*c, reason))
	if !rebuild {
		return nil
	}
	return m.rebuild()
}

// rebuild reloads the document from the store and merges again what it took.
func (m *docMerge) rebuild() error {
	m.db.docs.Remove(m.id)
	d, err := m.db.docLocked(m.id)
	if err != nil {
		return err
	}
	for _, a := range m.accepted {
		if a.Kind == RemoteChange {
			err = d.ApplyInspected(a.info)
		} else {
			_, err = d.MergeSnapshot(a.Data)
		}
		if err != nil {
			return fmt.Errorf("merge again what %s took before a bad item: %w", m.id, err)
		}
	}
	m.d = d
	return nil
}

// tookSnapshot reports whether the document took a snapshot: it is then stored as a fresh
// snapshot instead of as the changes it gained.
func (m *docMerge) tookSnapshot() bool {
	return slices.ContainsFunc(m.accepted, func(c *candidate) bool { return c.Kind == RemoteSnapshot })
}

// changes returns the changes the document took, in the order it took them (causal order).
func (m *docMerge) changes() [][]byte {
	out := make([][]byte, 0, len(m.accepted))
	for _, c := range m.accepted {
		out = append(out, c.Data)
	}
	return out
}

// waitingOwn counts the changes of this call that still wait for their dependencies, and
// those that waited at all: came before their dependencies.
func (m *docMerge) waitingOwn() (waiting, early int) {
	for i := range m.own {
		c := &m.own[i]
		if c.waited {
			early++
		}
		if c.Kind == RemoteChange && !c.done && !m.d.Has(c.info.Hash) {
			waiting++
		}
	}
	return waiting, early
}

// readable reads from d everything a projection reads, and fails where the projection would.
func readable(d *crdt.Doc) error {
	ok, err := d.Exists()
	if err != nil {
		return err
	}
	if !ok {
		return errNotHuddle
	}
	switch d.Type() {
	case model.DocThread:
		if _, err := d.Thread().Summary(); err != nil {
			return err
		}
		_, err = d.Thread().Messages()
	case model.DocClient:
		_, err = d.Client().Row()
	case model.DocTask:
		_, err = d.Task().Row()
	case model.DocWorkspace:
		_, err = d.Workspace().Row()
	case model.DocMember:
		_, err = d.Member().Row()
	}
	return err
}
