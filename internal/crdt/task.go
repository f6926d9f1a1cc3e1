package crdt

import (
	"fmt"

	"huddle/internal/model"
)

// Task is the typed view of a task document. Every field is a root register.
type Task struct{ d *Doc }

// Task returns the task view of d.
func (d *Doc) Task() Task { return Task{d} }

// Create writes a new task.
func (t Task) Create(tk model.Task) error {
	d := t.d
	if err := d.create(); err != nil {
		return err
	}
	root := d.am.RootMap()
	for k, v := range map[string]any{
		"id": d.id, "title": tk.Title, "notes": tk.Notes, "assignee": tk.AssigneeID,
		"dueAt": tk.DueAt, "remindAt": tk.RemindAt, "done": false, "doneBy": "", "doneAt": int64(0),
		"thread": tk.ThreadID, "client": tk.ClientID, "brand": tk.BrandID,
		"createdBy": tk.CreatedBy, "createdAt": tk.CreatedAt, "deleted": false,
	} {
		if err := root.Set(k, v); err != nil {
			return fmt.Errorf("create task %s: %w", d.id, err)
		}
	}
	return nil
}

// SetTitle renames the task.
func (t Task) SetTitle(s string) error { return t.d.setAt(s, "title") }

// SetNotes replaces the task's notes.
func (t Task) SetNotes(s string) error { return t.d.setAt(s, "notes") }

// SetAssignee sets the assignee; "" unassigns.
func (t Task) SetAssignee(memberID string) error { return t.d.setAt(memberID, "assignee") }

// SetDue sets the due time (unix ms, 0 for none).
func (t Task) SetDue(at int64) error { return t.d.setAt(at, "dueAt") }

// SetReminder sets the reminder time (unix ms, 0 for none).
func (t Task) SetReminder(at int64) error { return t.d.setAt(at, "remindAt") }

// SetDone marks the task done by memberID at the given time, or not done.
func (t Task) SetDone(done bool, memberID string, at int64) error {
	if !done {
		memberID, at = "", 0
	}
	for k, v := range map[string]any{"done": done, "doneBy": memberID, "doneAt": at} {
		if err := t.d.setAt(v, k); err != nil {
			return err
		}
	}
	return nil
}

// SetDeleted soft-deletes or restores the task.
func (t Task) SetDeleted(on bool) error { return t.d.setAt(on, "deleted") }

// Row projects the task.
func (t Task) Row() (model.Task, error) {
	f, err := t.d.root()
	if err != nil {
		return model.Task{}, err
	}
	return model.Task{
		ID: t.d.id, Title: str(f, "title"), Notes: str(f, "notes"),
		AssigneeID: str(f, "assignee"), DueAt: i64(f, "dueAt"), RemindAt: i64(f, "remindAt"),
		Done: boolean(f, "done"), DoneBy: str(f, "doneBy"), DoneAt: i64(f, "doneAt"),
		ThreadID: str(f, "thread"), ClientID: str(f, "client"), BrandID: str(f, "brand"),
		CreatedBy: str(f, "createdBy"), CreatedAt: i64(f, "createdAt"), Deleted: boolean(f, "deleted"),
	}, nil
}
