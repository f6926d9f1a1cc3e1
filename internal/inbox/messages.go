package inbox

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// RecordInbound stores a message from the client, sent at at (the clock's time when zero). It
// has no acting member: it comes from a channel. A resolved thread reopens, with an event line.
func (s *Service) RecordInbound(ctx context.Context, threadID, body string, at time.Time) (model.Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return model.Message{}, err
	}
	now := s.clock.Now()
	if at.IsZero() {
		at = now
	}
	var msg model.Message
	err = usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, th, err := loadThread(tx, threadID)
		if err != nil {
			return err
		}
		msg, err = addInbound(threadWrite{d: d, th: th, now: at}, body)
		return err
	})
	return msg, err
}

// LogInbound records, for a member who may write the thread, a message the client sent
// through a channel Huddle does not connect to yet: a phone call, a walk-in, a text to the
// shop's phone. Like any inbound message it reopens a resolved thread.
func (s *Service) LogInbound(ctx context.Context, actor, threadID, body string) (model.Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return model.Message{}, err
	}
	var msg model.Message
	err = s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		msg, err = addInbound(w, body)
		return err
	})
	return msg, err
}

// addInbound adds a message from the client at w.now, reopening the thread if resolved.
func addInbound(w threadWrite, body string) (model.Message, error) {
	if w.th.Channel == model.ChannelInternal {
		return model.Message{}, model.Errorf(model.CodeInvalid, "Internal conversations have no client to write in them.")
	}
	if err := w.reopen("", "Reopened by a new message from "+w.th.ClientName+"."); err != nil {
		return model.Message{}, err
	}
	msg := model.Message{ID: model.NewULID(w.now), ThreadID: w.th.ID, Kind: model.KindMessage,
		Direction: model.DirInbound, Body: body, CreatedAt: w.now.UnixMilli(), Assignee: w.th.AssigneeID}
	return msg, w.d.Thread().AddMessage(msg)
}

// Reply sends a message to the client: outbound, queued for delivery. A resolved thread
// reopens, since the conversation is going on again.
func (s *Service) Reply(ctx context.Context, actor, threadID, body string) (model.Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return model.Message{}, err
	}
	var msg model.Message
	err = s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if w.th.Channel == model.ChannelInternal {
			return model.Errorf(model.CodeInvalid, "Internal conversations have no client to reply to; add a note instead.")
		}
		if err := w.reopen(w.actor.ID, w.actor.Name+" replied, which reopened the conversation."); err != nil {
			return err
		}
		msg = model.Message{ID: model.NewULID(w.now), ThreadID: threadID, Kind: model.KindMessage,
			Direction: model.DirOutbound, AuthorID: w.actor.ID, Body: body,
			CreatedAt: w.now.UnixMilli(), Delivery: model.DeliveryQueued}
		return w.d.Thread().AddMessage(msg)
	})
	return msg, err
}

// AddNote writes an internal note: never outbound, no delivery state. Each @handle of a
// teammate who can read the thread is recorded on the note and puts the thread in their
// Mentioned view. A mention assigns nobody, and a note does not reopen a resolved thread
// (only the client writing or a reply does).
func (s *Service) AddNote(ctx context.Context, actor, threadID, body string) (model.Message, error) {
	body, err := cleanBody(body)
	if err != nil {
		return model.Message{}, err
	}
	var msg model.Message
	err = s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		mentions := Mentions(w.ws, body, func(m model.Member) bool {
			return m.ID != w.actor.ID && policy.CanReadThread(m, w.th)
		})
		msg = model.Message{ID: model.NewULID(w.now), ThreadID: threadID, Kind: model.KindNote,
			Direction: model.DirInternal, AuthorID: w.actor.ID, Body: body, Mentions: mentions,
			CreatedAt: w.now.UnixMilli()}
		if err := w.d.Thread().AddMessage(msg); err != nil {
			return err
		}
		for _, id := range mentions {
			if err := w.d.Thread().AddMentioned(id, w.now.UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	return msg, err
}

// mentionRe finds @handles that start a word, so "anna@salon.com" mentions nobody.
var mentionRe = regexp.MustCompile(`(?:^|[^\pL\pN_@.])@([\pL\pN][\pL\pN._-]*)`)

// Mentions returns the IDs of the active members mentioned by @handle in body, in order of
// first mention, without duplicates, keeping those ok accepts. Matching ignores case, and
// sentence punctuation after a handle ("thanks @ana.") is not part of it.
func Mentions(ws model.Workspace, body string, ok func(model.Member) bool) []string {
	out := []string{}
	for _, sm := range mentionRe.FindAllStringSubmatch(body, -1) {
		h := strings.ToLower(sm[1])
		for h != "" {
			if m, found := ws.MemberByHandle(h); found {
				if ok(m) && !slices.Contains(out, m.ID) {
					out = append(out, m.ID)
				}
				break
			}
			trimmed := strings.TrimRight(h, "._-")
			if trimmed == h {
				break
			}
			h = trimmed
		}
	}
	return out
}

// RecordDelivery records what a channel did with outbound messages (sent, failed, ...). Like
// RecordInbound it has no acting member. Messages that are not outbound are left alone.
func (s *Service) RecordDelivery(ctx context.Context, threadID string, messageIDs []string, state model.Delivery) error {
	switch state {
	case model.DeliveryQueued, model.DeliverySent, model.DeliveryFailed, model.DeliveryCancelled:
	default:
		return model.Errorf(model.CodeInvalid, "Unknown delivery state %q.", state)
	}
	if len(messageIDs) == 0 {
		return nil // Messages() with no IDs means all of them: never touch them all by accident
	}
	return usecase.Update(ctx, s.store, s.clock.Now(), func(tx ports.Tx) error {
		d, _, err := loadThread(tx, threadID)
		if err != nil {
			return err
		}
		msgs, err := d.Thread().Messages(messageIDs...)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			if m.Direction != model.DirOutbound || m.Delivery == state {
				continue
			}
			if err := d.Thread().SetDelivery(m.ID, state); err != nil {
				return err
			}
		}
		return nil
	})
}
