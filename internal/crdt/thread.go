package crdt

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// Thread is the typed view of a thread document.
//
// Root fields: type, v, id, brand, client, clientName, channel, subject, clientChat, createdAt,
// status, assignee, deleted; set maps labels, watchers, followers; maps participants
// (member → access), mentioned (member → unix ms), readBy (member → unix ms) and messages
// (ULID → message map).
type Thread struct{ d *Doc }

// Thread returns the thread view of d.
func (d *Doc) Thread() Thread { return Thread{d} }

var threadMaps = []string{"labels", "watchers", "followers", "participants", "mentioned", "readBy", "messages"}

// Create writes a new thread's fixed fields.
func (t Thread) Create(th model.Thread) error {
	d := t.d
	if err := d.create(threadMaps...); err != nil {
		return err
	}
	root := d.am.RootMap()
	for k, v := range map[string]any{
		"id": d.id, "brand": th.BrandID, "client": th.ClientID, "clientName": th.ClientName,
		"channel": string(th.Channel), "subject": th.Subject, "clientChat": th.ClientChat,
		"createdAt": th.CreatedAt, "status": string(model.StatusOpen), "assignee": th.AssigneeID,
		"deleted": false,
	} {
		if err := root.Set(k, v); err != nil {
			return fmt.Errorf("create thread %s: %w", d.id, err)
		}
	}
	return nil
}

// SetStatus opens or resolves the thread.
func (t Thread) SetStatus(s model.Status) error { return t.d.setAt(string(s), "status") }

// SetAssignee sets the one assignee; "" unassigns.
func (t Thread) SetAssignee(memberID string) error { return t.d.setAt(memberID, "assignee") }

// SetClientName keeps the denormalised client name in step with the client.
func (t Thread) SetClientName(name string) error { return t.d.setAt(name, "clientName") }

// SetDeleted soft-deletes or restores the thread.
func (t Thread) SetDeleted(on bool) error { return t.d.setAt(on, "deleted") }

// SetLabel adds or removes a label.
func (t Thread) SetLabel(labelID string, on bool) error { return t.d.setMember("labels", labelID, on) }

// SetWatcher adds or removes a read-only watcher.
func (t Thread) SetWatcher(memberID string, on bool) error {
	return t.d.setMember("watchers", memberID, on)
}

// SetFollower adds or removes a follower.
func (t Thread) SetFollower(memberID string, on bool) error {
	return t.d.setMember("followers", memberID, on)
}

// SetParticipant makes memberID a participant with the given access.
func (t Thread) SetParticipant(memberID string, a model.Access) error {
	return t.d.setIn("participants", memberID, string(a))
}

// RemoveParticipant removes memberID from the participants.
func (t Thread) RemoveParticipant(memberID string) error {
	return t.d.deleteIn("participants", memberID)
}

// AddMentioned records that memberID was mentioned at the given time.
func (t Thread) AddMentioned(memberID string, at int64) error {
	return t.d.setIn("mentioned", memberID, at)
}

// MarkRead records that memberID has read the thread up to at; it never moves backwards.
func (t Thread) MarkRead(memberID string, at int64) error {
	v, err := t.d.mapAt("readBy").Get(memberID)
	if err == nil && v.Kind() == automerge.KindInt64 && v.Int64() >= at {
		return nil
	}
	return t.d.setIn("readBy", memberID, at)
}

// AddMessage inserts a timeline entry; inserting an ID that exists is a no-op (idempotent).
func (t Thread) AddMessage(m model.Message) error {
	msgs := t.d.mapAt("messages")
	if v, err := msgs.Get(m.ID); err == nil && !v.IsVoid() {
		return nil
	}
	att := ""
	if len(m.Attachments) > 0 {
		b, err := json.Marshal(m.Attachments)
		if err != nil {
			return err
		}
		att = string(b)
	}
	entry := automerge.NewMap()
	t.d.changed("messages")
	if err := msgs.Set(m.ID, entry); err != nil {
		return fmt.Errorf("add message to %s: %w", t.d.id, err)
	}
	for k, v := range map[string]any{
		"kind": string(m.Kind), "direction": string(m.Direction), "author": m.AuthorID,
		"body": m.Body, "mentions": joinList(m.Mentions), "attachments": att,
		"createdAt": m.CreatedAt, "delivery": string(m.Delivery), "highlight": m.Highlight,
		"event": m.Event, "subject": m.Subject, "deleted": false,
	} {
		if err := entry.Set(k, v); err != nil {
			return fmt.Errorf("add message to %s: %w", t.d.id, err)
		}
	}
	// Fields most entries lack are written only when set: every key costs each merge a read.
	for k, v := range map[string]any{"assignee": m.Assignee, "sendAt": m.SendAt} {
		if v == "" || v == int64(0) {
			continue
		}
		if err := entry.Set(k, v); err != nil {
			return fmt.Errorf("add message to %s: %w", t.d.id, err)
		}
	}
	t.d.touch(m.ID)
	if t.d.written == nil {
		t.d.written = map[string]model.Message{}
	}
	t.d.written[m.ID] = t.readBack(m, att)
	return nil
}

