package localdb

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"huddle/internal/model"
)

// wsState is a committed workspace as the store uses it: the row and a member lookup.
type wsState struct {
	raw     []byte
	ws      model.Workspace
	members map[string]model.Member
	access  string // accessFingerprint of ws
}

func newWSState(raw []byte) (*wsState, error) {
	st := &wsState{raw: raw}
	if err := decodeRow(raw, &st.ws); err != nil {
		return nil, err
	}
	st.members = make(map[string]model.Member, len(st.ws.Members))
	for _, m := range st.ws.Members {
		st.members[m.ID] = m
	}
	st.access = accessFingerprint(st.ws)
	return st, nil
}

// cloneWorkspace deep-copies ws, keeping nil and empty slices as they are, so it equals a
// fresh decode of the row.
func cloneWorkspace(ws model.Workspace) model.Workspace {
	out := ws
	out.Brands = slices.Clone(ws.Brands)
	out.Labels = slices.Clone(ws.Labels)
	out.Snippets = slices.Clone(ws.Snippets)
	out.Members = slices.Clone(ws.Members)
	for i := range out.Members {
		m := &out.Members[i]
		m.Brands, m.Skills, m.Languages = slices.Clone(m.Brands), slices.Clone(m.Skills), slices.Clone(m.Languages)
	}
	return out
}

// accessFingerprint captures everything of a workspace the view counters depend on: who the
// members are, their roles, whether they are active and which brands they see.
func accessFingerprint(ws model.Workspace) string {
	var b strings.Builder
	ms := slices.Clone(ws.Members)
	sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
	for _, m := range ms {
		brands := slices.Clone(m.Brands)
		sort.Strings(brands)
		b.WriteString(m.ID + "|" + string(m.Role) + "|")
		if m.Active {
			b.WriteString("1|")
		}
		b.WriteString(strings.Join(brands, ",") + "\n")
	}
	return b.String()
}

// workspace returns the committed workspace, nil before it exists.
func (db *DB) workspace() *wsState { return db.ws.Load() }

const previewLen = 140

// preview is the list-row excerpt of a body: one line, at most previewLen characters.
func preview(body string) string {
	s := strings.Join(strings.Fields(body), " ")
	if utf8.RuneCountInString(s) <= previewLen {
		return s
	}
	r := []rune(s)
	return string(r[:previewLen-1]) + "…"
}

// fillActivity sets the thread's last-activity fields from its latest activity entry.
func fillActivity(th *model.Thread, last *model.Message, count int) {
	th.MessageCount = count
	th.LastActivityAt, th.LastPreview, th.LastAuthorID, th.LastKind = th.CreatedAt, "", "", ""
	if last != nil {
		th.LastActivityAt = last.CreatedAt
		th.LastPreview = preview(last.Body)
		th.LastAuthorID = last.AuthorID
		th.LastKind = last.Kind
	}
}
