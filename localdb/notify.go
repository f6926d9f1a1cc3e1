package localdb

import (
	"encoding/json"
	"unicode/utf8"

	"huddle/internal/model"
)

// Notifications are read models like any other: the projection of a thread derives, from
// each timeline entry that is new to this device, a row for every member it concerns, so
// every device of a member lists the same notifications under the same IDs and read marks
// (in the member's private document) sync by ID. A reminder is not stored: it is a task in
// the reminder index whose time has come (notifyread.go).
//
// Each derived row is also queued as an arrival (na/), the news a native notifier takes:
// a device raises a notification for what reached it, once, whether it was written here or
// merged from the relay. Rows derived when an index upgrade builds them are not queued.

// excerptRunes is how much of a message a notification quotes.
const excerptRunes = 140

// notifyBorn derives the notifications of the timeline entries of th that got their first
// row in this projection.
func (b *batch) notifyBorn(th *model.Thread, born []model.Message) error {
	if th.Deleted {
		return nil
	}
	for i := range born {
		for _, n := range notificationsOf(th, &born[i]) {
			if err := b.putNotification(&n, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// notificationsOf lists what entry m of thread th tells each member it concerns. Nobody is
// told of their own doing.
func notificationsOf(th *model.Thread, m *model.Message) []model.Notification {
	if m.Deleted {
		return nil
	}
	var out []model.Notification
	add := func(member string, kind model.NotifyKind) {
		if member == "" || member == m.AuthorID {
			return
		}
		for _, n := range out {
			if n.Member == member {
				return // one notification per member and entry: the first kind added wins
			}
		}
		out = append(out, model.Notification{ID: model.MessageNotificationID(kind, m.ID), Member: member,
			Kind: kind, At: m.CreatedAt, ActorID: m.AuthorID, ThreadID: th.ID, MessageID: m.ID,
			BrandID: th.BrandID, ClientName: th.ClientName, Title: th.Subject, Excerpt: excerpt(m.Body)})
	}
	switch {
	case m.Kind == model.KindEvent && m.Event == model.EventAssigned:
		add(m.Subject, model.NotifyAssigned)
	case m.Kind == model.KindNote:
		for _, member := range m.Mentions {
			add(member, model.NotifyMention)
		}
	case m.Kind == model.KindMessage && m.Direction == model.DirInbound:
		// Whom the message reached, not whom the thread is assigned to now: a device that
		// merges the message with a later reassignment must tell the same member.
		add(m.Assignee, model.NotifyMessage)
		for member := range th.Participants {
			add(member, model.NotifyParticipating)
		}
		for _, member := range th.Watchers {
			add(member, model.NotifyParticipating)
		}
		for _, member := range th.Followers {
			add(member, model.NotifyParticipating)
		}
	}
	return out
}

func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	r := []rune(s)
	return string(r[:excerptRunes-1]) + "…"
}

// putNotification writes a notification row and, with arrive, queues it as an arrival.
func (b *batch) putNotification(n *model.Notification, arrive bool) error {
	raw, err := json.Marshal(n)
	if err != nil {
		return err
	}
	key := keyNotification(n.Member, n.At, n.ID)
	if err := b.txn.Set(key, raw); err != nil {
		return err
	}
	if !arrive {
		return nil
	}
	b.arrivals++
	return b.txn.Set(keyArrival(b.db.arrivalSeq+uint64(b.arrivals)), key)
}

// projectMember writes a member's private document as their state row.
func (b *batch) projectMember(s *model.MemberState) error {
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return b.txn.Set(keyMemberState(s.Member), raw)
}

// reminderEntries puts a task that will remind its assignee in the reminder index.
func reminderEntries(tk *model.Task) []ixEntry {
	if tk == nil || tk.Deleted || tk.Done || tk.RemindAt <= 0 || tk.AssigneeID == "" {
		return nil
	}
	return []ixEntry{{reminderIndex(tk.AssigneeID), reminderSort(tk.RemindAt, tk.ID)}}
}
