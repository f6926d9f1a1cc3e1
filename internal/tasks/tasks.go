package tasks

import (
	"context"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Update changes a task's title, notes, assignee or times.
func (s *Service) Update(ctx context.Context, actor, id string, p Patch) (model.Task, error) {
	return s.change(ctx, actor, id, func(ws model.Workspace, w taskWrite) error {
		if p.Title != nil || p.Notes != nil {
			title, notes := w.tk.Title, w.tk.Notes
			if p.Title != nil {
				title = *p.Title
			}
			if p.Notes != nil {
				notes = *p.Notes
			}
			title, notes, err := cleanTexts(title, notes)
			if err != nil {
				return err
			}
			if err := w.set(title != w.tk.Title, func() error { return w.t.SetTitle(title) }); err != nil {
				return err
			}
			if err := w.set(notes != w.tk.Notes, func() error { return w.t.SetNotes(notes) }); err != nil {
				return err
			}
		}
		if p.AssigneeID != nil && *p.AssigneeID != w.tk.AssigneeID {
			if err := policy.AssigneeProblem(ws, *p.AssigneeID, w.tk.BrandID, "task"); err != nil {
				return err
			}
			if err := w.t.SetAssignee(*p.AssigneeID); err != nil {
				return err
			}
		}
		if p.DueAt == nil && p.RemindAt == nil {
			// Times merged from two devices may disagree; a change that leaves them alone
			// must not trip over that.
			return nil
		}
		due, remind := w.tk.DueAt, w.tk.RemindAt
		if p.DueAt != nil {
			due = *p.DueAt
		}
		if p.RemindAt != nil {
			remind = *p.RemindAt
		}
		due, remind, err := checkTimes(due, remind)
		if err != nil {
			return err
		}
		if err := w.set(due != w.tk.DueAt, func() error { return w.t.SetDue(due) }); err != nil {
			return err
		}
		return w.set(remind != w.tk.RemindAt, func() error { return w.t.SetReminder(remind) })
	})
}

// maxSnooze is the longest a reminder can be put off at once.
const maxSnooze = 7 * 24 * 60

// Snooze puts a task's reminder off until minutes from now, on every device. The reminder may
// then come after the due time: it is a reminder of a task that is late.
func (s *Service) Snooze(ctx context.Context, actor, id string, minutes int) (model.Task, error) {
	if minutes < 1 || minutes > maxSnooze {
		return model.Task{}, model.Errorf(model.CodeInvalid, "A reminder can be put off by a minute up to a week.")
	}
	return s.change(ctx, actor, id, func(_ model.Workspace, w taskWrite) error {
		if w.tk.Done {
			return model.Errorf(model.CodeInvalid, "This task is done: it has no reminder to put off.")
		}
		return w.t.SetReminder(w.now + int64(minutes)*60_000)
	})
}

// SetDone marks a task done (by the actor, now) or not done.
func (s *Service) SetDone(ctx context.Context, actor, id string, done bool) (model.Task, error) {
	return s.change(ctx, actor, id, func(_ model.Workspace, w taskWrite) error {
		if w.tk.Done == done {
			return nil
		}
		return w.t.SetDone(done, w.actor, w.now)
	})
}

// Delete removes a task (soft-delete, so a device that was offline merges it cleanly).
func (s *Service) Delete(ctx context.Context, actor, id string) error {
	_, err := s.change(ctx, actor, id, func(_ model.Workspace, w taskWrite) error {
		return w.t.SetDeleted(true)
	})
	return err
}

// List returns one page of the tasks the actor can see. The query runs as the actor.
func (s *Service) List(ctx context.Context, actor string, q model.TaskQuery) (model.TaskPage, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return model.TaskPage{}, err
	}
	q.Member = actor
	page, err := s.store.Tasks(q)
	return page, usecase.StoreErr(err)
}

// Get returns one task the actor can see.
func (s *Service) Get(ctx context.Context, actor, id string) (model.Task, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Task{}, err
	}
	tk, err := s.store.Task(id)
	if err != nil || tk.Deleted {
		return model.Task{}, gone(err, "This task no longer exists.")
	}
	if !policy.CanReadTask(m, tk) {
		return model.Task{}, model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(tk.BrandID))
	}
	return tk, nil
}

// taskWrite is what a task change works with inside its write.
type taskWrite struct {
	t     crdt.Task
	tk    model.Task
	actor string
	now   int64
}

// set runs fn only when the value changed, so a save of an unchanged form writes nothing.
func (taskWrite) set(changed bool, fn func() error) error {
	if !changed {
		return nil
	}
	return fn()
}

// change runs fn as one write of a live task the actor may change, and returns the task after.
func (s *Service) change(ctx context.Context, actor, id string, fn func(model.Workspace, taskWrite) error) (model.Task, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Task{}, err
	}
	var out model.Task
	now := s.clock.Now()
	err = usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, tk, err := loadTask(tx, id)
		if err != nil {
			return err
		}
		if !policy.CanReadTask(m, tk) {
			return model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(tk.BrandID))
		}
		if err := canChange(ws, m, tk.BrandID); err != nil {
			return err
		}
		if err := fn(ws, taskWrite{t: d.Task(), tk: tk, actor: m.ID, now: now.UnixMilli()}); err != nil {
			return err
		}
		out, err = d.Task().Row()
		return err
	})
	return out, err
}
