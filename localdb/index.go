package localdb

import (
	"huddle/internal/model"
	"huddle/internal/policy"
)

// An index entry is a key prefix (one index: "open threads with label X") plus a sort suffix
// that orders the rows within it. The entries of a row, and the view counters a thread
// contributes to, are pure functions of the row (and the workspace), so a write deletes
// old − new and adds new − old and never has to scan for stale entries.
type ixEntry struct{ prefix, sort string }

func threadStatus(th *model.Thread) byte {
	if th.Status == model.StatusResolved {
		return 'r'
	}
	return 'o'
}

// threadEntries lists the index entries of a thread; a deleted thread has none.
func threadEntries(th *model.Thread) []ixEntry {
	if th == nil || th.Deleted {
		return nil
	}
	s, sk := threadStatus(th), threadSort(th.LastActivityAt, th.ID)
	out := make([]ixEntry, 0, 8+len(th.Labels)+len(th.Mentioned)+len(th.Followers))
	add := func(dim, arg string) { out = append(out, ixEntry{threadIndex(s, dim, arg), sk}) }
	add(threadDimAll, "")
	if th.AssigneeID == "" {
		add(threadDimAssign, noneArg)
	} else {
		add(threadDimAssign, th.AssigneeID)
		add(threadDimAnyAs, "")
	}
	add(threadDimBrand, th.BrandID)
	add(threadDimChan, string(th.Channel))
	if th.ClientID != "" {
		add(threadDimClient, th.ClientID)
	}
	for _, l := range th.Labels {
		add(threadDimLabel, l)
	}
	for _, m := range th.Mentioned {
		add(threadDimMention, m)
	}
	for _, m := range th.Followers {
		add(threadDimFollow, m)
	}
	seen := map[string]bool{}
	for m := range th.Participants {
		seen[m] = true
		add(threadDimPart, m)
	}
	for _, m := range th.Watchers {
		if !seen[m] {
			add(threadDimPart, m)
		}
	}
	return out
}

func clientEntries(cl *model.Client) []ixEntry {
	if cl == nil || cl.Deleted {
		return nil
	}
	sk := clientSort(cl.Name, cl.ID)
	return append([]ixEntry{{clientIndex(""), sk}, {clientIndex(cl.BrandID), sk}}, clientTagEntries(cl)...)
}

func taskStatus(done bool) byte {
	if done {
		return 'd'
	}
	return 'o'
}

func taskEntries(tk *model.Task) []ixEntry {
	if tk == nil || tk.Deleted {
		return nil
	}
	s, sk := taskStatus(tk.Done), taskSort(tk.DueAt, tk.ID)
	out := []ixEntry{{taskIndex(s, taskDimAll, ""), sk}}
	for dim, arg := range map[string]string{taskDimAssign: tk.AssigneeID, taskDimThread: tk.ThreadID, taskDimClient: tk.ClientID} {
		if arg != "" {
			out = append(out, ixEntry{taskIndex(s, dim, arg), sk})
		}
	}
	return append(out, reminderEntries(tk)...)
}

// counterKeys lists the view counters th adds one to, given the workspace membership: for
// every active member who may read it, each view it is in, and the unread twin when unread.
func counterKeys(th *model.Thread, ws *wsState) []string {
	if th == nil || th.Deleted || ws == nil {
		return nil
	}
	var out []string
	for _, m := range ws.ws.Members {
		if !policy.CanReadThread(m, *th) {
			continue
		}
		unread := th.UnreadFor(m.ID)
		for _, v := range model.Views {
			if !v.Contains(th, m.ID) {
				continue
			}
			out = append(out, keyCounter(m.ID, string(v), false))
			if unread {
				out = append(out, keyCounter(m.ID, string(v), true))
			}
		}
	}
	return out
}
