package inbox

import (
	"context"
	"fmt"
	"slices"

	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// BulkCount says what a bulk action did to the threads it was given: Changed were changed,
// Unchanged already were as asked, Skipped the actor may not change or are gone (left exactly
// as they were).
type BulkCount struct {
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped"`
}

// BulkUnassign takes the assignee off many threads, with the checks of Assign(…, "").
func (s *Service) BulkUnassign(ctx context.Context, actor string, threadIDs []string) (BulkCount, error) {
	return s.bulk(ctx, actor, threadIDs, "unassign", func(w threadWrite) (bool, error) {
		if w.th.AssigneeID == "" {
			return false, nil
		}
		return true, w.assign("")
	})
}

// BulkResolve resolves many threads, with the checks of Resolve.
func (s *Service) BulkResolve(ctx context.Context, actor string, threadIDs []string) (BulkCount, error) {
	return s.bulk(ctx, actor, threadIDs, "resolve", func(w threadWrite) (bool, error) {
		if w.th.Status == model.StatusResolved {
			return false, nil
		}
		if err := w.d.Thread().SetStatus(model.StatusResolved); err != nil {
			return false, err
		}
		return true, w.event(model.EventResolved, "", w.actor.Name+" resolved the conversation.")
	})
}

// BulkAddLabel puts one label on many threads, with the checks of SetLabel.
func (s *Service) BulkAddLabel(ctx context.Context, actor string, threadIDs []string, labelID string) (BulkCount, error) {
	ws, _, err := usecase.Actor(s.store, actor)
	if err != nil {
		return BulkCount{}, err
	}
	// A missing label holds for every thread: refuse the batch rather than skip all of it.
	if !slices.ContainsFunc(ws.Labels, func(l model.Label) bool { return l.ID == labelID }) {
		return BulkCount{}, model.Errorf(model.CodeNotFound, "That label no longer exists.")
	}
	return s.bulk(ctx, actor, threadIDs, "label", func(w threadWrite) (bool, error) {
		if slices.Contains(w.th.Labels, labelID) {
			return false, nil
		}
		return true, w.d.Thread().SetLabel(labelID, true)
	})
}

type bulkOutcome int

const (
	bulkSkipped bulkOutcome = iota
	bulkUnchanged
	bulkChanged
)

// bulk runs change on each thread the actor may write, in chunks (usecase.InChunks): threads
// that are gone or that the actor may not change are skipped, not an error, as in BulkAssign.
// change reports whether it changed the thread; a changed thread is marked read for the actor,
// as the single-thread actions do. If a chunk fails, the threads before it stay changed and
// the error says how far it got; running the action again finishes the rest.
func (s *Service) bulk(ctx context.Context, actor string, threadIDs []string, verb string,
	change func(w threadWrite) (bool, error)) (BulkCount, error) {
	var res BulkCount
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return res, err
	}
	if m.Role == model.RoleViewer {
		return res, model.Errorf(model.CodeForbidden, "Viewers can read conversations but cannot change them.")
	}
	ids := unique(threadIDs)
	now := s.clock.Now()
	outcomes, err := usecase.InChunks(ctx, s.store, now, ids, func(tx ports.Tx, id string) (bulkOutcome, error) {
		d, th, err := writable(tx, ws, m, id)
		if code := model.CodeOf(err); code == model.CodeNotFound || code == model.CodeForbidden {
			return bulkSkipped, nil
		}
		if err != nil {
			return bulkSkipped, err
		}
		changed, err := change(threadWrite{ws: ws, actor: m, d: d, th: th, now: now})
		if err != nil || !changed {
			return bulkUnchanged, err
		}
		return bulkChanged, d.Thread().MarkRead(m.ID, now.UnixMilli())
	})
	for _, o := range outcomes {
		switch o {
		case bulkChanged:
			res.Changed++
		case bulkUnchanged:
			res.Unchanged++
		default:
			res.Skipped++
		}
	}
	if err != nil && len(outcomes) > 0 {
		err = usecase.Partly(err, fmt.Sprintf("%d of the %d conversations were done before it stopped; %s the rest again.", len(outcomes), len(ids), verb))
	}
	return res, err
}

// unique keeps the first of each id, in order: the UI may send a thread twice.
func unique(ids []string) []string {
	out := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
