package localdb

import (
	"slices"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
)

// Threads are filtered by their client's tags, which live on the client document alone:
// copying them into every thread document would make tagging a client a write to all its
// conversations, on every device. The read model joins them instead. A thread's tag entries
// are one threadDimTag entry per tag of its client's row, with the thread's own sort key, and
// the store keeps them equal to that whichever document changes:
//
//   - when a thread row moves, projectThread moves its tag entries with the client's tags as
//     the transaction sees them;
//   - when a client's tags change, retagThreads moves the entries of the client's threads,
//     found through the by-client index (same sort keys).
//
// A thread that arrives before its client has no tag entries until the client arrives.

// tagsOf lists a client's distinct tags; none for a missing or deleted client.
func tagsOf(cl *model.Client) []string {
	if cl == nil || cl.Deleted {
		return nil
	}
	var out []string
	for _, t := range cl.Tags {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// clientTagsIn returns the tags of the client row the transaction holds.
func clientTagsIn(txn *badger.Txn, clientID string) ([]string, error) {
	if clientID == "" {
		return nil, nil
	}
	raw, err := getValue(txn, keyClient(clientID))
	if err != nil || raw == nil {
		return nil, err
	}
	var cl model.Client
	if err := decodeRow(raw, &cl); err != nil {
		return nil, err
	}
	return tagsOf(&cl), nil
}

// clientTagEntries lists a client's entries in its brand's tag index.
func clientTagEntries(cl *model.Client) []ixEntry {
	tags := tagsOf(cl)
	out := make([]ixEntry, len(tags))
	for i, t := range tags {
		out[i] = ixEntry{clientTagIndex(cl.BrandID, t), clientSort(cl.Name, cl.ID)}
	}
	return out
}

// threadTagEntries lists the tag entries of a thread whose client has tags.
func threadTagEntries(th *model.Thread, tags []string) []ixEntry {
	if th == nil || th.Deleted || len(tags) == 0 {
		return nil
	}
	s, sk := threadStatus(th), threadSort(th.LastActivityAt, th.ID)
	out := make([]ixEntry, len(tags))
	for i, t := range tags {
		out[i] = ixEntry{threadIndex(s, threadDimTag, t), sk}
	}
	return out
}

// threadPlace is where a thread sorts in its indexes; a zero place has no entries.
type threadPlace struct {
	status byte
	sort   string
}

// notePlace records where a thread projected in this batch now sorts, for retagThreads.
func (b *batch) notePlace(th *model.Thread) {
	if th.ClientID == "" {
		return
	}
	if b.placed == nil {
		b.placed = map[string]map[string]threadPlace{}
	}
	if b.placed[th.ClientID] == nil {
		b.placed[th.ClientID] = map[string]threadPlace{}
	}
	var p threadPlace
	if !th.Deleted {
		p = threadPlace{threadStatus(th), threadSort(th.LastActivityAt, th.ID)}
	}
	b.placed[th.ClientID][th.ID] = p
}

// projectClient writes a client row and, when its tags changed, its threads' tag entries.
func (b *batch) projectClient(d *crdt.Doc) (string, error) {
	cl, err := d.Client().Row()
	if err != nil {
		return "", unreadable(err)
	}
	old, err := clientTagsIn(b.txn, cl.ID)
	if err != nil {
		return "", err
	}
	if err := putRow(b, keyClient(cl.ID), &cl, clientEntries, clientSearchKeys); err != nil {
		return "", err
	}
	return cl.BrandID, b.retagThreads(cl.ID, old, tagsOf(&cl))
}

// retagThreads moves the tag entries of a client's threads from the old tags to the new.
// The stored threads come from the by-client index as committed, read in a read-only
// transaction (an iterator of the write transaction would sort all its pending writes
// first); the threads this batch projected come from b.placed, where they are now.
func (b *batch) retagThreads(clientID string, old, new []string) error {
	var gone, added []string
	for _, t := range old {
		if !slices.Contains(new, t) {
			gone = append(gone, t)
		}
	}
	for _, t := range new {
		if !slices.Contains(old, t) {
			added = append(added, t)
		}
	}
	if len(gone)+len(added) == 0 {
		return nil
	}
	move := func(p threadPlace) error {
		for _, t := range gone {
			prefix := threadIndex(p.status, threadDimTag, t)
			if err := b.txn.Delete([]byte(prefix + p.sort)); err != nil {
				return err
			}
			b.ixN[prefix]--
		}
		for _, t := range added {
			prefix := threadIndex(p.status, threadDimTag, t)
			if err := b.txn.Set([]byte(prefix+p.sort), nil); err != nil {
				return err
			}
			b.ixN[prefix]++
		}
		return nil
	}
	placed := b.placed[clientID]
	rtxn := b.db.bdb.NewTransaction(false)
	defer rtxn.Discard()
	for _, status := range []byte{'o', 'r'} {
		p := []byte(threadIndex(status, threadDimClient, clientID))
		it := rtxn.NewIterator(badger.IteratorOptions{Prefix: p})
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			sort := string(it.Item().Key()[len(p):])
			if _, moved := placed[threadIDFromSort(sort)]; moved {
				continue
			}
			if err := move(threadPlace{status, sort}); err != nil {
				it.Close()
				return err
			}
		}
		it.Close()
	}
	for _, p := range placed {
		if p.sort != "" {
			if err := move(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// ClientTags lists the tags of the clients member can see, in order: what the inbox can be
// filtered by.
func (db *DB) ClientTags(member string) ([]string, error) {
	m, err := db.member(member)
	if err != nil {
		return nil, err
	}
	var tags []string
	err = db.bdb.View(func(txn *badger.Txn) error {
		for _, b := range db.workspace().ws.Brands {
			if !m.CanAccessBrand(b.ID) {
				continue
			}
			p := []byte(clientTags(b.ID))
			it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
			for it.Seek(p); it.ValidForPrefix(p); {
				k := it.Item().Key()
				end := len(p) + slices.Index(k[len(p):], 0)
				if end < len(p) {
					it.Next() // not an index key; cannot happen, but never loop on it
					continue
				}
				tags = append(tags, string(k[len(p):end]))
				it.Seek(prefixEnd(k[:end+1])) // the next tag
			}
			it.Close()
		}
		return nil
	})
	slices.Sort(tags)
	return slices.Compact(tags), storeError(err)
}
