package model

// Channel is where a thread's conversation happens.
type Channel string

// Channels.
const (
	ChannelChat      Channel = "chat"
	ChannelSMS       Channel = "sms"
	ChannelEmail     Channel = "email"
	ChannelCall      Channel = "call"
	ChannelWhatsApp  Channel = "whatsapp"
	ChannelInstagram Channel = "instagram"
	ChannelMessenger Channel = "messenger"
	ChannelGMB       Channel = "gmb"
	ChannelTikTok    Channel = "tiktok"
	ChannelInternal  Channel = "internal"
)

// Channels lists every channel, in the order the UI offers them.
var Channels = []Channel{ChannelChat, ChannelSMS, ChannelEmail, ChannelCall, ChannelWhatsApp,
	ChannelInstagram, ChannelMessenger, ChannelGMB, ChannelTikTok, ChannelInternal}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, k := range Channels {
		if k == c {
			return true
		}
	}
	return false
}

// Status of a thread.
type Status string

// Thread statuses.
const (
	StatusOpen     Status = "open"
	StatusResolved Status = "resolved"
)

// Access of a participant to a thread.
type Access string

// Participant access levels. Watchers are always read-only.
const (
	AccessWrite Access = "write"
	AccessRead  Access = "read"
)

// Client is a customer account in one brand.
type Client struct {
	ID           string    `json:"id"`
	BrandID      string    `json:"brandId"`
	Name         string    `json:"name"`
	Organisation bool      `json:"organisation"` // an organisation with several contacts
	Contacts     []Contact `json:"contacts"`
	Phones       []string  `json:"phones"`
	Emails       []string  `json:"emails"`
	Tags         []string  `json:"tags"`
	Bot          bool      `json:"bot"`
	Notes        string    `json:"notes"`
	ChatThreadID string    `json:"chatThreadId"` // the client's chat, created with the client
	CreatedAt    int64     `json:"createdAt"`
	Deleted      bool      `json:"deleted"`
}

// Contact is a person of an organisation client. All contacts share the client's chat.
type Contact struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// Thread is the read model of a conversation: everything a list row or a header shows.
type Thread struct {
	ID           string            `json:"id"`
	BrandID      string            `json:"brandId"`
	ClientID     string            `json:"clientId"`
	ClientName   string            `json:"clientName"`
	Channel      Channel           `json:"channel"`
	Subject      string            `json:"subject"`
	ClientChat   bool              `json:"clientChat"` // the client's own chat: cannot be closed or deleted
	Status       Status            `json:"status"`
	AssigneeID   string            `json:"assigneeId"`
	Labels       []string          `json:"labels"`
	Participants map[string]Access `json:"participants"`
	Watchers     []string          `json:"watchers"`
	Followers    []string          `json:"followers"`
	Mentioned    []string          `json:"mentioned"`
	ReadBy       map[string]int64  `json:"readBy"` // member → read up to (unix ms)
	CreatedAt    int64             `json:"createdAt"`
	Deleted      bool              `json:"deleted"`

	// Filled by the store from message rows, not stored in the document.
	LastActivityAt int64  `json:"lastActivityAt"`
	LastPreview    string `json:"lastPreview"`
	LastAuthorID   string `json:"lastAuthorId"`
	LastKind       Kind   `json:"lastKind"`
	MessageCount   int    `json:"messageCount"`
}

// UnreadFor reports whether the thread has activity member has not read.
func (t *Thread) UnreadFor(member string) bool {
	return t.LastActivityAt > t.ReadBy[member] && t.LastAuthorID != member
}

// Kind of a timeline entry.
type Kind string

// Timeline entry kinds.
const (
	KindMessage      Kind = "message"
	KindNote         Kind = "note"
	KindAnnouncement Kind = "announcement"
	KindEvent        Kind = "event"
)

// Direction of a message.
type Direction string

// Directions. Notes and events are always internal.
const (
	DirInbound  Direction = "inbound"
	DirOutbound Direction = "outbound"
	DirInternal Direction = "internal"
)

// Delivery state of an outbound message.
type Delivery string

