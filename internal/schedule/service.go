package schedule

import (
	"context"
	"errors"
	"math"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Store is what scheduling reads (localdb implements it).
type Store interface {
	ports.Reader
	// ScheduledReplies returns the scheduled replies due by upTo (unix ms), soonest first.
	ScheduledReplies(upTo int64, limit int) ([]model.ScheduledReply, error)
	// NextScheduled returns the earliest send time after after of a reply waiting to go.
	NextScheduled(after int64) (at int64, ok bool, err error)
	Subscribe() (<-chan model.Change, func())
}

// maxListed bounds the list of scheduled replies.
const maxListed = 500

// Service runs what people do with scheduled replies.
type Service struct {
	store  Store
	inbox  *inbox.Service
	claims Claims
	device string
}

// New returns a Service; device is this device's ID, as its claims name it.
func New(store Store, ib *inbox.Service, claims Claims, device string) *Service {
	return &Service{store: store, inbox: ib, claims: claims, device: device}
}

// Schedule writes a reply to the client that goes at sendAt.
func (s *Service) Schedule(ctx context.Context, actor, threadID, body string, sendAt time.Time) (model.Message, error) {
	return s.inbox.ScheduleReply(ctx, actor, threadID, body, sendAt)
}

// List returns the scheduled replies waiting to go that actor can see, soonest first.
func (s *Service) List(actor string) ([]model.ScheduledReply, error) {
	_, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return nil, err
	}
	all, err := s.store.ScheduledReplies(math.MaxInt64, maxListed)
	if err != nil {
		return nil, usecase.StoreErr(err)
	}
	out := []model.ScheduledReply{}
	for _, r := range all {
		if policy.CanReadThread(m, r.Thread) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Edit changes the text and send time of a scheduled reply. Online, a reply some device has
// already taken is refused; offline the edit is recorded, and if the reply went meanwhile the
// thread shows what was sent.
func (s *Service) Edit(ctx context.Context, actor, threadID, messageID, body string, sendAt time.Time) (model.Message, error) {
	if _, err := s.inbox.CheckScheduledChange(ctx, actor, threadID, messageID); err != nil {
		return model.Message{}, err
	}
	c, held, err := s.claims.Holder(ctx, messageID)
	switch {
	case errors.Is(err, ErrUnreachable):
	case err != nil:
		return model.Message{}, claimError(err)
	case held:
		return model.Message{}, takenError(c)
	}
	return s.inbox.EditScheduled(ctx, actor, threadID, messageID, body, sendAt)
}

// SendNow sends a scheduled reply at once. It needs the relay: without it Huddle cannot make
// sure no other device sends the reply too, so it stays scheduled.
func (s *Service) SendNow(ctx context.Context, actor, threadID, messageID string) (model.Message, error) {
	if _, err := s.inbox.CheckScheduledChange(ctx, actor, threadID, messageID); err != nil {
		return model.Message{}, err
	}
	c, err := s.claims.Claim(ctx, messageID, ActionSend)
	if errors.Is(err, ErrUnreachable) {
		return model.Message{}, model.Errorf(model.CodeUnavailable, "Huddle cannot reach the relay now, so it cannot make sure this reply goes only once. It stays scheduled; try Send now again when you are back online.")
	}
	if err != nil {
		return model.Message{}, claimError(err)
	}
	if !s.mine(c, ActionSend) {
		return model.Message{}, takenError(c)
	}
	return s.inbox.SendScheduled(ctx, threadID, messageID)
}

// Cancel cancels a scheduled reply. Online, it claims the reply, so a cancel and a send can
// never both happen; offline the cancel is recorded here and reaches the other devices when
// this one is back (a device that sent the reply before then wins, and the thread says so).
func (s *Service) Cancel(ctx context.Context, actor, threadID, messageID string) error {
	if _, err := s.inbox.CheckScheduledChange(ctx, actor, threadID, messageID); err != nil {
		return err
	}
	c, err := s.claims.Claim(ctx, messageID, ActionCancel)
	switch {
	case errors.Is(err, ErrUnreachable):
	case err != nil:
		return claimError(err)
	case c.Action == ActionSend:
		return takenError(c)
	}
	return s.inbox.CancelScheduled(ctx, actor, threadID, messageID)
}

func (s *Service) mine(c Claim, a Action) bool { return c.Device == s.device && c.Action == a }

// takenError says that a device has already taken the reply.
func takenError(c Claim) error {
	if c.Action == ActionCancel {
		return model.Errorf(model.CodeConflict, "This scheduled reply was cancelled, so it will not go.")
	}
	return model.Errorf(model.CodeConflict, "This reply is already going to the client (sent at %s).", time.UnixMilli(c.At).Format("15:04 on 2 Jan"))
}

func claimError(err error) error {
	if errors.Is(err, ErrDamaged) {
		return model.Wrap(model.CodeCorrupt, err, "The relay's record of this scheduled reply is damaged, so Huddle will not send or change it, to avoid sending it twice. Copy its text into a new reply and cancel this one when the relay allows.")
	}
	return model.Wrap(model.CodeUnavailable, err, "Huddle could not check with the relay whether this reply has gone. Nothing was changed; try again in a moment.")
}
