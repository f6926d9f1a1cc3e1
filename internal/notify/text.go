package notify

import (
	"fmt"
	"strings"

	"huddle/internal/model"
)

// native is the text of one native notification.
type native struct{ title, body string }

// describe says who did what, on which client's conversation, in a title and a body.
func describe(ws model.Workspace, n *model.Notification) native {
	actor := "Someone"
	if m, ok := ws.Member(n.ActorID); ok {
		actor = m.Name
	}
	client := n.ClientName
	if client == "" {
		client = n.Title
	}
	switch n.Kind {
	case model.NotifyAssigned:
		return native{"Assigned to you: " + client, actor + " assigned you the conversation with " + client + "."}
	case model.NotifyMention:
		return native{actor + " mentioned you", quoteOn(client, n.Excerpt)}
	case model.NotifyMessage, model.NotifyParticipating:
		return native{"New message from " + client, n.Excerpt}
	case model.NotifyReminder:
		body := "Your task is due for a reminder."
		if client != n.Title && client != "" {
			body = "For " + client + "."
		}
		if n.Excerpt != "" {
			body += " " + n.Excerpt
		}
		return native{"Reminder: " + n.Title, body}
	}
	return native{"Huddle", n.Excerpt}
}

func quoteOn(client, excerpt string) string {
	if client == "" {
		return "“" + excerpt + "”"
	}
	return "On " + client + ": “" + excerpt + "”"
}

// digest sums up what quiet hours or an absence held back: "7 conversations and 2 mentions
// while you were away".
func digest(h *held) native {
	return native{"While you were away", counts(h) + " while you were away."}
}

// summary stands for more notifications than are raised one by one.
func summary(h *held, n int) native {
	return native{fmt.Sprintf("%d new notifications", n), capitalise(counts(h)) + "."}
}

func counts(h *held) string {
	var parts []string
	if n := len(h.Threads); n > 0 {
		parts = append(parts, plural(n, "conversation", "conversations"))
	}
	if h.Mentions > 0 {
		parts = append(parts, plural(h.Mentions, "mention", "mentions"))
	}
	if h.Reminders > 0 {
		parts = append(parts, plural(h.Reminders, "reminder", "reminders"))
	}
	switch len(parts) {
	case 0:
		return "nothing new"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
