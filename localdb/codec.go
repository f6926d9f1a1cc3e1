package localdb

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"huddle/internal/model"
)

// Rows use a small binary encoding: JSON decoding was most of the time of a list page and a
// timeline. Each row starts with a tag byte (kind and version); strings and lists are
// uvarint-length-prefixed, integers are varints, maps are written sorted so equal rows encode
// to equal bytes (writes compare bytes to skip unchanged rows). Decoded lists and maps are
// never nil, so the UI always gets [] and {}. The workspace row, read once per change, stays
// JSON.
const (
	tagThread  byte = 't'<<1 | 1
	tagMessage byte = 'm'<<1 | 1
	// tagMessageExt is a message with the fields few have (assignee at arrival, schedule),
	// which follow the common ones; a message without them keeps the shorter form.
	tagMessageExt byte = 'M'<<1 | 1
	tagClient     byte = 'c'<<1 | 1
	tagTask       byte = 'k'<<1 | 1
)

var errBadRow = errors.New("malformed row")

func encodeRow(v any) ([]byte, error) {
	var e enc
	switch r := v.(type) {
	case *model.Thread:
		e.thread(r)
	case *model.Message:
		e.message(r)
	case *model.Client:
		e.client(r)
	case *model.Task:
		e.task(r)
	default:
		return json.Marshal(v)
	}
	return e.b, nil
}

func decodeRow(b []byte, v any) error {
	d := dec{b: b}
	switch r := v.(type) {
	case *model.Thread:
		d.thread(r)
	case *model.Message:
		d.message(r)
	case *model.Client:
		d.client(r)
	case *model.Task:
		d.task(r)
	default:
		return json.Unmarshal(b, v)
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errBadRow
	}
	if d.err != nil {
		return fmt.Errorf("%T: %w", v, d.err)
	}
	return nil
}

type enc struct{ b []byte }

func (e *enc) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *enc) i64(v int64) { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) flag(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *enc) strs(xs []string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(xs)))
	for _, x := range xs {
		e.str(x)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func (e *enc) thread(t *model.Thread) {
	e.b = append(e.b, tagThread)
	for _, s := range []string{t.ID, t.BrandID, t.ClientID, t.ClientName, string(t.Channel), t.Subject,
		string(t.Status), t.AssigneeID, t.LastPreview, t.LastAuthorID, string(t.LastKind)} {
		e.str(s)
	}
	e.flag(t.ClientChat)
	e.flag(t.Deleted)
	e.i64(t.CreatedAt)
	e.i64(t.LastActivityAt)
	e.i64(int64(t.MessageCount))
	e.strs(t.Labels)
	e.strs(t.Watchers)
	e.strs(t.Followers)
	e.strs(t.Mentioned)
	ks := sortedKeys(t.Participants)
	e.b = binary.AppendUvarint(e.b, uint64(len(ks)))
	for _, k := range ks {
		e.str(k)
		e.str(string(t.Participants[k]))
	}
	ks = sortedKeys(t.ReadBy)
	e.b = binary.AppendUvarint(e.b, uint64(len(ks)))
	for _, k := range ks {
		e.str(k)
		e.i64(t.ReadBy[k])
	}
}

func (e *enc) message(m *model.Message) {
	ext := m.Assignee != "" || m.SendAt != 0 || m.SentAt != 0 || m.CancelledAt != 0 || m.CancelledBy != ""
	if ext {
		e.b = append(e.b, tagMessageExt)
	} else {
		e.b = append(e.b, tagMessage)
	}
	for _, s := range []string{m.ID, m.ThreadID, string(m.Kind), string(m.Direction), m.AuthorID, m.Body,
		string(m.Delivery), m.Event, m.Subject} {
		e.str(s)
	}
	e.flag(m.Highlight)
	e.flag(m.Deleted)
	e.i64(m.CreatedAt)
	e.strs(m.Mentions)
	e.b = binary.AppendUvarint(e.b, uint64(len(m.Attachments)))
	for _, a := range m.Attachments {
		e.str(a.Name)
		e.str(a.Type)
		e.i64(a.Size)
	}
	if ext {
		e.str(m.Assignee)
		e.str(m.CancelledBy)
		for _, v := range []int64{m.SendAt, m.SentAt, m.CancelledAt} {
			e.i64(v)
		}
	}
}

func (e *enc) client(c *model.Client) {
	e.b = append(e.b, tagClient)
	for _, s := range []string{c.ID, c.BrandID, c.Name, c.Notes, c.ChatThreadID} {
		e.str(s)
	}
	e.flag(c.Organisation)
	e.flag(c.Bot)
	e.flag(c.Deleted)
	e.i64(c.CreatedAt)
	e.strs(c.Phones)
	e.strs(c.Emails)
	e.strs(c.Tags)
	e.b = binary.AppendUvarint(e.b, uint64(len(c.Contacts)))
	for _, ct := range c.Contacts {
		e.str(ct.ID)
		e.str(ct.Name)
		e.str(ct.Phone)
		e.str(ct.Email)
	}
}

func (e *enc) task(t *model.Task) {
	e.b = append(e.b, tagTask)
	for _, s := range []string{t.ID, t.Title, t.Notes, t.AssigneeID, t.DoneBy, t.ThreadID, t.ClientID,
		t.BrandID, t.CreatedBy} {
		e.str(s)
	}
	e.flag(t.Done)
	e.flag(t.Deleted)
	for _, v := range []int64{t.DueAt, t.RemindAt, t.DoneAt, t.CreatedAt} {
		e.i64(v)
	}
}

// dec reads what enc wrote; after the first error every read returns a zero value, so the
// decoders read straight through and check d.err once.
type dec struct {
	b   []byte
	err error
}

func (d *dec) fail() { d.err, d.b = errBadRow, nil }

func (d *dec) tag(want byte) {
	if len(d.b) == 0 || d.b[0] != want {
		d.fail()
		return
	}
	d.b = d.b[1:]
}

func (d *dec) count() int {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) { // every element takes at least one byte
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *dec) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) i64() int64 {
	v, k := binary.Varint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *dec) flag() bool {
	if len(d.b) == 0 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *dec) strs() []string {
	n := d.count()
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) thread(t *model.Thread) {
	d.tag(tagThread)
	t.ID, t.BrandID, t.ClientID, t.ClientName = d.str(), d.str(), d.str(), d.str()
	t.Channel, t.Subject, t.Status, t.AssigneeID = model.Channel(d.str()), d.str(), model.Status(d.str()), d.str()
	t.LastPreview, t.LastAuthorID, t.LastKind = d.str(), d.str(), model.Kind(d.str())
	t.ClientChat, t.Deleted = d.flag(), d.flag()
	t.CreatedAt, t.LastActivityAt, t.MessageCount = d.i64(), d.i64(), int(d.i64())
	t.Labels, t.Watchers, t.Followers, t.Mentioned = d.strs(), d.strs(), d.strs(), d.strs()
	n := d.count()
	t.Participants = make(map[string]model.Access, n)
	for range n {
		k := d.str()
		t.Participants[k] = model.Access(d.str())
	}
	n = d.count()
	t.ReadBy = make(map[string]int64, n)
	for range n {
		k := d.str()
		t.ReadBy[k] = d.i64()
	}
}

