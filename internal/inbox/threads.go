package inbox

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// BulkResult says which threads a bulk assign changed and which it left as they were.
type BulkResult struct {
	Assigned []string `json:"assigned"`
	Skipped  []string `json:"skipped"`
}

// StartThread opens a new conversation with a client on a channel. The chat channel is refused:
// a client has exactly one chat, created with the client.
func (s *Service) StartThread(ctx context.Context, actor, clientID string, channel model.Channel, subject string) (model.Thread, error) {
	_, m, cl, err := s.writableClient(actor, clientID)
	if err != nil {
		return model.Thread{}, err
	}
	if !channel.Valid() {
		return model.Thread{}, model.Errorf(model.CodeInvalid, "Choose a channel for the conversation.")
	}
	if channel == model.ChannelChat {
		return model.Thread{}, model.Errorf(model.CodeInvalid, "%s already has a chat; open it instead.", cl.Name)
	}
	if subject = strings.Join(strings.Fields(subject), " "); len([]rune(subject)) > model.MaxName {
		return model.Thread{}, model.Errorf(model.CodeInvalid, "The subject is too long; keep it under %d characters.", model.MaxName)
	}
	now := s.clock.Now()
	id := model.NewDocID(model.DocThread, now)
	var th model.Thread
	err = usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		// The client is read again inside the write: a rename or a delete that committed since
		// the check above has listed the client's threads without this one.
		_, cl, err := loadClient(tx, cl.ID)
		if err != nil {
			return err
		}
		d, err := tx.Doc(id)
		if err != nil {
			return err
		}
		t := d.Thread()
		if err := t.Create(model.Thread{BrandID: cl.BrandID, ClientID: cl.ID, ClientName: cl.Name,
			Channel: channel, Subject: subject, CreatedAt: now.UnixMilli()}); err != nil {
			return err
		}
		if err := t.MarkRead(m.ID, now.UnixMilli()); err != nil {
			return err
		}
		th, err = t.Summary()
		return err
	})
	return th, err
}

// DeleteThread soft-deletes a conversation. A client's chat is refused: it goes only with its
// client (see the package comment on what "closed" means).
func (s *Service) DeleteThread(ctx context.Context, actor, threadID string) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if w.th.ClientChat {
			return model.Errorf(model.CodeInvalid, "A client's chat cannot be deleted on its own; delete the client instead.")
		}
		if !policy.CanWriteBrand(w.actor, w.th.BrandID) {
			return model.Errorf(model.CodeForbidden, "Only teammates of %s can delete its conversations.", w.ws.BrandName(w.th.BrandID))
		}
		return w.d.Thread().SetDeleted(true)
	})
}

// Assign makes assigneeID the one assignee of a thread; "" unassigns. Anyone who may write the
// thread may assign it, to themselves or to a teammate who can reach the client's brand.
func (s *Service) Assign(ctx context.Context, actor, threadID, assigneeID string) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if err := w.assigneeProblem(assigneeID); err != nil {
			return err
		}
		return w.assign(assigneeID)
	})
}

// assigneeProblem says why assigneeID may not be given this thread by the actor, or nil. The
// actor may always take a thread they may write, even as a write participant from another
// brand; anyone else must be able to hold work of the thread's brand.
func (w threadWrite) assigneeProblem(assigneeID string) error {
	if assigneeID == w.actor.ID && policy.CanHoldThread(w.actor, w.th) {
		return nil
	}
	return policy.AssigneeProblem(w.ws, assigneeID, w.th.BrandID, "conversation")
}

