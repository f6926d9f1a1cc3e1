package localdb

import (
	"cmp"
	"errors"
	"slices"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/policy"
)

// A search runs per kind of row (clients, thread subjects, messages) and finds the rows whose
// tokens hold every query term. Every finished word (all but the last) must be a token; the
// last, still being typed, may start one, so it expands to the indexed tokens it starts (the
// first maxExpansions of them in key order, the token itself first), whose lists, merged, are
// one source:
//
//   - with finished words, it intersects their token lists and the last word's source, which
//     share one sort order, by leapfrogging: each source seeks to the largest key seen so far,
//     so the walk costs about the length of the shortest list, whichever that is. A last word
//     that starts more than maxUnion tokens (one or two letters) would cost a seek per token
//     at every step; it is left out of the intersection and checked on each candidate row
//     instead, which is read anyway; so is a last word that is a stop word, since rows may
//     hold it without a key for it;
//   - with one word only, it walks the last word's source in sort order (scan).
//
// Either way rows come newest first (clients by name), so a walk stops after limit accepted
// rows; a walk that reads maxVisits rows without filling the page stops there too, so a
// search stays instant when common words rarely meet. A last word that starts more than
// maxExpansions tokens (one or two letters in a large workspace) finds only the rows of the
// first ones, until another letter narrows it.
const (
	maxExpansions = 128
	maxUnion      = 8
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
	txn       *badger.Txn
	m         model.Member
	t         terms
	limit     int
	threads   map[string]*model.Thread // thread rows read so far; nil: gone or not visible
	checkLast bool                     // the current walk left the last word to visit
}

// walk calls visit with the sort key of every row of kind whose index entries hold every
// finished term and a token starting with the last; when s.checkLast is set, visit checks
// the last itself (see the comment at the top). visit returns whether it kept the row.
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
	last, err := s.expand(kind, s.t.last)
	s.checkLast = false
	if err != nil {
		return err
	}
	if len(s.t.exact) == 0 {
		if len(last) == 0 {
			return nil
		}
		return scan(s.txn, last, "", false, step)
	}
	sources := make([]source, 0, len(s.t.exact)+1)
	for _, e := range s.t.exact {
		sources = append(sources, source{searchList(kind, e)})
	}
	if len(last) <= maxUnion && !stopWords[s.t.last] {
		sources = append(sources, last)
	} else {
		s.checkLast = true
	}
	return intersect(s.txn, sources, step)
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

// intersect calls visit with every sort key present in all sources, in order; a key is in a
// source when it is under one of its prefixes.
func intersect(txn *badger.Txn, sources []source, visit func(sort string) (bool, error)) error {
	its := make([][]*badger.Iterator, len(sources))
	for i, src := range sources {
		for _, p := range src {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(p)})
			defer it.Close()
			it.Seek([]byte(p))
			its[i] = append(its[i], it)
		}
	}
	// at moves source i to the first key at or after target and returns its sort key.
	at := func(i int, target string) (string, bool) {
		first, found := "", false
		for j, it := range its[i] {
			p := sources[i][j]
			if !it.ValidForPrefix([]byte(p)) {
				continue
			}
			if string(it.Item().Key()[len(p):]) < target {
				it.Seek([]byte(p + target))
				if !it.ValidForPrefix([]byte(p)) {
					continue
				}
			}
			if cur := string(it.Item().Key()[len(p):]); !found || cur < first {
				first, found = cur, true
			}
		}
		return first, found
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
		// The smallest key after target: every source moves past it.
		target, agree = target+sep, 0
	}
}

func (s *searcher) clients(out []model.ClientHit) ([]model.ClientHit, error) {
	err := s.walk(searchClient, func(sort string) (bool, error) {
		var cl model.Client
		if err := getRowIn(s.txn, keyClient(clientIDFromSort(sort)), &cl); err != nil {
			return false, ignoreGone(err)
		}
		if !clientVisible(s.m, &cl) || (s.checkLast && !s.t.hasLast(clientTexts(&cl)...)) {
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
		if s.checkLast && !s.t.hasLast(msg.Body) {
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
	err = s.walk(searchThread, func(sort string) (bool, error) {
		th, err := s.thread(threadIDFromSort(sort))
		if err != nil || th == nil {
			return false, err
		}
		if s.checkLast && !s.t.hasLast(th.Subject) {
			return false, nil
		}
		if !seen[th.ID] {
			hits = append(hits, threadHit(th, "", model.HitSubject, th.Subject, th.CreatedAt))
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	// Both walks came newest first; a stable sort keeps that order among equal times.
	slices.SortStableFunc(hits, func(a, b model.ThreadHit) int { return cmp.Compare(b.CreatedAt, a.CreatedAt) })
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
