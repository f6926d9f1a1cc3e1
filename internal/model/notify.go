package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// NotifyKind is what a notification is about.
type NotifyKind string

// Notification kinds.
const (
	NotifyAssigned      NotifyKind = "assigned"      // a thread was assigned to the member
	NotifyMention       NotifyKind = "mention"       // a note @mentions the member
	NotifyMessage       NotifyKind = "message"       // a client wrote on a thread assigned to the member
	NotifyParticipating NotifyKind = "participating" // a client wrote on a thread the member takes part in or follows
	NotifyReminder      NotifyKind = "reminder"      // a reminder of the member's task came due
)

// Notification is one entry of a member's notification centre. It is derived on every
// device from what it is about (a timeline entry, a task's reminder), so its ID is the same
// everywhere and read marks sync by ID.
type Notification struct {
	ID         string     `json:"id"`
	Member     string     `json:"member"`
	Kind       NotifyKind `json:"kind"`
	At         int64      `json:"at"`      // unix ms: when it happened (the reminder's time)
	ActorID    string     `json:"actorId"` // the teammate who did it; "" for a client or a reminder
	ThreadID   string     `json:"threadId"`
	MessageID  string     `json:"messageId"`
	TaskID     string     `json:"taskId"`
	BrandID    string     `json:"brandId"`
	ClientName string     `json:"clientName"`
	Title      string     `json:"title"`   // the thread's subject or the task's title
	Excerpt    string     `json:"excerpt"` // the start of the message or note
	Read       bool       `json:"read"`    // filled when read, from the member's read marks
}

// MessageNotificationID is the ID of the notification a timeline entry gives one member.
func MessageNotificationID(kind NotifyKind, messageID string) string {
	return string(kind) + ":" + messageID
}

// ReminderNotificationID is the ID of a task reminder's notification: a snoozed reminder has a
// new time, so it is a new notification.
func ReminderNotificationID(taskID string, remindAt int64) string {
	return string(NotifyReminder) + ":" + taskID + ":" + strconv.FormatInt(remindAt, 10)
}

// NotificationTime returns the time a notification ID carries: a reminder's time, or the
// time in a timeline entry's ULID (its creation, give or take the author's clock).
func NotificationTime(id string) (int64, bool) {
	kind, rest, _ := strings.Cut(id, ":")
	if NotifyKind(kind) == NotifyReminder {
		i := strings.LastIndexByte(rest, ':')
		at, err := strconv.ParseInt(rest[i+1:], 10, 64)
		return at, i >= 0 && err == nil
	}
	u, err := ulid.ParseStrict(rest)
	if err != nil {
		return 0, false
	}
	return int64(u.Time()), true
}

// Arrival is a notification new to this device, in the order it arrived: what a native
// notifier takes.
type Arrival struct {
	Seq uint64 `json:"seq"`
	Notification
}

// NotificationQuery asks for one page of a member's notifications, newest first.
type NotificationQuery struct {
	Member string `json:"member"`
	Now    int64  `json:"now"`    // reminders at or before now are due
	Before string `json:"before"` // the page cursor: "" for the newest
	Limit  int    `json:"limit"`
}

// NotificationPage is one page of notifications.
type NotificationPage struct {
	Items  []Notification `json:"items"`
	Next   string         `json:"next"`   // cursor of the next page, "" at the end
	Unread int            `json:"unread"` // over every page, capped at MaxUnreadCount
}

// MaxUnreadCount caps the unread count: a badge says "99+" past it.
const MaxUnreadCount = 100

// NotifyPrefs is what a member wants to be told about natively. The in-app centre lists every
// notification whatever they say.
type NotifyPrefs struct {
	Assigned bool `json:"assigned"`
	Mentions bool `json:"mentions"`
	Messages bool `json:"messages"` // new messages from clients
	// OnlyAssigned limits new-message notifications to threads assigned to the member (not
	// the ones they take part in or follow).
	OnlyAssigned bool       `json:"onlyAssigned"`
	Reminders    bool       `json:"reminders"`
	Sound        bool       `json:"sound"`
	Quiet        QuietHours `json:"quiet"`
}

// DefaultNotifyPrefs is what a member starts with.
var DefaultNotifyPrefs = NotifyPrefs{Assigned: true, Mentions: true, Messages: true, OnlyAssigned: true,
	Reminders: true, Sound: true}

// Wants reports whether the member wants a native notification of kind.
func (p NotifyPrefs) Wants(kind NotifyKind) bool {
	switch kind {
	case NotifyAssigned:
		return p.Assigned
	case NotifyMention:
		return p.Mentions
	case NotifyMessage:
		return p.Messages
	case NotifyParticipating:
		return p.Messages && !p.OnlyAssigned
	case NotifyReminder:
		return p.Reminders
	}
	return false
}

// QuietHours is a daily stretch of local time without native notifications (and, for the
// workspace's, without automated sends). From and To are "HH:MM"; To before From spans
// midnight.
type QuietHours struct {
	On   bool   `json:"on"`
	From string `json:"from"`
	To   string `json:"to"`
}

// ParseClock reads "HH:MM" as minutes after midnight.
func ParseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, fmt.Errorf("%q is not a time of day like 22:00", s)
	}
	return hh*60 + mm, nil
}

// Check says what is wrong with quiet hours that are on.
func (q QuietHours) Check() error {
	if !q.On {
		return nil
	}
	from, err := ParseClock(q.From)
	if err != nil {
		return Errorf(CodeInvalid, "Quiet hours start: %v.", err)
	}
	to, err := ParseClock(q.To)
	if err != nil {
		return Errorf(CodeInvalid, "Quiet hours end: %v.", err)
	}
	if from == to {
		return Errorf(CodeInvalid, "Quiet hours must start and end at different times.")
	}
	return nil
}

// Contains reports whether t (in its own location) falls in the quiet hours.
func (q QuietHours) Contains(t time.Time) bool {
	if !q.On {
		return false
	}
	from, err1 := ParseClock(q.From)
	to, err2 := ParseClock(q.To)
	if err1 != nil || err2 != nil || from == to {
		return false
	}
	now := t.Hour()*60 + t.Minute()
	if from < to {
		return now >= from && now < to
	}
	return now >= from || now < to
}

// End returns when the quiet stretch that contains t ends (t itself when it is not quiet).
func (q QuietHours) End(t time.Time) time.Time {
	if !q.Contains(t) {
		return t
	}
	to, _ := ParseClock(q.To)
	end := time.Date(t.Year(), t.Month(), t.Day(), to/60, to%60, 0, 0, t.Location())
	if !end.After(t) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}

// MemberState is a member's own settings and read marks: their private document, synced to
// their other devices like every document, shown to nobody else.
type MemberState struct {
	Member  string           `json:"member"`
	Prefs   NotifyPrefs      `json:"prefs"`
	ReadAll int64            `json:"readAll"` // notifications at or before this (unix ms) are read
	Read    map[string]int64 `json:"read"`    // notification ID → its time, read one by one
}

// IsRead reports whether the member has read n.
func (s *MemberState) IsRead(n *Notification) bool {
	if n.At <= s.ReadAll {
		return true
	}
	_, ok := s.Read[n.ID]
	return ok
}
