package inbox

import (
	"context"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Service runs the inbox use cases against a store.
type Service struct {
	store ports.Store
	clock ports.Clock
}

// New returns an inbox service writing to store and stamping writes with clock.
func New(store ports.Store, clock ports.Clock) *Service {
	return &Service{store: store, clock: clock}
}

// maxBody bounds one message: far above any real message, far below what would bloat a
// thread document or a relay envelope.
const maxBody = 20000

// pageSize is how many rows one read-model page asks for when a use case walks a whole list.
const pageSize = 200

// loadThread opens a live (created, not deleted) thread inside a write.
func loadThread(tx ports.Tx, id string) (*crdt.Doc, model.Thread, error) {
	if model.TypeOf(id) != model.DocThread { // an ID from the UI or a connector; never trusted
		return nil, model.Thread{}, errThreadGone
	}
	d, err := tx.Doc(id)
	if err != nil {
		return nil, model.Thread{}, err
	}
	ok, err := d.Exists()
	if err != nil {
		return nil, model.Thread{}, err
	}
	if !ok {
		return nil, model.Thread{}, errThreadGone
	}
	th, err := d.Thread().Summary()
	if err != nil {
		return nil, model.Thread{}, err
	}
	if th.Deleted {
		return nil, model.Thread{}, errThreadGone
	}
	return d, th, nil
}

var errThreadGone = model.Errorf(model.CodeNotFound, "This conversation no longer exists.")

// writable opens a thread inside a write and checks that m may write to it.
func writable(tx ports.Tx, ws model.Workspace, m model.Member, id string) (*crdt.Doc, model.Thread, error) {
	d, th, err := loadThread(tx, id)
	if err != nil {
		return nil, th, err
	}
	if !policy.CanWriteThread(m, th) {
		return nil, th, cannotWrite(ws, m, th)
	}
	return d, th, nil
}

// writeThread runs fn as one write of a thread actor may write to, then marks the thread read
// for actor: whoever just acted on a thread has seen it.
func (s *Service) writeThread(ctx context.Context, actorID, threadID string, fn func(w threadWrite) error) error {
	ws, m, err := usecase.Actor(s.store, actorID)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	return usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, th, err := writable(tx, ws, m, threadID)
		if err != nil {
			return err
		}
		if err := fn(threadWrite{ws: ws, actor: m, d: d, th: th, now: now}); err != nil {
			return err
		}
		return d.Thread().MarkRead(m.ID, now.UnixMilli())
	})
}

// threadWrite is what a thread use case works with inside its write.
type threadWrite struct {
	ws    model.Workspace
	actor model.Member
	d     *crdt.Doc
	th    model.Thread
	now   time.Time
}

// event appends a timeline event line by the actor.
func (w threadWrite) event(code, subject, body string) error {
	return w.d.Thread().AddMessage(eventLine(w.now, w.actor.ID, code, subject, body))
}

func eventLine(at time.Time, author, code, subject, body string) model.Message {
	return model.Message{ID: model.NewULID(at), Kind: model.KindEvent, Direction: model.DirInternal,
		AuthorID: author, Event: code, Subject: subject, Body: body, CreatedAt: at.UnixMilli()}
}

// cannotWrite explains why m may not write to th, in the words the person needs.
func cannotWrite(ws model.Workspace, m model.Member, th model.Thread) error {
	switch {
	case m.Role == model.RoleViewer:
		return model.Errorf(model.CodeForbidden, "Viewers can read conversations but cannot change them.")
	case th.Participants[m.ID] == model.AccessRead:
		return model.Errorf(model.CodeForbidden, "You were added to this conversation read-only, so you cannot change it.")
	case policy.CanReadThread(m, th):
		return model.Errorf(model.CodeForbidden, "You are watching this conversation, which lets you read it but not change it.")
	}
	return model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(th.BrandID))
}

func memberName(ws model.Workspace, id string) string {
	if m, ok := ws.Member(id); ok {
		return m.Name
	}
	return "A former teammate"
}
