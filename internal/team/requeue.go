package team

import (
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/usecase"
)

// pageSize is how many rows one read-model page asks for while collecting open work.
const pageSize = 200

// openWork lists the open threads and open tasks assigned to memberID. It reads as an active
// Owner, who sees every brand, so work in brands the acting Admin cannot see is found too;
// the write re-checks each item against its document before changing it.
func (s *Service) openWork(ws model.Workspace, memberID string) (work openWork, err error) {
	reader := ""
	for _, m := range ws.Members {
		if m.Role == model.RoleOwner && m.Active {
			reader = m.ID
			break
		}
	}
	if reader == "" || memberID == "" {
		return work, nil
	}
	q := model.ThreadQuery{Member: reader, View: model.ViewAll, AssigneeID: memberID, Limit: pageSize}
	for {
		page, err := s.store.Threads(q)
		if err != nil {
			return work, usecase.StoreErr(err)
		}
		for _, th := range page.Threads {
			work.threads = append(work.threads, th.ID)
		}
		if q.Cursor = page.Next; q.Cursor == "" || len(page.Threads) == 0 {
			break
		}
	}
	tq := model.TaskQuery{Member: reader, AssigneeID: memberID, Limit: pageSize}
	for {
		page, err := s.store.Tasks(tq)
		if err != nil {
			return work, usecase.StoreErr(err)
		}
		for _, tk := range page.Tasks {
			work.tasks = append(work.tasks, tk.ID)
		}
		if tq.Cursor = page.Next; tq.Cursor == "" || len(page.Tasks) == 0 {
			break
		}
	}
	return work, nil
}

type openWork struct{ threads, tasks []string }

// requeue unassigns the open threads and tasks that member (as changed to next) may no longer
// hold, writing a "requeued" event line in each thread. It does not mark the threads read for
// the manager: they did not look at them, and unread marks are how they find them.
func (s *Service) requeue(wt *workspaceTx, work openWork, was, next model.Member) (Requeued, error) {
	var rq Requeued
	now := s.clock.Now()
	body := was.Name + " was deactivated; the thread is back in the queue."
	if next.Active {
		body = was.Name + " no longer has access; the thread is back in the queue."
	}
	for _, id := range work.threads {
		d, err := wt.tx.Doc(id)
		if err != nil {
			return rq, err
		}
		th, err := d.Thread().Summary()
		if err != nil {
			return rq, err
		}
		if th.Deleted || th.Status != model.StatusOpen || th.AssigneeID != was.ID || policy.CanHoldThread(next, th) {
			continue
		}
		if err := d.Thread().SetAssignee(""); err != nil {
			return rq, err
		}
		ev := model.Message{ID: model.NewULID(now), Kind: model.KindEvent, Direction: model.DirInternal,
			AuthorID: wt.actor.ID, Event: model.EventRequeued, Subject: was.ID, Body: body, CreatedAt: now.UnixMilli()}
		if err := d.Thread().AddMessage(ev); err != nil {
			return rq, err
		}
		rq.Threads++
	}
	for _, id := range work.tasks {
		d, err := wt.tx.Doc(id)
		if err != nil {
			return rq, err
		}
		tk, err := d.Task().Row()
		if err != nil {
			return rq, err
		}
		if tk.Deleted || tk.Done || tk.AssigneeID != was.ID || policy.CanBeAssigned(next, tk.BrandID) {
			continue
		}
		if err := d.Task().SetAssignee(""); err != nil {
			return rq, err
		}
		rq.Tasks++
	}
	return rq, nil
}