// Delivery states.
const (
	DeliveryNone      Delivery = ""
	DeliveryDraft     Delivery = "draft"
	DeliveryScheduled Delivery = "scheduled"
	DeliveryQueued    Delivery = "queued"
	DeliverySent      Delivery = "sent"
	DeliveryFailed    Delivery = "failed"
	DeliveryCancelled Delivery = "cancelled"
)

// Event codes for timeline event lines.
const (
	EventAssigned   = "assigned"   // Actor assigned this to Subject
	EventUnassigned = "unassigned" // Actor unassigned Subject
	EventResolved   = "resolved"
	EventReopened   = "reopened"
	EventRequeued   = "requeued" // Subject was deactivated; the thread went back to the queue
)

// Message is one entry of a thread's timeline.
type Message struct {
	ID          string       `json:"id"` // ULID; also the idempotency key
	ThreadID    string       `json:"threadId"`
	Kind        Kind         `json:"kind"`
	Direction   Direction    `json:"direction"`
	AuthorID    string       `json:"authorId"` // member ID, or "" for the client
	Body        string       `json:"body"`
	Mentions    []string     `json:"mentions"` // member IDs
	Attachments []Attachment `json:"attachments"`
	CreatedAt   int64        `json:"createdAt"`
	Delivery    Delivery     `json:"delivery"`
	Highlight   bool         `json:"highlight"`
	Event       string       `json:"event,omitempty"`   // for KindEvent
	Subject     string       `json:"subject,omitempty"` // member the event is about
	Deleted     bool         `json:"deleted"`
	// Assignee is, on a client's message, whom the thread was assigned to when it arrived:
	// whom it notifies, however the thread is assigned by the time a device merges it.
	Assignee string `json:"assignee,omitempty"`
	// A scheduled reply: when it is due (unix ms), when it went (0 until then) and, if it was
	// cancelled, when and by whom. A cancel that reached a device after the message went
	// leaves it sent (see Pending).
	SendAt      int64  `json:"sendAt,omitempty"`
	SentAt      int64  `json:"sentAt,omitempty"`
	CancelledAt int64  `json:"cancelledAt,omitempty"`
	CancelledBy string `json:"cancelledBy,omitempty"`
}

// ScheduledReply is a scheduled reply waiting to go, with the thread it goes to.
type ScheduledReply struct {
	Message Message `json:"message"`
	Thread  Thread  `json:"thread"`
}

// Pending reports whether m is a scheduled reply that has not gone and was not cancelled.
func (m *Message) Pending() bool {
	return m.Delivery == DeliveryScheduled && !m.Deleted
}

// Scheduled reports whether m was written as a scheduled reply, whatever became of it.
func (m *Message) Scheduled() bool { return m.SendAt > 0 }

// IsActivity reports whether m counts as activity on its thread: what a list row previews,
// what sorts the inbox and what makes a thread unread. Event lines (assigned, resolved) and
// deleted entries do not.
func (m *Message) IsActivity() bool {
	if m.Deleted || m.Scheduled() && m.SentAt == 0 {
		return false // a scheduled reply is activity once it goes
	}
	switch m.Kind {
	case KindMessage, KindNote, KindAnnouncement:
		return true
	}
	return false
}

// Attachment is the metadata of a file attached to a message.
type Attachment struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Size int64  `json:"size"`
}

// Task is a to-do linked to a thread or a client.
type Task struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Notes      string `json:"notes"`
	AssigneeID string `json:"assigneeId"`
	DueAt      int64  `json:"dueAt"`    // unix ms, 0 for none
	RemindAt   int64  `json:"remindAt"` // unix ms, 0 for none
	Done       bool   `json:"done"`
	DoneBy     string `json:"doneBy"`
	DoneAt     int64  `json:"doneAt"`
	ThreadID   string `json:"threadId"`
	ClientID   string `json:"clientId"`
	BrandID    string `json:"brandId"`
	CreatedBy  string `json:"createdBy"`
	CreatedAt  int64  `json:"createdAt"`
	Deleted    bool   `json:"deleted"`
}
