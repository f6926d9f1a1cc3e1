package localdb

import (
	"errors"
	"slices"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/policy"
)

// A search runs per kind of row (clients, thread subjects, messages) and finds the rows whose
// tokens hold every query term:
//
//   - with finished words (every term but the last), it intersects their token lists, which
//     share one sort order, by leapfrogging: each list seeks to the largest key seen so far,
//     so the walk costs about the length of the shortest list, whichever that is; the last
//     (unfinished) term is then checked on each candidate row, which is read anyway;
//   - with one word only, it expands it to the indexed tokens it starts (at most
//     maxExpansions, shortest first among equals, since keys sort the token itself before its
//     longer neighbours) and walks their lists merged in sort order (scan).
//
// Either way rows come newest first (clients by name), so a walk stops after limit accepted
// rows; a walk that reads maxVisits rows without filling the page stops there too, so a
// search stays instant when common words rarely meet.
const (
	maxExpansions = 128
	maxVisits     = 4000
)

// Search finds the clients and conversations q.Member can see whose words match q.Text.
func (db *DB) Search(q model.SearchQuery) (model.SearchResult, error) {
	res := model.SearchResult{Clients: []model.ClientHit{}, Threads: []model.ThreadHit{}}
	m, err := db.member(q.Member)
	if err != nil {
		return res, err
	}
	t, ok := parseTerms(q.Text)
	if !ok {
		return res, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = model.SearchLimit
	}
	limit = min(limit, model.MaxSearchLimit)
	s := searcher{txn: db.bdb.NewTransaction(false), m: m, t: t, limit: limit, threads: map[string]*model.Thread{}}
	defer s.txn.Discard()
	if res.Clients, err = s.clients(res.Clients); err != nil {
		return res, storeError(err)
	}
	if res.Threads, err = s.threadHits(); err != nil {
		return res, storeError(err)
	}
	return res, nil
}

type searcher struct {
	txn     *badger.Txn
	m       model.Member
	t       terms
	limit   int
	threads map[string]*model.Thread // thread rows read so far; nil: gone or not visible
}

// walk calls visit with the sort key of every row of kind whose index entries hold every
// finished term and a token starting with the last; with finished terms, visit checks the
// last itself (see the comment at the top). visit returns whether it kept the row.
func (s *searcher) walk(kind byte, visit func(sort string) (bool, error)) error {
	kept, visits := 0, 0
	step := func(sort string) (bool, error) {
		ok, err := visit(sort)
		if err != nil {
			return false, err
		}
		if ok {
			kept++
		}
		visits++
		return kept < s.limit && visits < maxVisits, nil
	}
	if len(s.t.exact) > 0 {
		lists := make([]string, len(s.t.exact))
		for i, e := range s.t.exact {
			lists[i] = searchList(kind, e)
		}
		return intersect(s.txn, lists, step)
	}
	lists, err := s.expand(kind, s.t.last)
	if err != nil || len(lists) == 0 {
		return err
	}
	return scan(s.txn, lists, "", false, step)
}

// expand lists the token lists of kind whose token starts with prefix.
func (s *searcher) expand(kind byte, prefix string) (source, error) {
	p := []byte(searchTokenPrefix(kind, prefix))
	from := len(searchTokenPrefix(kind, ""))
	it := s.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	var lists source
	for it.Seek(p); it.ValidForPrefix(p) && len(lists) < maxExpansions; {
		k := it.Item().Key()
		end := from + slices.Index(k[from:], 0)
		if end < from {
			it.Next() // not a search key; cannot happen, but never loop on it
			continue
		}
		list := string(k[:end+1])
		lists = append(lists, list)
		it.Seek(prefixEnd([]byte(list))) // the next token
	}
	return lists, nil
}

// intersect calls visit with every sort key present under all prefixes, in order.
func intersect(txn *badger.Txn, prefixes []string, visit func(sort string) (bool, error)) error {
	its := make([]*badger.Iterator, len(prefixes))
	for i, p := range prefixes {
		its[i] = txn.NewIterator(badger.IteratorOptions{Prefix: []byte(p)})
		defer its[i].Close()
		its[i].Seek([]byte(p))
	}
	// at moves list i to the first key at or after target and returns its sort key.
	at := func(i int, target string) (string, bool) {
		it, p := its[i], prefixes[i]
		if !it.ValidForPrefix([]byte(p)) {
			return "", false
		}
		if cur := string(it.Item().Key()[len(p):]); cur >= target {
			return cur, true
		}
		it.Seek([]byte(p + target))
		if !it.ValidForPrefix([]byte(p)) {
			return "", false
		}
		return string(it.Item().Key()[len(p):]), true
	}
	target, agree := "", 0
	for i := 0; ; i = (i + 1) % len(its) {
		cur, ok := at(i, target)
		if !ok {
			return nil
		}
		if cur != target || agree == 0 {
			target, agree = cur, 0
		}
		if agree++; agree < len(its) {
			continue
		}
		more, err := visit(target)
		if err != nil || !more {
			return err
		}
		// The smallest key after target: every list moves past it.
		target, agree = target+sep, 0
	}
}

