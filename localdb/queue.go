package localdb

import (
	"bytes"
	"errors"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
)

// queueScanLimit bounds each key scan of the team queue (one member's overdue tasks, one
// brand's unassigned threads), in iterator steps: about a quarter of a microsecond each on
// the reference machine, so a scan stops after about 5 ms. Past it the count says "at least"
// (the ...More flags). A shop has tens of each; the limit only keeps a store with a huge
// backlog from making every refresh of the page slow. A variable so tests can lower it.
var queueScanLimit = 20000

// lookupCost is what one point lookup (txn.Get) costs in iterator steps, measured on 20k
// threads: 10,000 lookups took 30–37 ms, stepping through 23,000 keys 5.5 ms.
const lookupCost = 10

// Queue counts the team's workload for q in one read transaction, so the numbers add up with
// each other. It reads no row: a member's open threads and a brand's are index sizes (ixn/),
// a member's unread ones and the asking member's Unassigned view are view counters (cnt/),
// and only two counts walk keys, each bounded by queueScanLimit:
//   - overdue tasks: the open-tasks-by-assignee index is sorted by due date, so they are the
//     keys before q.Now;
//   - a brand's unassigned threads: the entries that the unassigned index and the brand's
//     index share. Every thread index sorts by the same key, so the two are walked side by
//     side, or, when one is far smaller, it alone is walked and its keys looked up in the
//     other.
//
// Members and brands are counted as given; who may ask for whom is the use case's question.
func (db *DB) Queue(q model.QueueQuery) (model.Queue, error) {
	out := model.Queue{Members: make([]model.MemberLoad, 0, len(q.Members)), Brands: make([]model.BrandLoad, 0, len(q.Brands))}
	if _, err := db.member(q.Member); err != nil {
		return out, err
	}
	err := db.bdb.View(func(txn *badger.Txn) error {
		for _, id := range q.Members {
			l, err := memberLoad(txn, id, q.Now)
			if err != nil {
				return err
			}
			out.Members = append(out.Members, l)
		}
		var err error
		if out.Unassigned, err = viewCount(txn, q.Member, model.ViewUnassigned); err != nil {
			return err
		}
		for _, b := range q.Brands {
			l, err := brandLoad(txn, b)
			if err != nil {
				return err
			}
			out.Brands = append(out.Brands, l)
		}
		return nil
	})
	return out, storeError(err)
}

func memberLoad(txn *badger.Txn, id string, now int64) (model.MemberLoad, error) {
	l := model.MemberLoad{MemberID: id}
	if id == "" || id == noneArg { // not a member: "-" is the assignee index's "nobody"
		return l, nil
	}
	open, err := sizeOf(txn, source{threadIndex('o', threadDimAssign, id)})
	if err != nil {
		return l, err
	}
	mine, err := viewCount(txn, id, model.ViewMine)
	if err != nil {
		return l, err
	}
	l.Open, l.Unread = int(open), mine.Unread
	if now > 0 {
		l.Overdue, l.OverdueMore, err = countBefore(txn, taskIndex('o', taskDimAssign, id), appendU64(nil, uint64(now)))
	}
	return l, err
}

func brandLoad(txn *badger.Txn, id string) (model.BrandLoad, error) {
	l := model.BrandLoad{BrandID: id}
	brand := threadIndex('o', threadDimBrand, id)
	open, err := sizeOf(txn, source{brand})
	if err != nil {
		return l, err
	}
	l.Open = int(open)
	l.Unassigned, l.UnassignedMore, err = countShared(txn, threadIndex('o', threadDimAssign, noneArg), brand)
	return l, err
}

// viewCount reads one view's counters of member.
func viewCount(txn *badger.Txn, member string, v model.View) (model.Count, error) {
	total, err := getValue(txn, []byte(keyCounter(member, string(v), false)))
	if err != nil {
		return model.Count{}, err
	}
	unread, err := getValue(txn, []byte(keyCounter(member, string(v), true)))
	if err != nil {
		return model.Count{}, err
	}
	return model.Count{Total: int(u64(total)), Unread: int(u64(unread))}, nil
}

// countBefore counts the entries of one index whose sort key is below end, up to
// queueScanLimit; more reports that it stopped there with such entries left.
func countBefore(txn *badger.Txn, prefix string, end []byte) (n int, more bool, err error) {
	p := []byte(prefix)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		if bytes.Compare(it.Item().Key()[len(p):], end) >= 0 {
			return n, false, nil
		}
		if n == queueScanLimit {
			return n, true, nil
		}
		n++
	}
	return n, false, nil
}

// countShared counts the sort keys two indexes of the same kind share, within
// queueScanLimit steps; more reports that it stopped there with keys left to compare.
func countShared(txn *badger.Txn, a, b string) (n int, more bool, err error) {
	na, err := sizeOf(txn, source{a})
	if err != nil {
		return 0, false, err
	}
	nb, err := sizeOf(txn, source{b})
	if err != nil || na == 0 || nb == 0 {
		return 0, false, err
	}
	if nb < na {
		a, b, na, nb = b, a, nb, na
	}
	if cheaperToLookUp(na, nb) {
		return lookUpShared(txn, a, b)
	}
	return mergeShared(txn, a, b)
}

// cheaperToLookUp reports whether looking up each key of an index of small entries in one of
// large entries costs less than walking both.
func cheaperToLookUp(small, large int64) bool { return lookupCost*small < small+large }

// mergeShared walks two indexes side by side, one step at a time on the one behind.
func mergeShared(txn *badger.Txn, a, b string) (n int, more bool, err error) {
	pa, pb := []byte(a), []byte(b)
	ia := txn.NewIterator(badger.IteratorOptions{Prefix: pa})
	defer ia.Close()
	ib := txn.NewIterator(badger.IteratorOptions{Prefix: pb})
	defer ib.Close()
	ia.Seek(pa)
	ib.Seek(pb)
	for steps := 0; ia.ValidForPrefix(pa) && ib.ValidForPrefix(pb); steps++ {
		if steps >= queueScanLimit {
			return n, true, nil
		}
		switch c := bytes.Compare(ia.Item().Key()[len(pa):], ib.Item().Key()[len(pb):]); {
		case c == 0:
			n++
			ia.Next()
			ib.Next()
		case c < 0:
			ia.Next()
		default:
			ib.Next()
		}
	}
	return n, false, nil
}

// lookUpShared walks the small index and looks each of its keys up in the large one.
func lookUpShared(txn *badger.Txn, small, large string) (n int, more bool, err error) {
	p := []byte(small)
	key := []byte(large)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	steps := 0
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		if steps >= queueScanLimit {
			return n, true, nil
		}
		steps += lookupCost
		key = append(key[:len(large)], it.Item().Key()[len(p):]...)
		switch _, err := txn.Get(key); {
		case err == nil:
			n++
		case !errors.Is(err, badger.ErrKeyNotFound):
			return n, false, err
		}
	}
	return n, false, nil
}
