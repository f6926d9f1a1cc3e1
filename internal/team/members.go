package team

import (
	"context"
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
// no longer be assigned (lost brand, or now a Viewer) go back to the queue in the same write.
func (s *Service) UpdateMember(ctx context.Context, actor, memberID string, p MemberPatch) (Requeued, error) {
	var (
		rq   Requeued
		work openWork
	)
	if p.Role != nil || p.Brands != nil { // only these can take work away from the member
		ws, err := s.store.Workspace()
		if err != nil {
			return rq, usecase.StoreErr(err)
		}
		if work, err = s.openWork(ws, memberID); err != nil {
			return rq, err
		}
	}
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
		if err := wt.w.PutMember(next); err != nil {
			return err
		}
		rq, err = s.requeue(wt, work, m, next)
		return err
	})
	return rq, err
}

// Deactivate switches a member off: they can no longer act, and their open threads and tasks go
// back to the queue (unassigned, so managers see them in Unassigned) in the same write. Their
// history stays. Deactivating someone already inactive changes nothing.
func (s *Service) Deactivate(ctx context.Context, actor, memberID string) (Requeued, error) {
	var rq Requeued
	ws, err := s.store.Workspace()
	if err != nil {
		return rq, usecase.StoreErr(err)
	}
	work, err := s.openWork(ws, memberID)
	if err != nil {
		return rq, err
	}
	err = s.manage(ctx, actor, func(wt *workspaceTx) error {
		m, err := targetMember(wt, memberID)
		if err != nil || !m.Active {
			return err
		}
		if m.ID == wt.actor.ID {
			return model.Errorf(model.CodeInvalid, "You cannot deactivate yourself; ask another Owner or Admin.")
		}
		if err := keepAnOwner(wt.ws, m); err != nil {
			return err
		}
		next := m
		next.Active = false
		if err := wt.w.PutMember(next); err != nil {
			return err
		}
		rq, err = s.requeue(wt, work, m, next)
		return err
	})
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
