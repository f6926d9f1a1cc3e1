package crdt

import (
	"sort"
	"strings"

	"github.com/automerge/automerge-go"
)

// The readers below never panic on a value of the wrong kind: a document may come from another
// device or an older version, and a bad field must read as empty rather than crash the app.

type fields = map[string]*automerge.Value

func str(f fields, k string) string {
	if v, ok := f[k]; ok && v.Kind() == automerge.KindStr {
		return v.Str()
	}
	return ""
}

func i64(f fields, k string) int64 {
	v, ok := f[k]
	if !ok {
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

func boolean(f fields, k string) bool {
	if v, ok := f[k]; ok && v.Kind() == automerge.KindBool {
		return v.Bool()
	}
	return false
}

// sub returns the fields of the nested map at k, or nil.
func sub(f fields, k string) fields {
	v, ok := f[k]
	if !ok || v.Kind() != automerge.KindMap {
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

func (d *Doc) setAt(v any, path ...any) error { return d.am.Path(path...).Set(v) }

func (d *Doc) deleteAt(path ...any) error { return d.am.Path(path...).Delete() }

// setMember adds or removes key in the set map at name.
func (d *Doc) setMember(name, key string, on bool) error {
	if on {
		return d.mapAt(name).Set(key, true)
	}
	return d.mapAt(name).Delete(key)
}

func (d *Doc) root() (fields, error) { return d.am.RootMap().Values() }
