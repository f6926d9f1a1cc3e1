package model

import "slices"

// View is an inbox view.
type View string

// Inbox views.
const (
	ViewMine       View = "mine"       // open, assigned to me
	ViewMentioned  View = "mentioned"  // open, I was @mentioned
	ViewUnassigned View = "unassigned" // open, nobody assigned
	ViewAll        View = "all"        // open, all I can access
	ViewResolved   View = "resolved"   // resolved, all I can access
	ViewFollowed   View = "followed"   // open, I follow it
)

// Views lists every inbox view in display order.
var Views = []View{ViewMine, ViewMentioned, ViewUnassigned, ViewAll, ViewResolved, ViewFollowed}

// Valid reports whether v is a known view.
func (v View) Valid() bool {
	for _, k := range Views {
		if k == v {
			return true
		}
	}
	return false
}

// Contains reports whether th belongs to view v for member. It says only what each view
// holds; whether member may read th at all is policy's question. Deleted threads are in no
// view.
func (v View) Contains(th *Thread, member string) bool {
	if th.Deleted {
		return false
	}
	open := th.Status != StatusResolved
	switch v {
	case ViewMine:
		return open && th.AssigneeID == member
	case ViewMentioned:
		return open && slices.Contains(th.Mentioned, member)
	case ViewUnassigned:
		return open && th.AssigneeID == ""
	case ViewAll:
		return open
	case ViewResolved:
		return !open
	case ViewFollowed:
		return open && slices.Contains(th.Followers, member)
	}
	return false
}

// ThreadQuery selects a page of a member's inbox view, newest activity first.
type ThreadQuery struct {
	Member string `json:"member"` // whose view: brand access, Mine, Mentioned and Followed
	View   View   `json:"view"`
	// Filters; empty means any.
	BrandID    string  `json:"brandId"`
	AssigneeID string  `json:"assigneeId"`
	Assigned   string  `json:"assigned"` // "", "yes" or "no"
	Label      string  `json:"label"`
	Channel    Channel `json:"channel"`
	ClientID   string  `json:"clientId"`  // one client's threads, its chat included
	ClientTag  string  `json:"clientTag"` // threads of clients with this tag
	Cursor     string  `json:"cursor"`    // opaque; from the previous page's Next
	Limit      int     `json:"limit"`     // default 50
}

// ThreadPage is one page of a thread query.
type ThreadPage struct {
	Threads []Thread `json:"threads"`
	Next    string   `json:"next"` // "" when there is no more
}

// Count is the size of a view and how many of its threads are unread.
type Count struct {
	Total  int `json:"total"`
	Unread int `json:"unread"`
}

// ClientQuery selects clients, by name.
type ClientQuery struct {
	Member  string `json:"member"`
	BrandID string `json:"brandId"`
	Prefix  string `json:"prefix"` // name prefix, case-insensitive
	Cursor  string `json:"cursor"`
	Limit   int    `json:"limit"`
}

// ClientPage is one page of clients.
type ClientPage struct {
	Clients []Client `json:"clients"`
	Next    string   `json:"next"`
}

// TaskQuery selects tasks, by due date (no due date last).
type TaskQuery struct {
	Member     string `json:"member"`     // brand access
	AssigneeID string `json:"assigneeId"` // "" any
	ThreadID   string `json:"threadId"`
	ClientID   string `json:"clientId"`
	Done       bool   `json:"done"` // false: open tasks, true: done tasks
	// DueBefore, when set (unix ms), keeps only tasks due strictly before it; tasks without a
	// due date are left out. Open tasks due before now are the overdue ones.
	DueBefore int64  `json:"dueBefore"`
	Cursor    string `json:"cursor"`
	Limit     int    `json:"limit"`
}

// TaskPage is one page of tasks.
type TaskPage struct {
	Tasks []Task `json:"tasks"`
	Next  string `json:"next"`
}

// Change tells subscribers which documents a committed write touched.
type Change struct {
	DocIDs []string `json:"docIds"`
	Remote bool     `json:"remote"` // applied from another device
}
