package localdb

import (
	"strings"

	"huddle/internal/model"
)

// The search index is one empty key per (token, row):
//
//	sx/m/<token> 0 <^createdAt u64> <threadID> 0 <msgID>   messages, notes and announcements
//	sx/t/<token> 0 <^createdAt u64> <threadID>             thread subjects
//	sx/c/<token> 0 <lower(name)> 0 <clientID>              clients (clientSort)
//
// The kind comes before the token so that the tokens of one kind starting with what is being
// typed are one contiguous range; within a token, rows sort the way the results are shown
// (newest first, clients by name). Like the other indexes, a row's keys are a pure function of
// the row, written in the same transaction as the row: a write deletes old − new and adds
// new − old. Unlike them it keeps no ixn/ sizes: a message adds tens of keys, and counting
// each would cost a read per token per write for a number the query does not need (it
// intersects the lists instead of choosing the smallest).
const (
	prefixSearch  = "sx/"
	searchMessage = 'm'
	searchThread  = 't'
	searchClient  = 'c'
)

// searchTokenPrefix is where the tokens of one kind starting with t begin.
func searchTokenPrefix(kind byte, t string) string {
	return prefixSearch + string(kind) + "/" + t
}

// searchList is the prefix of one token's list of rows.
func searchList(kind byte, t string) string { return searchTokenPrefix(kind, t) + sep }

func searchKeys(kind byte, sort string, tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = searchList(kind, t) + sort
	}
	return out
}

// searchable says whether a timeline entry is worth finding: the entries that count as
// activity (messages, notes, announcements), not event lines or deleted entries.
func searchable(m *model.Message) bool { return m != nil && m.IsActivity() }

func messageSearchSort(threadID string, createdAt int64, msgID string) string {
	return string(appendU64(nil, ^clampU64(createdAt))) + keyPart(threadID) + sep + keyPart(msgID)
}

// messageFromSearchSort undoes messageSearchSort.
func messageFromSearchSort(s string) (threadID string, createdAt int64, msgID string) {
	rest := s[8:]
	i := strings.IndexByte(rest, 0)
	return rest[:i], int64(^u64([]byte(s[:8]))), rest[i+1:]
}

func messageSearchKeys(threadID string, m *model.Message) []string {
	if !searchable(m) {
		return nil
	}
	return searchKeys(searchMessage, messageSearchSort(threadID, m.CreatedAt, m.ID), distinctTokens(m.Body))
}

func threadSearchSort(th *model.Thread) string {
	return string(appendU64(nil, ^clampU64(th.CreatedAt))) + keyPart(th.ID)
}

func threadSearchKeys(th *model.Thread) []string {
	if th == nil || th.Deleted || th.Subject == "" {
		return nil
	}
	return searchKeys(searchThread, threadSearchSort(th), distinctTokens(th.Subject))
}

// clientTexts is what finds a client: its name, its contacts' names, emails and phones, and
// its tags. Phones are also indexed as their digits alone, so "0612" finds "06 12 34 56 78".
func clientTexts(cl *model.Client) []string {
	texts := []string{cl.Name}
	phone := func(p string) {
		texts = append(texts, p, strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, p))
	}
	for _, c := range cl.Contacts {
		texts = append(texts, c.Name, c.Email)
		phone(c.Phone)
	}
	texts = append(texts, cl.Emails...)
	for _, p := range cl.Phones {
		phone(p)
	}
	return append(texts, cl.Tags...)
}

func clientSearchKeys(cl *model.Client) []string {
	if cl == nil || cl.Deleted {
		return nil
	}
	return searchKeys(searchClient, clientSort(cl.Name, cl.ID), distinctTokens(clientTexts(cl)...))
}

// moveSearch deletes old − new and adds new − old.
func (b *batch) moveSearch(old, new []string) error {
	if len(old) == 0 && len(new) == 0 {
		return nil
	}
	had := make(map[string]bool, len(old))
	for _, k := range old {
		had[k] = true
	}
	for _, k := range new {
		if had[k] {
			delete(had, k)
			continue
		}
		if err := b.txn.Set([]byte(k), nil); err != nil {
			return err
		}
	}
	for k := range had {
		if err := b.txn.Delete([]byte(k)); err != nil {
			return err
		}
	}
	return nil
}
