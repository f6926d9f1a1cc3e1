package localdb

import (
	"errors"
	"slices"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/policy"
)

// A query walks one source — the union of one or more index prefixes, read as one stream in
// sort order — and checks every remaining condition on the row itself. It picks the source
// with the fewest entries (each index keeps its size under ixn/), so the rows it reads and
// throws away stay few. Cursors are sort keys, valid in any source of the same kind.
type source []string

func sizeOf(txn *badger.Txn, src source) (int64, error) {
	var n int64
	for _, p := range src {
		raw, err := getValue(txn, keyIndexCount(p))
		if err != nil {
			return 0, err
		}
		n += int64(u64(raw))
	}
	return n, nil
}

func smallest(txn *badger.Txn, cands []source) (source, error) {
	var best source
	bestN := int64(-1)
	for _, c := range cands {
		n, err := sizeOf(txn, c)
		if err != nil {
			return nil, err
		}
		if bestN < 0 || n < bestN {
			best, bestN = c, n
		}
	}
	return best, nil
}

// scan calls visit with each sort key of src in order, starting at from (after it when
// exclusive), each key once even when several prefixes hold it, until visit returns false.
func scan(txn *badger.Txn, src source, from string, exclusive bool, visit func(sort string) (bool, error)) error {
	its := make([]*badger.Iterator, len(src))
	for i, p := range src {
		its[i] = txn.NewIterator(badger.IteratorOptions{Prefix: []byte(p)})
		defer its[i].Close()
		its[i].Seek([]byte(p + from))
	}
	current := func(i int) (string, bool) {
		if !its[i].ValidForPrefix([]byte(src[i])) {
			return "", false
		}
		return string(its[i].Item().Key()[len(src[i]):]), true
	}
	for {
		min, found := "", false
		for i := range its {
			if s, ok := current(i); ok && (!found || s < min) {
				min, found = s, true
			}
		}
		if !found {
			return nil
		}
		for i := range its {
			if s, ok := current(i); ok && s == min {
				its[i].Next()
			}
		}
		if exclusive && min == from {
			continue
		}
		more, err := visit(min)
		if err != nil || !more {
			return err
		}
	}
}

// Threads returns one page of an inbox view for q.Member, newest activity first.
func (db *DB) Threads(q model.ThreadQuery) (model.ThreadPage, error) {
	page := model.ThreadPage{Threads: []model.Thread{}}
	view := q.View
	if view == "" {
		view = model.ViewAll
	}
	if !view.Valid() {
		return page, model.Errorf(model.CodeInvalid, "%q is not an inbox view.", q.View)
	}
	if q.Assigned != "" && q.Assigned != "yes" && q.Assigned != "no" {
		return page, model.Errorf(model.CodeInvalid, "The assigned filter must be yes, no or empty.")
	}
	m, err := db.member(q.Member)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, 9)
	if err != nil {
		return page, err
	}
	limit := limitOf(q.Limit)
	match := func(th *model.Thread) bool {
		return view.Contains(th, m.ID) && policy.CanReadThread(m, *th) &&
			(q.BrandID == "" || th.BrandID == q.BrandID) &&
			(q.AssigneeID == "" || th.AssigneeID == q.AssigneeID) &&
			(q.Assigned != "yes" || th.AssigneeID != "") &&
			(q.Assigned != "no" || th.AssigneeID == "") &&
			(q.Label == "" || slices.Contains(th.Labels, q.Label)) &&
			(q.Channel == "" || th.Channel == q.Channel) &&
			(q.ClientID == "" || th.ClientID == q.ClientID)
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		keep, tagErr := match, error(nil)
		if q.ClientTag != "" {
			// Rows do not carry their client's tags (tags.go): their entry in the tag index says,
			// when another index drives the walk.
			keep = func(th *model.Thread) bool {
				if !match(th) || tagErr != nil {
					return false
				}
				_, err := txn.Get([]byte(threadIndex(threadStatus(th), threadDimTag, q.ClientTag) + threadSort(th.LastActivityAt, th.ID)))
				if errors.Is(err, badger.ErrKeyNotFound) {
					return false
				}
				tagErr = err
				return err == nil
			}
		}
		src, err := smallest(txn, threadSources(q, view, m))
		if err != nil {
			return err
		}
		page.Threads, page.Next, err = pageScan[model.Thread]{src: src, from: after, exclusive: after != "",
			limit: limit, keep: keep, rowKey: func(sort string) []byte { return keyThread(threadIDFromSort(sort)) },
		}.run(txn, page.Threads)
		return errors.Join(err, tagErr)
	})
	return page, storeError(err)
}

// threadSources lists the indexes that could drive a thread query: the view's own, one per
// filter, and for a member who does not see every brand, their brands plus the threads they
// take part in or watch.
func threadSources(q model.ThreadQuery, view model.View, m model.Member) []source {
	s := byte('o')
	if view == model.ViewResolved {
		s = 'r'
	}
	one := func(dim, arg string) source { return source{threadIndex(s, dim, arg)} }
	var cands []source
	switch view {
	case model.ViewMine:
		cands = append(cands, one(threadDimAssign, m.ID))
	case model.ViewMentioned:
		cands = append(cands, one(threadDimMention, m.ID))
	case model.ViewUnassigned:
		cands = append(cands, one(threadDimAssign, noneArg))
	case model.ViewFollowed:
		cands = append(cands, one(threadDimFollow, m.ID))
	default:
		cands = append(cands, one(threadDimAll, ""))
	}
	if q.BrandID != "" {
		cands = append(cands, one(threadDimBrand, q.BrandID))
	}
	if q.AssigneeID != "" {
		cands = append(cands, one(threadDimAssign, q.AssigneeID))
	}
	switch q.Assigned {
	case "yes":
		cands = append(cands, one(threadDimAnyAs, ""))
	case "no":
		cands = append(cands, one(threadDimAssign, noneArg))
	}
	if q.Label != "" {
		cands = append(cands, one(threadDimLabel, q.Label))
	}
	if q.Channel != "" {
		cands = append(cands, one(threadDimChan, string(q.Channel)))
	}
	if q.ClientID != "" {
		cands = append(cands, one(threadDimClient, q.ClientID))
	}
	if q.ClientTag != "" {
		cands = append(cands, one(threadDimTag, q.ClientTag))
	}
	if m.Role != model.RoleOwner {
		acc := source{threadIndex(s, threadDimPart, m.ID)}
		for _, b := range m.Brands {
			acc = append(acc, threadIndex(s, threadDimBrand, b))
		}
		cands = append(cands, acc)
	}
	return cands
}

