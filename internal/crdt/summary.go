package crdt

import (
	"maps"
	"slices"
	"sort"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// A store projects a thread's summary before a write (the use case checks access and state)
// and again after it, and reading the whole root through cgo is the dearest part: about 35 us
// for the twenty-odd root entries, most of which a write leaves alone. So a document keeps the
// summary it last projected, and the writers in values.go name each root key they change;
// Summary then re-reads only those keys. Every field is projected by the same function
// whether the whole root or one key is read, so both ways give the same summary.

// threadScalars project the scalar root keys of a thread.
var threadScalars = map[string]func(th *model.Thread, v *automerge.Value){
	"brand":      func(th *model.Thread, v *automerge.Value) { th.BrandID = strOf(v) },
	"client":     func(th *model.Thread, v *automerge.Value) { th.ClientID = strOf(v) },
	"clientName": func(th *model.Thread, v *automerge.Value) { th.ClientName = strOf(v) },
	"channel":    func(th *model.Thread, v *automerge.Value) { th.Channel = model.Channel(strOf(v)) },
	"subject":    func(th *model.Thread, v *automerge.Value) { th.Subject = strOf(v) },
	"clientChat": func(th *model.Thread, v *automerge.Value) { th.ClientChat = boolOf(v) },
	"assignee":   func(th *model.Thread, v *automerge.Value) { th.AssigneeID = strOf(v) },
	"createdAt":  func(th *model.Thread, v *automerge.Value) { th.CreatedAt = i64Of(v) },
	"deleted":    func(th *model.Thread, v *automerge.Value) { th.Deleted = boolOf(v) },
	"status": func(th *model.Thread, v *automerge.Value) {
		th.Status = model.StatusOpen
		if model.Status(strOf(v)) == model.StatusResolved {
			th.Status = model.StatusResolved
		}
	},
}

// threadMapFields project the nested maps of a thread.
var threadMapFields = map[string]func(th *model.Thread, f fields){
	"labels":    func(th *model.Thread, f fields) { th.Labels = setKeys(f) },
	"watchers":  func(th *model.Thread, f fields) { th.Watchers = setKeys(f) },
	"followers": func(th *model.Thread, f fields) { th.Followers = setKeys(f) },
	"readBy":    func(th *model.Thread, f fields) { th.ReadBy = intMap(f) },
	"participants": func(th *model.Thread, f fields) {
		th.Participants = map[string]model.Access{}
		for k, v := range strMap(f) {
			th.Participants[k] = model.Access(v)
		}
	},
	"mentioned": func(th *model.Thread, f fields) {
		th.Mentioned = nil
		for k := range f {
			th.Mentioned = append(th.Mentioned, k)
		}
		sort.Strings(th.Mentioned)
	},
}

// changed records that a writer changed the root key k (or something inside it).
func (d *Doc) changed(k string) {
	if d.summary == nil {
		return
	}
	if d.stale == nil {
		d.stale = map[string]struct{}{}
	}
	d.stale[k] = struct{}{}
}

// Summary projects the thread's own fields. The store adds the last-activity fields from
// message rows. The caller may change what it gets.
func (t Thread) Summary() (model.Thread, error) {
	d := t.d
	if d.summary == nil {
		th, err := t.summaryFromRoot()
		if err != nil {
			return model.Thread{}, err
		}
		d.summary, d.stale = &th, nil
	} else if len(d.stale) > 0 {
		root := d.am.RootMap()
		for k := range d.stale {
			set, setMap := threadScalars[k], threadMapFields[k]
			if set == nil && setMap == nil {
				continue // not part of the summary (messages)
			}
			v, err := root.Get(k)
			if err != nil {
				d.summary = nil
				return model.Thread{}, err
			}
			if set != nil {
				set(d.summary, v)
			} else {
				setMap(d.summary, subOf(v))
			}
		}
		d.stale = nil
	}
	return cloneThread(*d.summary), nil
}

// summaryFromRoot projects the summary from the whole root.
func (t Thread) summaryFromRoot() (model.Thread, error) {
	root, err := t.d.root()
	if err != nil {
		return model.Thread{}, err
	}
	th := model.Thread{ID: t.d.id}
	for k, set := range threadScalars {
		set(&th, root[k])
	}
	for k, set := range threadMapFields {
		set(&th, sub(root, k))
	}
	return th, nil
}

// cloneThread copies th's slices and maps, keeping nil ones nil.
func cloneThread(th model.Thread) model.Thread {
	th.Labels, th.Watchers = slices.Clone(th.Labels), slices.Clone(th.Watchers)
	th.Followers, th.Mentioned = slices.Clone(th.Followers), slices.Clone(th.Mentioned)
	th.Participants, th.ReadBy = maps.Clone(th.Participants), maps.Clone(th.ReadBy)
	return th
}
