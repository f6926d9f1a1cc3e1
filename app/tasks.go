package app

import (
	"context"

	"huddle/internal/model"
	"huddle/internal/tasks"
)

// TaskService serves the task list.
type TaskService struct{ a *App }

// Create adds a task, optionally linked to a thread or a client.
func (s *TaskService) Create(in tasks.NewTask) (model.Task, error) {
	return call(s.a, "task.create", func(ctx context.Context, actor string) (model.Task, error) {
		return s.a.Tasks.Create(ctx, actor, in)
	})
}

// Update changes a task's title, notes, assignee, due date or reminder.
func (s *TaskService) Update(taskID string, p tasks.Patch) (model.Task, error) {
	return call(s.a, "task.update", func(ctx context.Context, actor string) (model.Task, error) {
		return s.a.Tasks.Update(ctx, actor, taskID, p)
	})
}

// SetDone marks a task done or not done.
func (s *TaskService) SetDone(taskID string, done bool) (model.Task, error) {
	return call(s.a, "task.setDone", func(ctx context.Context, actor string) (model.Task, error) {
		return s.a.Tasks.SetDone(ctx, actor, taskID, done)
	})
}

// Snooze puts a task's reminder off by minutes from now.
func (s *TaskService) Snooze(taskID string, minutes int) (model.Task, error) {
	return call(s.a, "task.snooze", func(ctx context.Context, actor string) (model.Task, error) {
		return s.a.Tasks.Snooze(ctx, actor, taskID, minutes)
	})
}

// Delete removes a task.
func (s *TaskService) Delete(taskID string) error {
	return do(s.a, "task.delete", func(ctx context.Context, actor string) error {
		return s.a.Tasks.Delete(ctx, actor, taskID)
	})
}

// List returns a page of tasks.
func (s *TaskService) List(q model.TaskQuery) (model.TaskPage, error) {
	return call(s.a, "task.list", func(ctx context.Context, actor string) (model.TaskPage, error) {
		return s.a.Tasks.List(ctx, actor, q)
	})
}
