package inbox

import (
	"context"
	"time"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Scheduled replies: written now, sent at a chosen time by whichever device claims them first
// (internal/schedule). These are the writes; deciding that a device may send is not theirs.

// Bounds of a send time: far enough ahead that the author can still change their mind, near
// enough that the thread is still about the same thing.
const (
	MinScheduleAhead = time.Minute
	MaxScheduleAhead = 366 * 24 * time.Hour
)

// ScheduleReply writes a reply to the client that goes at sendAt. Until then it is not
// activity on the thread, and its author or an Owner or Admin may edit, send or cancel it.
func (s *Service) ScheduleReply(ctx context.Context, actor, threadID, body string, sendAt time.Time) (model.Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return model.Message{}, err
	}
	var msg model.Message
	err = s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if w.th.Channel == model.ChannelInternal {
			return model.Errorf(model.CodeInvalid, "Internal conversations have no client to write to; add a note instead.")
		}
		if err := checkSendAt(w.now, sendAt); err != nil {
			return err
		}
		at := sendAt.UnixMilli()
		msg = model.Message{ID: model.NewULID(w.now), ThreadID: threadID, Kind: model.KindMessage,
			Direction: model.DirOutbound, AuthorID: w.actor.ID, Body: body, CreatedAt: at,
			Delivery: model.DeliveryScheduled, SendAt: at}
		return w.d.Thread().AddMessage(msg)
	})
	return msg, err
}

// EditScheduled changes the text and send time of a scheduled reply that has not gone.
func (s *Service) EditScheduled(ctx context.Context, actor, threadID, messageID, body string, sendAt time.Time) (model.Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return model.Message{}, err
	}
	var msg model.Message
	err = s.changeScheduled(ctx, actor, threadID, messageID, func(w threadWrite, m model.Message) error {
		if err := checkSendAt(w.now, sendAt); err != nil {
			return err
		}
		at := sendAt.UnixMilli()
		if m.Body == body && m.SendAt == at {
			msg = m
			return nil
		}
		msg, msg.Body, msg.SendAt, msg.CreatedAt = m, body, at, at
		return w.d.Thread().EditScheduled(messageID, body, at)
	})
	return msg, err
}

// CancelScheduled cancels a scheduled reply that has not gone. It stays in the thread as a
// cancelled line.
func (s *Service) CancelScheduled(ctx context.Context, actor, threadID, messageID string) error {
	return s.changeScheduled(ctx, actor, threadID, messageID, func(w threadWrite, _ model.Message) error {
		return w.d.Thread().CancelScheduled(messageID, w.actor.ID, w.now.UnixMilli())
	})
}

// CheckScheduledChange returns the scheduled reply if actor may edit, send or cancel it now,
// and otherwise says why not. It writes nothing: a device asks before it claims the message.
func (s *Service) CheckScheduledChange(ctx context.Context, actor, threadID, messageID string) (model.Message, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Message{}, err
	}
	th, err := s.store.Thread(threadID)
	if err != nil || th.Deleted {
		return model.Message{}, errThreadGone
	}
	if !policy.CanWriteThread(m, th) {
		return model.Message{}, cannotWrite(ws, m, th)
	}
	msgs, err := s.store.Messages(threadID)
	if err != nil {
		return model.Message{}, usecase.StoreErr(err)
	}
	for _, msg := range msgs {
		if msg.ID == messageID && msg.Scheduled() {
			return msg, mayChangeScheduled(ws, m, msg)
		}
	}
	return model.Message{}, errNoScheduled
}

// SendScheduled sends a scheduled reply now: it is queued for its channel, sorts at the time
// it went, and reopens a resolved thread. It has no acting member: a device sends it on its
// author's behalf, after claiming it (internal/schedule). A reply that already went, was
// cancelled or whose thread was deleted is not sent, with an error saying which.
func (s *Service) SendScheduled(ctx context.Context, threadID, messageID string) (model.Message, error) {
	now := s.clock.Now()
	var msg model.Message
	err := usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, th, err := loadThread(tx, threadID)
		if err != nil {
			return err
		}
		w := threadWrite{d: d, th: th, now: now}
		m, err := scheduledIn(w, messageID)
		if err != nil {
			return err
		}
		if err := w.reopen("", "Reopened by a scheduled reply."); err != nil {
			return err
		}
		at := now.UnixMilli()
		msg, msg.Delivery, msg.SentAt, msg.CreatedAt = m, model.DeliveryQueued, at, at
		return d.Thread().MarkSent(messageID, m.Body, at)
	})
	return msg, err
}

// changeScheduled runs fn on a scheduled reply actor may change, in one write of its thread.
func (s *Service) changeScheduled(ctx context.Context, actor, threadID, messageID string, fn func(threadWrite, model.Message) error) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		m, err := scheduledIn(w, messageID)
		if err != nil {
			return err
		}
		if err := mayChangeScheduled(w.ws, w.actor, m); err != nil {
			return err
		}
		return fn(w, m)
	})
}

// scheduledIn reads a scheduled reply that has not gone from the thread being written.
func scheduledIn(w threadWrite, messageID string) (model.Message, error) {
	msgs, err := w.d.Thread().Messages(messageID)
	if err != nil {
		return model.Message{}, err
	}
	if len(msgs) == 0 || !msgs[0].Scheduled() || msgs[0].Deleted {
		return model.Message{}, errNoScheduled
	}
	return msgs[0], goneError(msgs[0])
}

var errNoScheduled = model.Errorf(model.CodeNotFound, "That scheduled reply is not in this conversation any more.")

// goneError says why a scheduled reply can no longer change, or nil while it waits.
func goneError(m model.Message) error {
	switch {
	case m.SentAt > 0:
		return model.Errorf(model.CodeConflict, "This reply has already gone to the client, at %s.", time.UnixMilli(m.SentAt).Format("15:04 on 2 Jan"))
	case !m.Pending():
		return model.Errorf(model.CodeConflict, "This scheduled reply was cancelled, so it will not go.")
	}
	return nil
}

// mayChangeScheduled allows a scheduled reply's author, and Owners and Admins, to change it.
func mayChangeScheduled(ws model.Workspace, actor model.Member, m model.Message) error {
	if err := goneError(m); err != nil {
		return err
	}
	if m.AuthorID == actor.ID || policy.CanManageTeam(actor) {
		return nil
	}
	who := "the teammate who scheduled this reply"
	if author, ok := ws.Member(m.AuthorID); ok {
		who = author.Name + ", who scheduled this reply,"
	}
	return model.Errorf(model.CodeForbidden, "Only %s or an Owner or Admin can change it.", who)
}

// checkSendAt refuses a send time too soon or too far from now.
func checkSendAt(now, sendAt time.Time) error {
	switch {
	case sendAt.Before(now.Add(MinScheduleAhead)):
		return model.Errorf(model.CodeInvalid, "Pick a time at least a minute from now; to send straight away, use Send.")
	case sendAt.After(now.Add(MaxScheduleAhead)):
		return model.Errorf(model.CodeInvalid, "Pick a time within the next year.")
	}
	return nil
}