// readBack returns m as Messages would project it from the fields AddMessage wrote.
func (t Thread) readBack(m model.Message, attachments string) model.Message {
	m.ThreadID = t.d.id
	m.Mentions = splitList(joinList(m.Mentions))
	m.Attachments = nil
	if attachments != "" {
		_ = json.Unmarshal([]byte(attachments), &m.Attachments)
	}
	m.Deleted = false
	m.SentAt, m.CancelledAt, m.CancelledBy = 0, 0, ""
	return m
}

// SetDelivery changes the delivery state of a message.
func (t Thread) SetDelivery(messageID string, s model.Delivery) error {
	t.d.touch(messageID)
	delete(t.d.written, messageID)
	delete(t.d.fresh, messageID)
	return t.d.setAt(string(s), "messages", messageID, "delivery")
}

// Messages projects the given timeline entries (all when ids is empty), oldest first. A named
// entry the last commit created, and nothing changed since, is taken as AddMessage wrote it.
func (t Thread) Messages(ids ...string) ([]model.Message, error) {
	var msgs *automerge.Map
	var all map[string]*automerge.Value
	if len(ids) == 0 {
		var err error
		if msgs, err = t.timeline(); err != nil {
			return nil, err
		}
		if all, err = msgs.Values(); err != nil {
			return nil, err
		}
		for id := range all {
			ids = append(ids, id)
		}
	}
	out := make([]model.Message, 0, len(ids))
	for _, id := range ids {
		if m, ok := t.d.fresh[id]; ok && all == nil {
			m.Mentions, m.Attachments = slices.Clone(m.Mentions), slices.Clone(m.Attachments)
			out = append(out, m)
			continue
		}
		v, ok := all[id]
		if all == nil {
			// Named entries are read one by one: reading the whole map would make every local
			// write cost more as the thread grows.
			var err error
			if msgs == nil {
				if msgs, err = t.timeline(); err != nil {
					return nil, err
				}
			}
			v, err = msgs.Get(id)
			ok = err == nil
		}
		if !ok || v.Kind() != automerge.KindMap {
			continue
		}
		f, err := v.Map().Values()
		if err != nil {
			return nil, err
		}
		out = append(out, projectMessage(t.d.id, id, f))
	}
	SortMessages(out)
	return out, nil
}

// CheckTimeline fails when the thread's messages are not a map any more, which only a
// damaged change from elsewhere can do.
func (t Thread) CheckTimeline() error {
	_, err := t.timeline()
	return err
}

// timeline returns the map of the thread's messages. It is looked up once, by its object: a
// map reached by path (mapAt) walks from the root again on every read.
func (t Thread) timeline() (*automerge.Map, error) {
	v, err := t.d.am.RootMap().Get("messages")
	if err != nil {
		return nil, err
	}
	if v.Kind() != automerge.KindMap {
		return nil, fmt.Errorf("the messages of thread %s are a %s, not a map", t.d.id, v.Kind())
	}
	return v.Map(), nil
}

// CreationTimes returns when each of the named messages was created; messages the thread does
// not hold are left out.
func (t Thread) CreationTimes(ids ...string) (map[string]int64, error) {
	msgs, err := t.timeline()
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(ids))
	for _, id := range ids {
		v, err := msgs.Get(id)
		if err != nil || v.Kind() != automerge.KindMap {
			continue
		}
		at, err := v.Map().Get("createdAt")
		if err != nil {
			return nil, err
		}
		out[id] = i64Of(at) // as projectMessage reads it: a sent scheduled reply sorts when it went
		if sent, err := v.Map().Get("sentAt"); err == nil && i64Of(sent) > 0 {
			out[id] = i64Of(sent)
		}
	}
	return out, nil
}

func projectMessage(threadID, id string, f fields) model.Message {
	m := model.Message{
		ID: id, ThreadID: threadID, Kind: model.Kind(str(f, "kind")),
		Direction: model.Direction(str(f, "direction")), AuthorID: str(f, "author"),
		Body: str(f, "body"), Mentions: splitList(str(f, "mentions")),
		CreatedAt: i64(f, "createdAt"), Delivery: model.Delivery(str(f, "delivery")),
		Highlight: boolean(f, "highlight"), Event: str(f, "event"), Subject: str(f, "subject"),
		Deleted: boolean(f, "deleted"), Assignee: str(f, "assignee"),
	}
	if a := str(f, "attachments"); a != "" {
		_ = json.Unmarshal([]byte(a), &m.Attachments) // bad metadata reads as none
	}
	if m.SendAt = i64(f, "sendAt"); m.SendAt > 0 {
		projectScheduled(&m, f)
	}
	return m
}

// SortMessages orders a timeline: by creation time, then by ID.
func SortMessages(ms []model.Message) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].CreatedAt != ms[j].CreatedAt {
			return ms[i].CreatedAt < ms[j].CreatedAt
		}
		return ms[i].ID < ms[j].ID
	})
}
