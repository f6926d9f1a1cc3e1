package crdt

import (
	"sort"
	"strings"

	"github.com/automerge/automerge-go"
)

// The readers below never panic on a value of the wrong kind: a document may come from another
// device or an older version, and a bad field must read as empty rather than crash the app.

type fields = map[string]*automerge.Value

func str(f fields, k string) string { return strOf(f[k]) }

func strOf(v *automerge.Value) string {
	if v != nil && v.Kind() == automerge.KindStr {
		return v.Str()
	}
	return ""
}

func i64(f fields, k string) int64 { return i64Of(f[k]) }

func i64Of(v *automerge.Value) int64 {
	if v == nil {
		return 0
	}
	switch v.Kind() {
	case automerge.KindInt64:
		return v.Int64()
	case automerge.KindUint64:
		return int64(v.Uint64())
	case automerge.KindFloat64:
		return int64(v.Float64())
	case automerge.KindTime:
		return v.Time().UnixMilli()
	}
	return 0
}

func boolean(f fields, k string) bool { return boolOf(f[k]) }

func boolOf(v *automerge.Value) bool {
	return v != nil && v.Kind() == automerge.KindBool && v.Bool()
}

// sub returns the fields of the nested map at k, or nil.
func sub(f fields, k string) fields { return subOf(f[k]) }

func subOf(v *automerge.Value) fields {
	if v == nil || v.Kind() != automerge.KindMap {
		return nil
	}
	out, err := v.Map().Values()
	if err != nil {
		return nil
	}
	return out
}

// setKeys returns the sorted keys of a set map (key → true).
func setKeys(f fields) []string {
	out := make([]string, 0, len(f))
	for k, v := range f {
		if v.Kind() == automerge.KindBool && v.Bool() {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func strMap(f fields) map[string]string {
	out := make(map[string]string, len(f))
	for k, v := range f {
		if v.Kind() == automerge.KindStr {
			out[k] = v.Str()
		}
	}
	return out
}

func intMap(f fields) map[string]int64 {
	out := make(map[string]int64, len(f))
	for k := range f {
		out[k] = i64(f, k)
	}
	return out
}

func joinList(xs []string) string { return strings.Join(xs, ",") }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func sortStrings(xs []string) { sort.Strings(xs) }

// mapAt returns the nested map at key of root; it must have been created with the document.
func (d *Doc) mapAt(path ...any) *automerge.Map { return d.am.Path(path...).Map() }

// The writers below name the root key they change (see changed); every write to a document
// goes through them, create or putEntry.

func (d *Doc) setAt(v any, path ...any) error {
	if k, ok := path[0].(string); ok {
		d.changed(k)
	}
	return d.am.Path(path...).Set(v)
}

// setIn sets key in the nested map at name.
func (d *Doc) setIn(name, key string, v any) error {
	d.changed(name)
	return d.mapAt(name).Set(key, v)
}

// deleteIn removes key from the nested map at name.
func (d *Doc) deleteIn(name, key string) error {
	d.changed(name)
	return d.mapAt(name).Delete(key)
}

// setMember adds or removes key in the set map at name.
func (d *Doc) setMember(name, key string, on bool) error {
	if on {
		return d.setIn(name, key, true)
	}
	return d.deleteIn(name, key)
}

// putEntry creates section/id as a map the first time (with the given nested maps, so no two
// devices ever create them concurrently) and then sets its fields one by one in that map, so
// concurrent edits of different fields of one entry both survive: replacing the whole map
// would make one device's map win and the other's edit vanish. Automerge records no operation
// for a field set to the value it already has, so unchanged fields do not compete either.
func (d *Doc) putEntry(section, id string, f map[string]any, nested ...string) error {
	d.changed(section)
	sec := d.mapAt(section)
	v, err := sec.Get(id)
	if err != nil {
		return err
	}
	var entry *automerge.Map
	if v.Kind() == automerge.KindMap {
		entry = v.Map()
	} else {
		entry = automerge.NewMap()
		if err := sec.Set(id, entry); err != nil {
			return err
		}
		for _, n := range nested {
			if err := entry.Set(n, automerge.NewMap()); err != nil {
				return err
			}
		}
	}
	for k, val := range f {
		if err := entry.Set(k, val); err != nil {
			return err
		}
	}
	return nil
}

func (d *Doc) root() (fields, error) { return d.am.RootMap().Values() }
