package team

import (
	"context"
	"time"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// requeue unassigns the open threads and tasks that memberID, as they are now, may no longer
// hold, writing a "requeued" event line in each thread, usecase.ChunkSize documents per
// write. Each write reads the member and finds the work again, so a member reactivated
// meanwhile keeps what is left, and work assigned meanwhile is found. The change that
// prompted it is already committed and authorised, and requeueing only restores the rule
// that nobody holds work they cannot reach, so each write needs an active actor, not a
// manager: an Admin who just made themselves an Agent still finishes the job. It does not
// mark threads read for the actor: they did not look at them, and unread marks are how
// managers find them.
func (s *Service) requeue(ctx context.Context, actorID, memberID string) (Requeued, error) {
	var rq Requeued
	now := s.clock.Now()
	var err error
	rq.Threads, err = usecase.Drain(ctx, s.store, now, func(tx ports.Tx, limit int) (int, error) {
		wt, m, err := loadRequeue(tx, actorID, memberID)
		if err != nil {
			return 0, err
		}
		return requeueThreads(s.store, wt, m, now, limit)
	})
	if err != nil {
		return rq, err
	}
	rq.Tasks, err = usecase.Drain(ctx, s.store, now, func(tx ports.Tx, limit int) (int, error) {
		wt, m, err := loadRequeue(tx, actorID, memberID)
		if err != nil {
			return 0, err
		}
		return requeueTasks(s.store, wt, m, limit)
	})
	return rq, err
}

func loadRequeue(tx ports.Tx, actorID, memberID string) (*workspaceTx, model.Member, error) {
	wt, err := loadWorkspace(tx, actorID)
	if err != nil {
		return nil, model.Member{}, err
	}
	m, ok := wt.ws.Member(memberID)
	if !ok {
		return nil, m, model.Errorf(model.CodeNotFound, "That teammate is not in this workspace.")
	}
	return wt, m, nil
}

// reader returns an active Owner to list open work as: Owners see every brand, so work in
// brands the acting Admin cannot see is found too. Every item is checked against its
// document before it changes.
func reader(ws model.Workspace) string {
	for _, m := range ws.Members {
		if m.Role == model.RoleOwner && m.Active {
			return m.ID
		}
	}
	return ""
}

// requeueThreads unassigns up to limit open threads m may no longer hold, and says how many.
func requeueThreads(store ports.Reader, wt *workspaceTx, m model.Member, now time.Time, limit int) (int, error) {
	body := m.Name + " was deactivated; the thread is back in the queue."
	if m.Active {
		body = m.Name + " no longer has access; the thread is back in the queue."
	}
	q := model.ThreadQuery{Member: reader(wt.ws), View: model.ViewAll, AssigneeID: m.ID}
	if q.Member == "" {
		return 0, nil
	}
	return usecase.Walk(limit, usecase.ThreadPages(store, q), func(row model.Thread) (bool, error) {
		if policy.CanHoldThread(m, row) {
			return false, nil
		}
		d, err := wt.tx.Doc(row.ID)
		if err != nil {
			return false, err
		}
		th, err := d.Thread().Summary()
		if err != nil || th.Deleted || th.Status != model.StatusOpen || th.AssigneeID != m.ID || policy.CanHoldThread(m, th) {
			return false, err
		}
		if err := d.Thread().SetAssignee(""); err != nil {
			return false, err
		}
		ev := model.Message{ID: model.NewULID(now), Kind: model.KindEvent, Direction: model.DirInternal,
			AuthorID: wt.actor.ID, Event: model.EventRequeued, Subject: m.ID, Body: body, CreatedAt: now.UnixMilli()}
		return true, d.Thread().AddMessage(ev)
	})
}

// requeueTasks unassigns up to limit open tasks m may no longer hold, and says how many.
func requeueTasks(store ports.Reader, wt *workspaceTx, m model.Member, limit int) (int, error) {
	q := model.TaskQuery{Member: reader(wt.ws), AssigneeID: m.ID}
	if q.Member == "" {
		return 0, nil
	}
	return usecase.Walk(limit, usecase.TaskPages(store, q), func(row model.Task) (bool, error) {
		if policy.CanBeAssigned(m, row.BrandID) {
			return false, nil
		}
		d, err := wt.tx.Doc(row.ID)
		if err != nil {
			return false, err
		}
		tk, err := d.Task().Row()
		if err != nil || tk.Deleted || tk.Done || tk.AssigneeID != m.ID || policy.CanBeAssigned(m, tk.BrandID) {
			return false, err
		}
		return true, d.Task().SetAssignee("")
	})
}