func getRowIn(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error { return decodeRow(b, v) })
}

// Clients returns clients q.Member can see, by name.
func (db *DB) Clients(q model.ClientQuery) (model.ClientPage, error) {
	page := model.ClientPage{Clients: []model.Client{}}
	m, err := db.member(q.Member)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, 2)
	if err != nil {
		return page, err
	}
	name := keyPart(strings.ToLower(q.Prefix))
	from, exclusive := name, false
	if after > from {
		from, exclusive = after, true
	}
	var src source
	switch {
	case q.BrandID != "":
		src = source{clientIndex(q.BrandID)}
	case m.Role == model.RoleOwner:
		src = source{clientIndex("")}
	default:
		for _, b := range m.Brands {
			src = append(src, clientIndex(b))
		}
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		var err error
		page.Clients, page.Next, err = pageScan[model.Client]{src: src, from: from, exclusive: exclusive,
			limit:   limitOf(q.Limit),
			inRange: func(sort string) bool { return strings.HasPrefix(sort, name) },
			keep:    func(cl *model.Client) bool { return clientVisible(m, cl) },
			rowKey:  func(sort string) []byte { return keyClient(clientIDFromSort(sort)) },
		}.run(txn, page.Clients)
		return err
	})
	return page, storeError(err)
}

// clientVisible is who sees a client's file: active teammates of its brand (a participant
// from another brand sees the client's name on the thread, never the file).
func clientVisible(m model.Member, cl *model.Client) bool {
	return !cl.Deleted && m.Active && m.CanAccessBrand(cl.BrandID)
}

// Tasks returns open or done tasks q.Member can see, by due date, tasks without one last.
// With q.DueBefore the walk stops at the first index entry due at or after it: every task
// index is sorted by due date, so the overdue list reads only overdue entries.
func (db *DB) Tasks(q model.TaskQuery) (model.TaskPage, error) {
	page := model.TaskPage{Tasks: []model.Task{}}
	if q.DueBefore < 0 {
		return page, model.Errorf(model.CodeInvalid, "That date is not valid.")
	}
	m, err := db.member(q.Member)
	if err != nil {
		return page, err
	}
	after, err := decodeCursor(q.Cursor, 9)
	if err != nil {
		return page, err
	}
	s := taskStatus(q.Done)
	cands := []source{{taskIndex(s, taskDimAll, "")}}
	for dim, arg := range map[string]string{taskDimAssign: q.AssigneeID, taskDimThread: q.ThreadID, taskDimClient: q.ClientID} {
		if arg != "" {
			cands = append(cands, source{taskIndex(s, dim, arg)})
		}
	}
	match := func(tk *model.Task) bool {
		return !tk.Deleted && tk.Done == q.Done &&
			policy.CanReadTask(m, *tk) &&
			(q.AssigneeID == "" || tk.AssigneeID == q.AssigneeID) &&
			(q.ThreadID == "" || tk.ThreadID == q.ThreadID) &&
			(q.ClientID == "" || tk.ClientID == q.ClientID) &&
			(q.DueBefore == 0 || (tk.DueAt > 0 && tk.DueAt < q.DueBefore))
	}
	var inRange func(sort string) bool
	if q.DueBefore > 0 {
		end := taskDueBound(q.DueBefore)
		inRange = func(sort string) bool { return sort < end }
	}
	limit := limitOf(q.Limit)
	err = db.bdb.View(func(txn *badger.Txn) error {
		src, err := smallest(txn, cands)
		if err != nil {
			return err
		}
		page.Tasks, page.Next, err = pageScan[model.Task]{src: src, from: after, exclusive: after != "",
			limit: limit, keep: match, inRange: inRange,
			rowKey: func(sort string) []byte { return keyTask(taskIDFromSort(sort)) },
		}.run(txn, page.Tasks)
		return err
	})
	return page, storeError(err)
}

// pageScan fills one page of a list: it walks an index from a cursor, loads the row each entry
// names, keeps the rows keep accepts and stops after limit of them, with the cursor of the
// next page. inRange, when set, ends the walk at the first entry outside it (a name prefix).
type pageScan[T any] struct {
	src       source
	from      string
	exclusive bool
	limit     int
	rowKey    func(sort string) []byte
	keep      func(*T) bool
	inRange   func(sort string) bool
}

func (p pageScan[T]) run(txn *badger.Txn, rows []T) ([]T, string, error) {
	var last, next string
	err := scan(txn, p.src, p.from, p.exclusive, func(sort string) (bool, error) {
		if p.inRange != nil && !p.inRange(sort) {
			return false, nil
		}
		var row T
		if err := getRowIn(txn, p.rowKey(sort), &row); err != nil {
			return false, err
		}
		if !p.keep(&row) {
			return true, nil
		}
		if len(rows) == p.limit {
			next = encodeCursor(last)
			return false, nil
		}
		rows = append(rows, row)
		last = sort
		return true, nil
	})
	return rows, next, err
}