func (d *dec) message(m *model.Message) {
	ext := len(d.b) > 0 && d.b[0] == tagMessageExt
	if ext {
		d.tag(tagMessageExt)
	} else {
		d.tag(tagMessage)
	}
	m.ID, m.ThreadID, m.Kind, m.Direction = d.str(), d.str(), model.Kind(d.str()), model.Direction(d.str())
	m.AuthorID, m.Body, m.Delivery, m.Event, m.Subject = d.str(), d.str(), model.Delivery(d.str()), d.str(), d.str()
	m.Highlight, m.Deleted = d.flag(), d.flag()
	m.CreatedAt = d.i64()
	m.Mentions = d.strs()
	m.Attachments = make([]model.Attachment, d.count())
	for i := range m.Attachments {
		m.Attachments[i] = model.Attachment{Name: d.str(), Type: d.str(), Size: d.i64()}
	}
	if ext {
		m.Assignee, m.CancelledBy = d.str(), d.str()
		m.SendAt, m.SentAt, m.CancelledAt = d.i64(), d.i64(), d.i64()
	}
}

func (d *dec) client(c *model.Client) {
	d.tag(tagClient)
	c.ID, c.BrandID, c.Name, c.Notes, c.ChatThreadID = d.str(), d.str(), d.str(), d.str(), d.str()
	c.Organisation, c.Bot, c.Deleted = d.flag(), d.flag(), d.flag()
	c.CreatedAt = d.i64()
	c.Phones, c.Emails, c.Tags = d.strs(), d.strs(), d.strs()
	c.Contacts = make([]model.Contact, d.count())
	for i := range c.Contacts {
		c.Contacts[i] = model.Contact{ID: d.str(), Name: d.str(), Phone: d.str(), Email: d.str()}
	}
}

func (d *dec) task(t *model.Task) {
	d.tag(tagTask)
	t.ID, t.Title, t.Notes, t.AssigneeID, t.DoneBy = d.str(), d.str(), d.str(), d.str(), d.str()
	t.ThreadID, t.ClientID, t.BrandID, t.CreatedBy = d.str(), d.str(), d.str(), d.str()
	t.Done, t.Deleted = d.flag(), d.flag()
	t.DueAt, t.RemindAt, t.DoneAt, t.CreatedAt = d.i64(), d.i64(), d.i64(), d.i64()
}
