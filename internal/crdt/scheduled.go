package crdt

import (
	"fmt"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// A scheduled reply is a message with delivery "scheduled" and a send time; its creation
// time is the send time, so it sorts where it will go. Going and being cancelled write
// different keys (sentAt and sentBody; cancelledAt and cancelledBy), never the same register:
// a cancel merged after the message went cannot undo it, and an edit merged after it went
// cannot change the text the client received.

// EditScheduled sets the text and send time of a scheduled reply.
func (t Thread) EditScheduled(messageID, body string, sendAt int64) error {
	if err := t.setMessage(messageID, "body", body); err != nil {
		return err
	}
	if err := t.setMessage(messageID, "sendAt", sendAt); err != nil {
		return err
	}
	return t.move(messageID, sendAt)
}

// MarkSent records that a scheduled reply went at at with body: it is queued for its
// channel and sorts at the time it went.
func (t Thread) MarkSent(messageID, body string, at int64) error {
	if err := t.move(messageID, at); err != nil { // first: the row's time is read before sentAt
		return err
	}
	for k, v := range map[string]any{"sentAt": at, "sentBody": body, "delivery": string(model.DeliveryQueued)} {
		if err := t.setMessage(messageID, k, v); err != nil {
			return err
		}
	}
	return nil
}

// CancelScheduled records that member by cancelled a scheduled reply at at. It stays where
// it was, as a cancelled line.
func (t Thread) CancelScheduled(messageID, by string, at int64) error {
	if err := t.setMessage(messageID, "cancelledAt", at); err != nil {
		return err
	}
	return t.setMessage(messageID, "cancelledBy", by)
}

// setMessage sets one field of a timeline entry, which must exist.
func (t Thread) setMessage(messageID, key string, v any) error {
	msgs, err := t.timeline()
	if err != nil {
		return err
	}
	e, err := msgs.Get(messageID)
	if err != nil || e.Kind() != automerge.KindMap {
		return fmt.Errorf("thread %s has no message %s", t.d.id, messageID)
	}
	t.d.changed("messages")
	t.d.touch(messageID)
	delete(t.d.written, messageID)
	delete(t.d.fresh, messageID)
	return e.Map().Set(key, v)
}

// move changes a message's creation time, remembering the one its stored row has (Moved).
func (t Thread) move(messageID string, at int64) error {
	was, err := t.CreationTimes(messageID)
	if err != nil {
		return err
	}
	if old, ok := was[messageID]; ok && old != at {
		if _, seen := t.d.moved[messageID]; !seen {
			if t.d.moved == nil {
				t.d.moved = map[string]int64{}
			}
			t.d.moved[messageID] = old
		}
	}
	return t.setMessage(messageID, "createdAt", at)
}

// Moved returns, for each message whose creation time a local write changed since the last
// commit, the time it had before: where the store finds its old row. Commit forgets them.
func (d *Doc) Moved() map[string]int64 { return d.moved }

// projectScheduled reads what became of a scheduled reply: sent wins over cancelled.
func projectScheduled(m *model.Message, f fields) {
	m.SentAt, m.CancelledAt, m.CancelledBy = i64(f, "sentAt"), i64(f, "cancelledAt"), str(f, "cancelledBy")
	if m.SentAt > 0 {
		// It sorts when it went: an edit merged from elsewhere may have moved createdAt.
		m.CreatedAt = m.SentAt
		if _, ok := f["sentBody"]; ok {
			m.Body = str(f, "sentBody")
		}
		if m.Delivery == model.DeliveryScheduled { // a delivery register older than the send
			m.Delivery = model.DeliveryQueued
		}
		return
	}
	if m.CancelledAt > 0 {
		m.Delivery = model.DeliveryCancelled
	}
}