func (s *searcher) clients(out []model.ClientHit) ([]model.ClientHit, error) {
	err := s.walk(searchClient, func(sort string) (bool, error) {
		var cl model.Client
		if err := getRowIn(s.txn, keyClient(clientIDFromSort(sort)), &cl); err != nil {
			return false, ignoreGone(err)
		}
		if !clientVisible(s.m, &cl) || (len(s.t.exact) > 0 && !s.t.hasLast(clientTexts(&cl)...)) {
			return false, nil
		}
		out = append(out, model.ClientHit{ID: cl.ID, Name: cl.Name, BrandID: cl.BrandID, ChatThreadID: cl.ChatThreadID})
		return true, nil
	})
	return out, err
}

// threadHits finds the newest matching message of up to limit conversations and the newest
// conversations whose subject matches, and keeps the newest hit of each conversation.
func (s *searcher) threadHits() ([]model.ThreadHit, error) {
	var hits []model.ThreadHit
	seen := map[string]bool{}
	err := s.walk(searchMessage, func(sort string) (bool, error) {
		threadID, createdAt, msgID := messageFromSearchSort(sort)
		if seen[threadID] {
			return false, nil
		}
		th, err := s.thread(threadID)
		if err != nil || th == nil {
			return false, err
		}
		var msg model.Message
		if err := getRowIn(s.txn, keyMessage(threadID, createdAt, msgID), &msg); err != nil {
			return false, ignoreGone(err)
		}
		if len(s.t.exact) > 0 && !s.t.hasLast(msg.Body) {
			return false, nil
		}
		seen[threadID] = true
		kind := model.HitMessage
		if msg.Kind == model.KindNote {
			kind = model.HitNote
		}
		hits = append(hits, threadHit(th, msg.ID, kind, snippet(msg.Body, s.t), msg.CreatedAt))
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	bySubject := map[string]bool{}
	err = s.walk(searchThread, func(sort string) (bool, error) {
		th, err := s.thread(threadIDFromSort(sort))
		if err != nil || th == nil || bySubject[th.ID] {
			return false, err
		}
		if len(s.t.exact) > 0 && !s.t.hasLast(th.Subject) {
			return false, nil
		}
		bySubject[th.ID] = true
		if !seen[th.ID] {
			hits = append(hits, threadHit(th, "", model.HitSubject, th.Subject, th.CreatedAt))
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	// Both walks came newest first; a stable sort keeps that order among equal times.
	slices.SortStableFunc(hits, func(a, b model.ThreadHit) int { return int(min(max(b.CreatedAt-a.CreatedAt, -1), 1)) })
	if len(hits) > s.limit {
		hits = hits[:s.limit]
	}
	if hits == nil {
		hits = []model.ThreadHit{}
	}
	return hits, nil
}

func threadHit(th *model.Thread, msgID string, kind model.HitKind, snip string, at int64) model.ThreadHit {
	return model.ThreadHit{ThreadID: th.ID, ClientID: th.ClientID, ClientName: th.ClientName, BrandID: th.BrandID,
		Channel: th.Channel, Subject: th.Subject, MessageID: msgID, Kind: kind, Snippet: snip, CreatedAt: at}
}

// thread returns a thread row the member may read, nil when it is deleted, missing or not
// theirs; rows are read once per search.
func (s *searcher) thread(id string) (*model.Thread, error) {
	if th, ok := s.threads[id]; ok {
		return th, nil
	}
	th := new(model.Thread)
	if err := getRowIn(s.txn, keyThread(id), th); err != nil {
		return nil, ignoreGone(err)
	}
	if th.Deleted || !policy.CanReadThread(s.m, *th) {
		th = nil
	}
	s.threads[id] = th
	return th, nil
}

// ignoreGone treats a row an index names but that is missing as not found: never expected,
// since both are written in one transaction, but no reason to fail a search.
func ignoreGone(err error) error {
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	return err
}
