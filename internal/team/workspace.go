package team

import (
	"context"
	"strings"

	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// CreateWorkspace is the first run: it creates the workspace, its first brand and the Owner in
// one write, and refuses when this data already holds a workspace.
func (s *Service) CreateWorkspace(ctx context.Context, in NewWorkspace) (model.Workspace, model.Member, error) {
	name, err := model.CleanName(in.Name, "workspace")
	if err != nil {
		return model.Workspace{}, model.Member{}, err
	}
	ownerName, err := model.CleanName(in.OwnerName, "Owner")
	if err != nil {
		return model.Workspace{}, model.Member{}, err
	}
	brandName, err := model.CleanName(in.FirstBrand, "first location")
	if err != nil {
		return model.Workspace{}, model.Member{}, err
	}
	handle, err := chooseHandle(model.Workspace{}, in.OwnerHandle, ownerName)
	if err != nil {
		return model.Workspace{}, model.Member{}, err
	}
	now := s.clock.Now()
	brand := model.Brand{ID: model.NewBrandID(now), Name: brandName, Color: Palette[len(Palette)-1]}
	owner := model.Member{ID: model.NewMemberID(now), Name: ownerName, Handle: handle,
		Color: Palette[0], Role: model.RoleOwner, Brands: []string{brand.ID}, Active: true}
	err = usecase.StoreErr(s.store.Update(ctx, now, func(tx ports.Tx) error {
		d, err := tx.Doc(model.WorkspaceDocID)
		if err != nil {
			return err
		}
		if ok, err := d.Exists(); err != nil || ok {
			if err != nil {
				return err
			}
			return model.Errorf(model.CodeConflict, "This Huddle already has a workspace; sign in to it instead.")
		}
		w := d.Workspace()
		if err := w.Create(name, now.UnixMilli()); err != nil {
			return err
		}
		if err := w.PutBrand(brand); err != nil {
			return err
		}
		return w.PutMember(owner)
	}))
	if err != nil {
		return model.Workspace{}, model.Member{}, err
	}
	ws, err := s.store.Workspace()
	return ws, owner, usecase.StoreErr(err)
}

// Workspace returns the workspace as actor may see it: every teammate, and the brands actor
// belongs to (an Owner sees them all).
func (s *Service) Workspace(ctx context.Context, actor string) (model.Workspace, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Workspace{}, err
	}
	brands := make([]model.Brand, 0, len(ws.Brands))
	for _, b := range ws.Brands {
		if m.CanAccessBrand(b.ID) {
			brands = append(brands, b)
		}
	}
	ws.Brands = brands
	return ws, nil
}

// AddBrand adds a brand (a location, or an agency's client brand). An Admin who adds one gets
// access to it, or they could not see what they just made.
func (s *Service) AddBrand(ctx context.Context, actor, name string) (model.Brand, error) {
	name, err := model.CleanName(name, "location")
	if err != nil {
		return model.Brand{}, err
	}
	var b model.Brand
	err = s.manage(ctx, actor, func(wt *workspaceTx) error {
		if err := uniqueBrandName(wt.ws, "", name); err != nil {
			return err
		}
		used := []string{}
		for _, x := range wt.ws.Brands {
			used = append(used, x.Color)
		}
		color, _ := chooseColor("", used)
		b = model.Brand{ID: model.NewBrandID(s.clock.Now()), Name: name, Color: color}
		if err := wt.w.PutBrand(b); err != nil {
			return err
		}
		if wt.actor.Role != model.RoleOwner {
			wt.actor.Brands = append(wt.actor.Brands, b.ID)
			return wt.w.PutMember(wt.actor)
		}
		return nil
	})
	return b, err
}

// RenameBrand renames a brand the actor can see.
func (s *Service) RenameBrand(ctx context.Context, actor, brandID, name string) error {
	name, err := model.CleanName(name, "location")
	if err != nil {
		return err
	}
	return s.manage(ctx, actor, func(wt *workspaceTx) error {
		b, ok := wt.ws.Brand(brandID)
		if !ok || !wt.actor.CanAccessBrand(brandID) {
			return model.Errorf(model.CodeNotFound, "That location no longer exists.")
		}
		if err := uniqueBrandName(wt.ws, brandID, name); err != nil {
			return err
		}
		b.Name = name
		return wt.w.PutBrand(b)
	})
}

func uniqueBrandName(ws model.Workspace, except, name string) error {
	for _, b := range ws.Brands {
		if b.ID != except && strings.EqualFold(b.Name, name) {
			return model.Errorf(model.CodeInvalid, "There is already a location called %s.", b.Name)
		}
	}
	return nil
}

// AddLabel adds a thread label; names are unique regardless of case. color may be empty.
func (s *Service) AddLabel(ctx context.Context, actor, name, color string) (model.Label, error) {
	name, err := model.CleanName(name, "label")
	if err != nil {
		return model.Label{}, err
	}
	var l model.Label
	err = s.manage(ctx, actor, func(wt *workspaceTx) error {
		used := []string{}
		for _, x := range wt.ws.Labels {
			if strings.EqualFold(x.Name, name) {
				return model.Errorf(model.CodeInvalid, "There is already a label called %s.", x.Name)
			}
			used = append(used, x.Color)
		}
		c, err := chooseColor(color, used)
		if err != nil {
			return err
		}
		l = model.Label{ID: model.NewLabelID(s.clock.Now()), Name: name, Color: c}
		return wt.w.PutLabel(l)
	})
	return l, err
}

// DeleteLabel removes a label from the workspace. Threads keep the label's ID in their label
// set: rewriting every labelled thread would be one huge write, and the UI shows only labels
// that exist, so a deleted label simply disappears from them.
func (s *Service) DeleteLabel(ctx context.Context, actor, labelID string) error {
	return s.manage(ctx, actor, func(wt *workspaceTx) error {
		for _, l := range wt.ws.Labels {
			if l.ID == labelID {
				return wt.w.DeleteEntry("labels", labelID)
			}
		}
		return model.Errorf(model.CodeNotFound, "That label no longer exists.")
	})
}

// AddSnippet adds a quick reply. The shortcut is what is typed after "/" in the composer.
func (s *Service) AddSnippet(ctx context.Context, actor, shortcut, body string) (model.Snippet, error) {
	shortcut = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(shortcut), "/"))
	if !handleRe.MatchString(shortcut) {
		return model.Snippet{}, model.Errorf(model.CodeInvalid, "A shortcut is one word of letters and digits, like /hours.")
	}
	if body = strings.TrimSpace(body); body == "" {
		return model.Snippet{}, model.Errorf(model.CodeInvalid, "Write the text the /%s shortcut should insert.", shortcut)
	}
	var sn model.Snippet
	err := s.manage(ctx, actor, func(wt *workspaceTx) error {
		for _, x := range wt.ws.Snippets {
			if x.Shortcut == shortcut {
				return model.Errorf(model.CodeInvalid, "The shortcut /%s is already used.", shortcut)
			}
		}
		sn = model.Snippet{ID: "sn_" + model.NewULID(s.clock.Now()), Shortcut: shortcut, Body: body}
		return wt.w.PutSnippet(sn)
	})
	return sn, err
}

// DeleteSnippet removes a quick reply.
func (s *Service) DeleteSnippet(ctx context.Context, actor, snippetID string) error {
	return s.manage(ctx, actor, func(wt *workspaceTx) error {
		for _, x := range wt.ws.Snippets {
			if x.ID == snippetID {
				return wt.w.DeleteEntry("snippets", snippetID)
			}
		}
		return model.Errorf(model.CodeNotFound, "That snippet no longer exists.")
	})
}
