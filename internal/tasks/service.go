package tasks

import (
	"context"
	"strings"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Service runs the task use cases against a store.
type Service struct {
	store ports.Store
	clock ports.Clock
}

// New returns a task service writing to store and stamping writes with clock.
func New(store ports.Store, clock ports.Clock) *Service {
	return &Service{store: store, clock: clock}
}

// NewTask is a task to create. Times are unix milliseconds, 0 for none.
type NewTask struct {
	Title      string `json:"title"`
	Notes      string `json:"notes"`
	AssigneeID string `json:"assigneeId"` // "" leaves it in the queue
	DueAt      int64  `json:"dueAt"`
	RemindAt   int64  `json:"remindAt"`
	ThreadID   string `json:"threadId"` // link to a conversation (its client is linked too)
	ClientID   string `json:"clientId"` // or to a client
}

// Patch changes a task; nil fields stay as they are. An empty AssigneeID unassigns, a zero
// time clears it.
type Patch struct {
	Title      *string `json:"title"`
	Notes      *string `json:"notes"`
	AssigneeID *string `json:"assigneeId"`
	DueAt      *int64  `json:"dueAt"`
	RemindAt   *int64  `json:"remindAt"`
}

const (
	maxTitle = 200
	maxNotes = 5000
)

// Create adds a task. Its brand comes from the linked thread or client; the actor must be able
// to change that brand, and the assignee must reach it.
func (s *Service) Create(ctx context.Context, actor string, in NewTask) (model.Task, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Task{}, err
	}
	tk := model.Task{ThreadID: in.ThreadID, ClientID: in.ClientID, AssigneeID: in.AssigneeID, CreatedBy: m.ID}
	if tk.BrandID, tk.ClientID, err = s.link(ws, m, in.ThreadID, in.ClientID); err != nil {
		return model.Task{}, err
	}
	if err := canChange(ws, m, tk.BrandID); err != nil {
		return model.Task{}, err
	}
	if tk.Title, tk.Notes, err = cleanTexts(in.Title, in.Notes); err != nil {
		return model.Task{}, err
	}
	if tk.DueAt, tk.RemindAt, err = checkTimes(in.DueAt, in.RemindAt); err != nil {
		return model.Task{}, err
	}
	if err := policy.AssigneeProblem(ws, tk.AssigneeID, tk.BrandID, "task"); err != nil {
		return model.Task{}, err
	}
	now := s.clock.Now()
	tk.ID = model.NewDocID(model.DocTask, now)
	tk.CreatedAt = now.UnixMilli()
	err = usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, err := tx.Doc(tk.ID)
		if err != nil {
			return err
		}
		if err := d.Task().Create(tk); err != nil {
			return err
		}
		tk, err = d.Task().Row()
		return err
	})
	return tk, err
}

// link resolves what a task is linked to into its brand and client. A thread link also links
// the thread's client, so the task shows on the client too.
func (s *Service) link(ws model.Workspace, m model.Member, threadID, clientID string) (brand, client string, err error) {
	if threadID != "" {
		th, err := s.store.Thread(threadID)
		if err != nil || th.Deleted {
			return "", "", gone(err, "The conversation this task is for no longer exists.")
		}
		if !policy.CanReadThread(m, th) {
			return "", "", model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(th.BrandID))
		}
		if clientID != "" && clientID != th.ClientID {
			return "", "", model.Errorf(model.CodeInvalid, "That conversation is with another client; link the task to one of them.")
		}
		return th.BrandID, th.ClientID, nil
	}
	if clientID != "" {
		cl, err := s.store.Client(clientID)
		if err != nil || cl.Deleted {
			return "", "", gone(err, "The client this task is for no longer exists.")
		}
		return cl.BrandID, cl.ID, nil
	}
	return "", "", nil
}

// canChange checks the actor may create or change tasks of a brand; a task linked to nothing
// belongs to the whole team, so any active non-Viewer may.
func canChange(ws model.Workspace, m model.Member, brandID string) error {
	if m.Role == model.RoleViewer {
		return model.Errorf(model.CodeForbidden, "Viewers can read tasks but cannot change them.")
	}
	if brandID != "" && !policy.CanWriteBrand(m, brandID) {
		return model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(brandID))
	}
	return nil
}

func cleanTexts(title, notes string) (string, string, error) {
	title = strings.Join(strings.Fields(title), " ")
	notes = strings.TrimSpace(notes)
	switch {
	case title == "":
		return "", "", model.Errorf(model.CodeInvalid, "Give the task a title.")
	case len([]rune(title)) > maxTitle:
		return "", "", model.Errorf(model.CodeInvalid, "The title is too long; put the details in the notes.")
	case len(notes) > maxNotes:
		return "", "", model.Errorf(model.CodeInvalid, "The notes are too long; keep them under %d characters.", maxNotes)
	}
	return title, notes, nil
}

// checkTimes checks a due time and a reminder: a reminder goes off at or before the task is
// due, when it has both.
func checkTimes(due, remind int64) (int64, int64, error) {
	if due < 0 || remind < 0 {
		return 0, 0, model.Errorf(model.CodeInvalid, "That date is not valid.")
	}
	if due > 0 && remind > due {
		return 0, 0, model.Errorf(model.CodeInvalid, "The reminder must be at or before the time the task is due.")
	}
	return due, remind, nil
}

// loadTask opens a live task inside a write.
func loadTask(tx ports.Tx, id string) (*crdt.Doc, model.Task, error) {
	if model.TypeOf(id) != model.DocTask {
		return nil, model.Task{}, gone(nil, "This task no longer exists.")
	}
	d, err := tx.Doc(id)
	if err != nil {
		return nil, model.Task{}, err
	}
	if ok, err := d.Exists(); err != nil || !ok {
		return nil, model.Task{}, gone(err, "This task no longer exists.")
	}
	tk, err := d.Task().Row()
	if err != nil {
		return nil, tk, err
	}
	if tk.Deleted {
		return nil, tk, gone(nil, "This task no longer exists.")
	}
	return d, tk, nil
}

// gone turns a missing thing (or a not-found store error) into a sentence.
func gone(err error, sentence string) error {
	if err == nil || model.CodeOf(err) == model.CodeNotFound {
		return model.Errorf(model.CodeNotFound, "%s", sentence)
	}
	return usecase.StoreErr(err)
}