// BulkAssign assigns many threads. Threads whose brand the assignee cannot reach, that the
// actor may not change or that are gone are skipped and left exactly as they were. Many
// threads are assigned over several writes; if one fails, the threads before it stay
// assigned, the result lists them, and assigning again finishes the rest.
func (s *Service) BulkAssign(ctx context.Context, actor string, threadIDs []string, assigneeID string) (BulkResult, error) {
	res := BulkResult{Assigned: []string{}, Skipped: []string{}}
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return res, err
	}
	if m.Role == model.RoleViewer {
		return res, model.Errorf(model.CodeForbidden, "Viewers can read conversations but cannot change them.")
	}
	// Problems of the assignee themselves (unknown, deactivated, Viewer) hold for every thread:
	// refuse the whole batch rather than skip all of it silently.
	if err := policy.AssigneeProblem(ws, assigneeID, "", "conversation"); err != nil {
		return res, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range threadIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	now := s.clock.Now()
	assigned, err := usecase.InChunks(ctx, s.store, now, ids, func(tx ports.Tx, id string) (bool, error) {
		d, th, err := writable(tx, ws, m, id)
		w := threadWrite{ws: ws, actor: m, d: d, th: th, now: now}
		if err == nil {
			err = w.assigneeProblem(assigneeID)
		}
		if model.CodeOf(err) == model.CodeNotFound || model.CodeOf(err) == model.CodeForbidden {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if err := w.assign(assigneeID); err != nil {
			return false, err
		}
		return true, d.Thread().MarkRead(m.ID, now.UnixMilli())
	})
	for i, ok := range assigned {
		if ok {
			res.Assigned = append(res.Assigned, ids[i])
		} else {
			res.Skipped = append(res.Skipped, ids[i])
		}
	}
	if err != nil && len(assigned) > 0 {
		err = usecase.Partly(err, fmt.Sprintf("%d of the %d conversations were done before it stopped; assign the rest again.", len(assigned), len(ids)))
	}
	return res, err
}

// assign sets the one assignee and writes the event line; the same assignee again is a no-op.
func (w threadWrite) assign(assigneeID string) error {
	prev := w.th.AssigneeID
	if prev == assigneeID {
		return nil
	}
	if err := w.d.Thread().SetAssignee(assigneeID); err != nil {
		return err
	}
	if assigneeID == "" {
		return w.event(model.EventUnassigned, prev, w.actor.Name+" unassigned "+memberName(w.ws, prev)+".")
	}
	body := w.actor.Name + " assigned this to " + memberName(w.ws, assigneeID) + "."
	if assigneeID == w.actor.ID {
		body = w.actor.Name + " took this conversation."
	}
	return w.event(model.EventAssigned, assigneeID, body)
}

// Resolve moves a thread out of the open views. A client's chat may be resolved too: resolving
// ends the conversation, not the chat, which reopens on the next message.
func (s *Service) Resolve(ctx context.Context, actor, threadID string) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if w.th.Status == model.StatusResolved {
			return nil
		}
		if err := w.d.Thread().SetStatus(model.StatusResolved); err != nil {
			return err
		}
		return w.event(model.EventResolved, "", w.actor.Name+" resolved the conversation.")
	})
}

// Reopen brings a resolved thread back into the open views.
func (s *Service) Reopen(ctx context.Context, actor, threadID string) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		return w.reopen(w.actor.ID, w.actor.Name+" reopened the conversation.")
	})
}

// reopen opens a resolved thread with an event line; an open thread stays as it is.
func (w threadWrite) reopen(author, body string) error {
	if w.th.Status != model.StatusResolved {
		return nil
	}
	if err := w.d.Thread().SetStatus(model.StatusOpen); err != nil {
		return err
	}
	w.th.Status = model.StatusOpen
	return w.d.Thread().AddMessage(eventLine(w.now, author, model.EventReopened, "", body))
}

// SetLabel puts a label on a thread or takes it off. Only existing labels can be put on; a
// deleted label can still be taken off.
func (s *Service) SetLabel(ctx context.Context, actor, threadID, labelID string, on bool) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if on && !slices.ContainsFunc(w.ws.Labels, func(l model.Label) bool { return l.ID == labelID }) {
			return model.Errorf(model.CodeNotFound, "That label no longer exists.")
		}
		if on == slices.Contains(w.th.Labels, labelID) {
			return nil
		}
		return w.d.Thread().SetLabel(labelID, on)
	})
}
