package crdt

import (
	"fmt"
	"sort"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// Workspace is the typed view of the workspace document.
//
// Root fields: type, v, id, name, createdAt; maps brands, members, labels, snippets, each
// ID → map of fields. A member's brands are a set map inside the member.
type Workspace struct{ d *Doc }

// Workspace returns the workspace view of d.
func (d *Doc) Workspace() Workspace { return Workspace{d} }

// Create writes a new workspace.
func (w Workspace) Create(name string, createdAt int64) error {
	d := w.d
	if err := d.create("brands", "members", "labels", "snippets"); err != nil {
		return err
	}
	root := d.am.RootMap()
	if err := root.Set("name", name); err != nil {
		return err
	}
	return root.Set("createdAt", createdAt)
}

// SetName renames the workspace.
func (w Workspace) SetName(name string) error { return w.d.setAt(name, "name") }

// SetQuiet sets the workspace's quiet hours (root registers: see Member for why not a map).
func (w Workspace) SetQuiet(q model.QuietHours) error {
	for k, v := range map[string]any{"quietOn": q.On, "quietFrom": q.From, "quietTo": q.To} {
		if err := w.d.setAt(v, k); err != nil {
			return err
		}
	}
	return nil
}

// PutBrand adds a brand or updates its fields.
func (w Workspace) PutBrand(b model.Brand) error {
	return w.putEntry("brands", b.ID, map[string]any{"name": b.Name, "color": b.Color})
}

// PutLabel adds a label or updates its fields.
func (w Workspace) PutLabel(l model.Label) error {
	return w.putEntry("labels", l.ID, map[string]any{"name": l.Name, "color": l.Color})
}

// PutSnippet adds a snippet or updates its fields.
func (w Workspace) PutSnippet(s model.Snippet) error {
	return w.putEntry("snippets", s.ID, map[string]any{"shortcut": s.Shortcut, "body": s.Body})
}

// DeleteEntry removes a brand, label or snippet (section is "brands", "labels" or "snippets").
func (w Workspace) DeleteEntry(section, id string) error { return w.d.deleteIn(section, id) }

// PutMember adds a member or updates their fields; their brand set is replaced by m.Brands.
func (w Workspace) PutMember(m model.Member) error {
	if err := w.putEntry("members", m.ID, map[string]any{
		"name": m.Name, "handle": m.Handle, "color": m.Color, "role": string(m.Role),
		"active": m.Active, "skills": joinList(m.Skills), "languages": joinList(m.Languages),
	}); err != nil {
		return err
	}
	brands := w.d.mapAt("members", m.ID, "brands")
	current, err := brands.Keys()
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, b := range m.Brands {
		want[b] = true
		if err := brands.Set(b, true); err != nil {
			return err
		}
	}
	for _, b := range current {
		if !want[b] {
			if err := brands.Delete(b); err != nil {
				return err
			}
		}
	}
	return nil
}

// putEntry writes the fields of one entry of a section; a member entry gets its brand set.
func (w Workspace) putEntry(section, id string, f map[string]any) error {
	var nested []string
	if section == "members" {
		nested = []string{"brands"}
	}
	if err := w.d.putEntry(section, id, f, nested...); err != nil {
		return fmt.Errorf("workspace %s %s: %w", section, id, err)
	}
	return nil
}

// Row projects the workspace, entries sorted by name.
func (w Workspace) Row() (model.Workspace, error) {
	root, err := w.d.root()
	if err != nil {
		return model.Workspace{}, err
	}
	ws := model.Workspace{ID: w.d.id, Name: str(root, "name"), CreatedAt: i64(root, "createdAt"),
		Brands: []model.Brand{}, Members: []model.Member{}, Labels: []model.Label{}, Snippets: []model.Snippet{},
		Quiet: model.QuietHours{On: boolean(root, "quietOn"), From: str(root, "quietFrom"), To: str(root, "quietTo")}}
	for id, f := range entries(sub(root, "brands")) {
		ws.Brands = append(ws.Brands, model.Brand{ID: id, Name: str(f, "name"), Color: str(f, "color")})
	}
	for id, f := range entries(sub(root, "labels")) {
		ws.Labels = append(ws.Labels, model.Label{ID: id, Name: str(f, "name"), Color: str(f, "color")})
	}
	for id, f := range entries(sub(root, "snippets")) {
		ws.Snippets = append(ws.Snippets, model.Snippet{ID: id, Shortcut: str(f, "shortcut"), Body: str(f, "body")})
	}
	for id, f := range entries(sub(root, "members")) {
		ws.Members = append(ws.Members, model.Member{ID: id, Name: str(f, "name"),
			Handle: str(f, "handle"), Color: str(f, "color"), Role: model.Role(str(f, "role")),
			Active: boolean(f, "active"), Skills: splitList(str(f, "skills")),
			Languages: splitList(str(f, "languages")), Brands: setKeys(sub(f, "brands"))})
	}
	sort.Slice(ws.Brands, func(i, j int) bool { return ws.Brands[i].Name < ws.Brands[j].Name })
	sort.Slice(ws.Labels, func(i, j int) bool { return ws.Labels[i].Name < ws.Labels[j].Name })
	sort.Slice(ws.Snippets, func(i, j int) bool { return ws.Snippets[i].Shortcut < ws.Snippets[j].Shortcut })
	sort.Slice(ws.Members, func(i, j int) bool { return ws.Members[i].Name < ws.Members[j].Name })
	return ws, nil
}

// entries reads each nested map of a section.
func entries(section fields) map[string]fields {
	out := make(map[string]fields, len(section))
	for id, v := range section {
		if v.Kind() != automerge.KindMap {
			continue
		}
		f, err := v.Map().Values()
		if err != nil {
			continue
		}
		out[id] = f
	}
	return out
}
