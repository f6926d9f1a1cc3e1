package team

import (
	"context"
	"fmt"
	"slices"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/usecase"
)

// AddMember adds a teammate. Owners and Admins add members; only an Owner makes Owners, and an
// Admin can only give access to brands they can see themselves.
func (s *Service) AddMember(ctx context.Context, actor string, in NewMember) (model.Member, error) {
	name, err := model.CleanName(in.Name, "teammate")
	if err != nil {
		return model.Member{}, err
	}
	var m model.Member
	err = s.manage(ctx, actor, func(wt *workspaceTx) error {
		if !in.Role.Valid() {
			return model.Errorf(model.CodeInvalid, "Choose a role for %s: Owner, Admin, Agent or Viewer.", name)
		}
		if !policy.CanGrantRole(wt.actor, in.Role) {
			return model.Errorf(model.CodeForbidden, "Only an Owner can make someone an Owner.")
		}
		brands, err := checkBrands(wt, name, nil, in.Brands, in.Role)
		if err != nil {
			return err
		}
		handle, err := chooseHandle(wt.ws, in.Handle, name)
		if err != nil {
			return err
		}
		used := []string{}
		for _, x := range wt.ws.Members {
			used = append(used, x.Color)
		}
		color, err := chooseColor(in.Color, used)
		if err != nil {
			return err
		}
		m = model.Member{ID: model.NewMemberID(s.clock.Now()), Name: name, Handle: handle,
			Color: color, Role: in.Role, Brands: brands, Active: true}
		return wt.w.PutMember(m)
	})
	return m, err
}

// checkBrands validates the brands a member is given: they exist, everyone but an Owner has at
// least one (or they would see nothing), and an Admin only grants or takes away brands they
// can see, so an Admin cannot widen anyone's reach beyond their own.
func checkBrands(wt *workspaceTx, name string, had, want []string, role model.Role) ([]string, error) {
	out := []string{}
	for _, b := range want {
		if _, ok := wt.ws.Brand(b); !ok {
			return nil, model.Errorf(model.CodeNotFound, "One of the chosen locations no longer exists.")
		}
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	if len(out) == 0 && role != model.RoleOwner {
		return nil, model.Errorf(model.CodeInvalid, "Choose at least one location %s works at.", name)
	}
	for _, b := range symmetricDiff(had, out) {
		if !wt.actor.CanAccessBrand(b) {
			return nil, model.Errorf(model.CodeForbidden, "You cannot see %s yourself, so you cannot change who has access to it.", wt.ws.BrandName(b))
		}
	}
	return out, nil
}

// UpdateMember changes a member's name, role or brands. Open threads and tasks the member can
// no longer hold (lost brand, or now a Viewer) then go back to the queue, in as many writes as
// they need; if that stops part-way the change stands, and saving it again finishes the work.
func (s *Service) UpdateMember(ctx context.Context, actor, memberID string, p MemberPatch) (Requeued, error) {
	var name string
	err := s.manage(ctx, actor, func(wt *workspaceTx) error {
		m, err := targetMember(wt, memberID)
		if err != nil {
			return err
		}
		next := m
		if p.Name != nil {
			if next.Name, err = model.CleanName(*p.Name, "teammate"); err != nil {
				return err
			}
		}
		if p.Role != nil && *p.Role != m.Role {
			if !policy.CanGrantRole(wt.actor, *p.Role) {
				if !p.Role.Valid() {
					return model.Errorf(model.CodeInvalid, "Choose a role for %s: Owner, Admin, Agent or Viewer.", m.Name)
				}
				return model.Errorf(model.CodeForbidden, "Only an Owner can make someone an Owner.")
			}
			if err := keepAnOwner(wt.ws, m); err != nil {
				return err
			}
			next.Role = *p.Role
		}
		if p.Brands != nil {
			if next.Brands, err = checkBrands(wt, m.Name, m.Brands, *p.Brands, next.Role); err != nil {
				return err
			}
		}
		name = next.Name
		return wt.w.PutMember(next)
	})
	if err != nil || (p.Role == nil && p.Brands == nil) { // only these take work away
		return Requeued{}, err
	}
	rq, err := s.requeue(ctx, actor, memberID)
	if err != nil {
		err = usecase.Partly(err, fmt.Sprintf("%s's change is saved, but some of their open work is still assigned to them; save the change again to finish.", name))
	}
	return rq, err
}

// Deactivate switches a member off: the first write takes their access away at once. Their
// open threads and tasks then go back to the queue (unassigned, so managers see them in
// Unassigned), in as many writes as they need. Their history stays. Deactivating someone
// already inactive sends back whatever is still assigned to them, so it finishes a requeue
// that stopped part-way and otherwise changes nothing.
func (s *Service) Deactivate(ctx context.Context, actor, memberID string) (Requeued, error) {
	var name string
	err := s.manage(ctx, actor, func(wt *workspaceTx) error {
		m, err := targetMember(wt, memberID)
		if err != nil || !m.Active {
			name = m.Name
			return err
		}
		if m.ID == wt.actor.ID {
			return model.Errorf(model.CodeInvalid, "You cannot deactivate yourself; ask another Owner or Admin.")
		}
		if err := keepAnOwner(wt.ws, m); err != nil {
			return err
		}
		name, m.Active = m.Name, false
		return wt.w.PutMember(m)
	})
	if err != nil {
		return Requeued{}, err
	}
	rq, err := s.requeue(ctx, actor, memberID)
	if err != nil {
		err = usecase.Partly(err, fmt.Sprintf("%s is deactivated, but some of their open work is still assigned to them; deactivate them again to finish.", name))
	}
	return rq, err
}

// Reactivate switches a deactivated member back on. Their old assignments stay in the queue.
func (s *Service) Reactivate(ctx context.Context, actor, memberID string) error {
	return s.manage(ctx, actor, func(wt *workspaceTx) error {
		m, err := targetMember(wt, memberID)
		if err != nil || m.Active {
			return err
		}
		m.Active = true
		return wt.w.PutMember(m)
	})
}

// targetMember finds the member a manager acts on; only an Owner changes an Owner.
func targetMember(wt *workspaceTx, id string) (model.Member, error) {
	m, ok := wt.ws.Member(id)
	if !ok {
		return model.Member{}, model.Errorf(model.CodeNotFound, "That teammate is not in this workspace.")
	}
	if m.Role == model.RoleOwner && wt.actor.Role != model.RoleOwner {
		return model.Member{}, model.Errorf(model.CodeForbidden, "Only an Owner can change %s, who is an Owner.", m.Name)
	}
	return m, nil
}

// keepAnOwner refuses a change that would leave no active Owner: nobody could then make
// Owners or see every brand.
func keepAnOwner(ws model.Workspace, m model.Member) error {
	if m.Role != model.RoleOwner || !m.Active {
		return nil
	}
	for _, o := range ws.Members {
		if o.ID != m.ID && o.Role == model.RoleOwner && o.Active {
			return nil
		}
	}
	return model.Errorf(model.CodeInvalid, "%s is the only Owner; make someone else an Owner first.", m.Name)
}

func symmetricDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}
