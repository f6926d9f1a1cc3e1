package inbox

import (
	"context"
	"errors"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
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

// actor returns the workspace and the acting member, who must exist and be active.
func (s *Service) actor(id string) (model.Workspace, model.Member, error) {
	ws, err := s.store.Workspace()
	if err != nil {
		return model.Workspace{}, model.Member{}, storeErr(err)
	}
	m, ok := ws.Member(id)
	if !ok {
		return ws, model.Member{}, model.Errorf(model.CodeForbidden, "You are not a member of this workspace.")
	}
	if !m.Active {
		return ws, model.Member{}, model.Errorf(model.CodeForbidden, "Your account is deactivated; ask an Owner or Admin to reactivate it.")
	}
	return ws, m, nil
}

// update runs one store write stamped at now.
func (s *Service) update(ctx context.Context, now time.Time, fn func(tx ports.Tx) error) error {
	return storeErr(s.store.Update(ctx, now, fn))
}

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
	ws, m, err := s.actor(actorID)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	return s.update(ctx, now, func(tx ports.Tx) error {
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
	return model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", brandName(ws, th.BrandID))
}

func brandName(ws model.Workspace, id string) string {
	if b, ok := ws.Brand(id); ok {
		return b.Name
	}
	return "that location"
}

func memberName(ws model.Workspace, id string) string {
	if m, ok := ws.Member(id); ok {
		return m.Name
	}
	return "A former teammate"
}

// storeErr passes coded errors through and gives anything else a sentence.
func storeErr(err error) error {
	if err == nil {
		return nil
	}
	var e *model.Error
	if errors.As(err, &e) {
		return err
	}
	return model.Wrap(model.CodeInternal, err, "Huddle could not save or read this change; try again, and restart Huddle if it keeps happening.")
}
