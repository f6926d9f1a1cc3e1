package app

import (
	"context"

	"huddle/internal/model"
)

// ThreadService serves one conversation: its timeline and everything done to it.
type ThreadService struct{ a *App }

// ThreadDetail is what the thread view shows.
type ThreadDetail struct {
	Thread   model.Thread    `json:"thread"`
	Messages []model.Message `json:"messages"`
	Client   model.Client    `json:"client"`
	Tasks    []model.Task    `json:"tasks"`
	// ClientTasks are the client's other open tasks: linked to the client alone or to another
	// of their conversations, so whoever answers sees what is still owed to this client.
	ClientTasks []model.Task `json:"clientTasks"`
}

// sideTasks is how many tasks of each kind the side panel lists.
const sideTasks = 50

// Open returns a thread with its timeline, client and open tasks (this thread's and the
// client's others), and marks it read.
func (s *ThreadService) Open(threadID string) (ThreadDetail, error) {
	a := s.a
	return call(a, "thread.open", func(ctx context.Context, actor string) (ThreadDetail, error) {
		th, err := a.Inbox.Thread(ctx, actor, threadID)
		if err != nil {
			return ThreadDetail{}, err
		}
		msgs, err := a.Inbox.Messages(ctx, actor, threadID)
		if err != nil {
			return ThreadDetail{}, err
		}
		d := ThreadDetail{Thread: th, Messages: msgs, Tasks: []model.Task{}, ClientTasks: []model.Task{}}
		if th.ClientID != "" {
			d.Client, err = a.Inbox.Client(ctx, actor, th.ClientID)
			if model.CodeOf(err) == model.CodeForbidden {
				// A participant or watcher from another brand sees the thread, not the client's
				// file: show only what the thread itself says about the client.
				d.Client, err = model.Client{ID: th.ClientID, Name: th.ClientName, BrandID: th.BrandID,
					Phones: []string{}, Emails: []string{}, Tags: []string{}, Contacts: []model.Contact{}}, nil
			}
			if err != nil {
				return ThreadDetail{}, err
			}
		}
		page, err := a.Tasks.List(ctx, actor, model.TaskQuery{ThreadID: threadID, Limit: sideTasks})
		if err != nil {
			return ThreadDetail{}, err
		}
		d.Tasks = page.Tasks
		if d.ClientTasks, err = s.otherClientTasks(ctx, actor, th); err != nil {
			return ThreadDetail{}, err
		}
		if th.UnreadFor(actor) {
			if err := a.Inbox.MarkRead(ctx, actor, threadID); err != nil {
				return ThreadDetail{}, err
			}
		}
		return d, nil
	})
}

// otherClientTasks lists the open tasks of th's client that are not linked to th itself. The
// task query applies the actor's brand access, so a participant from another brand gets none.
func (s *ThreadService) otherClientTasks(ctx context.Context, actor string, th model.Thread) ([]model.Task, error) {
	others := []model.Task{}
	if th.ClientID == "" {
		return others, nil
	}
	q := model.TaskQuery{ClientID: th.ClientID, Limit: sideTasks}
	for {
		page, err := s.a.Tasks.List(ctx, actor, q)
		if err != nil {
			return nil, err
		}
		for _, tk := range page.Tasks {
			if tk.ThreadID != th.ID && len(others) < sideTasks {
				others = append(others, tk)
			}
		}
		if page.Next == "" || len(others) == sideTasks {
			return others, nil
		}
		q.Cursor = page.Next
	}
}

// Start opens a new conversation with a client on a channel.
func (s *ThreadService) Start(clientID string, channel model.Channel, subject string) (model.Thread, error) {
	return call(s.a, "thread.start", func(ctx context.Context, actor string) (model.Thread, error) {
		return s.a.Inbox.StartThread(ctx, actor, clientID, channel, subject)
	})
}

// Reply sends a message to the client; a resolved thread reopens.
func (s *ThreadService) Reply(threadID, body string) (model.Message, error) {
	return call(s.a, "thread.reply", func(ctx context.Context, actor string) (model.Message, error) {
		return s.a.Inbox.Reply(ctx, actor, threadID, body)
	})
}

// Note adds an internal note; @handles mention teammates. Notes are never sent to the client.
func (s *ThreadService) Note(threadID, body string) (model.Message, error) {
	return call(s.a, "thread.note", func(ctx context.Context, actor string) (model.Message, error) {
		return s.a.Inbox.AddNote(ctx, actor, threadID, body)
	})
}

// LogInbound records a message the client sent through a channel Huddle does not connect to
// yet (a call, a walk-in, a text to the shop phone); a resolved thread reopens.
func (s *ThreadService) LogInbound(threadID, body string) (model.Message, error) {
	return call(s.a, "thread.logInbound", func(ctx context.Context, actor string) (model.Message, error) {
		return s.a.Inbox.LogInbound(ctx, actor, threadID, body)
	})
}

// Assign sets the one assignee; "" unassigns.
func (s *ThreadService) Assign(threadID, assigneeID string) error {
	return do(s.a, "thread.assign", func(ctx context.Context, actor string) error {
		return s.a.Inbox.Assign(ctx, actor, threadID, assigneeID)
	})
}

// Resolve moves the thread out of the open views.
func (s *ThreadService) Resolve(threadID string) error {
	return do(s.a, "thread.resolve", func(ctx context.Context, actor string) error {
		return s.a.Inbox.Resolve(ctx, actor, threadID)
	})
}

// Reopen brings a resolved thread back to the open views.
func (s *ThreadService) Reopen(threadID string) error {
	return do(s.a, "thread.reopen", func(ctx context.Context, actor string) error {
		return s.a.Inbox.Reopen(ctx, actor, threadID)
	})
}

// SetLabel adds (on) or removes a label.
func (s *ThreadService) SetLabel(threadID, labelID string, on bool) error {
	return do(s.a, "thread.setLabel", func(ctx context.Context, actor string) error {
		return s.a.Inbox.SetLabel(ctx, actor, threadID, labelID, on)
	})
}

// Follow follows or unfollows the thread for the signed-in member.
func (s *ThreadService) Follow(threadID string, on bool) error {
	return do(s.a, "thread.follow", func(ctx context.Context, actor string) error {
		return s.a.Inbox.Follow(ctx, actor, threadID, on)
	})
}

// SetParticipant adds a teammate to the thread with write or read-only access.
func (s *ThreadService) SetParticipant(threadID, memberID string, access model.Access) error {
	return do(s.a, "thread.setParticipant", func(ctx context.Context, actor string) error {
		return s.a.Inbox.SetParticipant(ctx, actor, threadID, memberID, access)
	})
}

// RemoveParticipant removes a teammate from the thread's participants.
func (s *ThreadService) RemoveParticipant(threadID, memberID string) error {
	return do(s.a, "thread.removeParticipant", func(ctx context.Context, actor string) error {
		return s.a.Inbox.RemoveParticipant(ctx, actor, threadID, memberID)
	})
}

// SetWatcher adds or removes a read-only watcher.
func (s *ThreadService) SetWatcher(threadID, memberID string, on bool) error {
	return do(s.a, "thread.setWatcher", func(ctx context.Context, actor string) error {
		return s.a.Inbox.SetWatcher(ctx, actor, threadID, memberID, on)
	})
}

// Delete removes a thread; a client's chat goes only with its client.
func (s *ThreadService) Delete(threadID string) error {
	return do(s.a, "thread.delete", func(ctx context.Context, actor string) error {
		return s.a.Inbox.DeleteThread(ctx, actor, threadID)
	})
}
