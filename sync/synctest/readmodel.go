package synctest

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"huddle/internal/model"
	"huddle/localdb"
)

// ReadModel is everything a store shows its members: the workspace, every member's counts
// (unread included), inbox views and tasks, and the timeline of every thread.
type ReadModel struct {
	Workspace model.Workspace
	Counts    map[string]map[model.View]model.Count      // member → view → count
	Views     map[string]map[model.View]model.ThreadPage // member → view → threads
	Tasks     map[string][2]model.TaskPage               // member → open, done
	Timelines map[string][]model.Message                 // thread → messages
}

// ReadModels reads a store's read models.
func ReadModels(t testing.TB, db *localdb.DB) ReadModel {
	t.Helper()
	ws, err := db.Workspace()
	if err != nil {
		t.Fatalf("workspace: %v", err)
	}
	rm := ReadModel{Workspace: ws, Counts: map[string]map[model.View]model.Count{},
		Views: map[string]map[model.View]model.ThreadPage{}, Tasks: map[string][2]model.TaskPage{},
		Timelines: map[string][]model.Message{}}
	for _, m := range ws.Members {
		if rm.Counts[m.ID], err = db.Counts(m.ID); err != nil {
			t.Fatalf("counts of %s: %v", m.Name, err)
		}
		rm.Views[m.ID] = map[model.View]model.ThreadPage{}
		for _, v := range model.Views {
			if rm.Views[m.ID][v], err = db.Threads(model.ThreadQuery{Member: m.ID, View: v, Limit: 10000}); err != nil {
				t.Fatalf("view %s of %s: %v", v, m.Name, err)
			}
		}
		var tasks [2]model.TaskPage
		for i, done := range []bool{false, true} {
			if tasks[i], err = db.Tasks(model.TaskQuery{Member: m.ID, Done: done, Limit: 10000}); err != nil {
				t.Fatalf("tasks of %s: %v", m.Name, err)
			}
		}
		rm.Tasks[m.ID] = tasks
	}
	rm.Timelines = Timelines(t, db)
	return rm
}

// Timelines returns the timeline of every thread a store has.
func Timelines(t testing.TB, db *localdb.DB) map[string][]model.Message {
	t.Helper()
	ids, err := db.DocIDs(threadPrefix)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]model.Message, len(ids))
	for _, id := range ids {
		if out[id], err = db.Messages(id); err != nil {
			t.Fatalf("timeline of %s: %v", id, err)
		}
	}
	return out
}

// threadPrefix starts every thread's document ID.
const threadPrefix = "th_"

// Diff says how two read models differ, "" when they do not.
func (a ReadModel) Diff(b ReadModel) string {
	if !reflect.DeepEqual(a.Workspace, b.Workspace) {
		return fmt.Sprintf("workspaces differ:\n%+v\n%+v", a.Workspace, b.Workspace)
	}
	for _, m := range a.Workspace.Members {
		if !reflect.DeepEqual(a.Counts[m.ID], b.Counts[m.ID]) {
			return fmt.Sprintf("counts of %s differ:\n%v\n%v", m.Name, a.Counts[m.ID], b.Counts[m.ID])
		}
		for _, v := range model.Views {
			if pa, pb := a.Views[m.ID][v], b.Views[m.ID][v]; !reflect.DeepEqual(pa, pb) {
				return fmt.Sprintf("view %s of %s differs:\n%+v\n%+v", v, m.Name, pa, pb)
			}
		}
		if !reflect.DeepEqual(a.Tasks[m.ID], b.Tasks[m.ID]) {
			return fmt.Sprintf("tasks of %s differ:\n%+v\n%+v", m.Name, a.Tasks[m.ID], b.Tasks[m.ID])
		}
	}
	ids := map[string]bool{}
	for id := range a.Timelines {
		ids[id] = true
	}
	for id := range b.Timelines {
		ids[id] = true
	}
	var differ []string
	for id := range ids {
		if !reflect.DeepEqual(a.Timelines[id], b.Timelines[id]) {
			differ = append(differ, id)
		}
	}
	if len(differ) > 0 {
		sort.Strings(differ)
		id := differ[0]
		return fmt.Sprintf("timelines of %d threads differ, e.g. %s: %d vs %d messages", len(differ), id,
			len(a.Timelines[id]), len(b.Timelines[id]))
	}
	return ""
}

// MessageIDs returns the IDs of every message in every thread of a store.
func MessageIDs(t testing.TB, db *localdb.DB) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, ms := range Timelines(t, db) {
		for _, m := range ms {
			out[m.ID] = true
		}
	}
	return out
}

// SameReadModels fails unless two stores show every member the same workspace, inbox views,
// counts, tasks, and timelines of every thread.
func SameReadModels(t testing.TB, a, b *localdb.DB) {
	t.Helper()
	if d := ReadModels(t, a).Diff(ReadModels(t, b)); d != "" {
		t.Fatal(d)
	}
}

// Missing returns the IDs in want that no timeline of db holds, sorted.
func Missing(t testing.TB, db *localdb.DB, want []string) []string {
	t.Helper()
	have := MessageIDs(t, db)
	var out []string
	for _, id := range want {
		if !have[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
