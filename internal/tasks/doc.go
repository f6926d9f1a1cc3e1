// Package tasks holds the to-do use cases: tasks with an assignee, a due date and a reminder,
// linked to a thread, to a client or to nothing. A linked task belongs to the brand of what it
// is linked to, and only teammates of that brand see it, change it or hold it.
package tasks
