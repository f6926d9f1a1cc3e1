package model

// SearchQuery asks for the clients and conversations whose words match Text: every word must
// be there, the last one as a prefix (it is usually still being typed). Accents and case do
// not matter.
type SearchQuery struct {
	Member string `json:"member"` // whose access applies
	Text   string `json:"text"`
	Limit  int    `json:"limit"` // per group; default SearchLimit, at most MaxSearchLimit
}

// Search limits.
const (
	SearchLimit     = 20
	MaxSearchLimit  = 100
	MaxSearchLength = 200 // characters of query text
)

// SearchResult holds the matches of a search, in two groups.
type SearchResult struct {
	Clients []ClientHit `json:"clients"` // by name
	Threads []ThreadHit `json:"threads"` // one per conversation, newest match first
}

// ClientHit is a client whose name, contacts, emails, phones or tags match.
type ClientHit struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	BrandID string `json:"brandId"`
	// ChatThreadID is the client's chat: opening a client opens it, as on the Clients page.
	ChatThreadID string `json:"chatThreadId"`
}

// HitKind says what matched in a conversation.
type HitKind string

// Hit kinds.
const (
	HitMessage HitKind = "message" // a message (or an announcement) to or from the client
	HitNote    HitKind = "note"    // an internal note
	HitSubject HitKind = "subject" // the conversation's subject; MessageID is ""
)

// ThreadHit is a conversation with its newest match.
type ThreadHit struct {
	ThreadID   string  `json:"threadId"`
	ClientID   string  `json:"clientId"`
	ClientName string  `json:"clientName"`
	BrandID    string  `json:"brandId"`
	Channel    Channel `json:"channel"`
	Subject    string  `json:"subject"`
	MessageID  string  `json:"messageId"`
	Kind       HitKind `json:"kind"`
	Snippet    string  `json:"snippet"`   // a short excerpt around the match
	CreatedAt  int64   `json:"createdAt"` // of the matching message (of the thread, for a subject)
}
