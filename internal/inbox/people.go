package inbox

import (
	"context"
	"slices"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// SetParticipant adds a teammate to a thread with write or read-only access, or changes it.
// Participants reach the thread even outside its brand. Only Agents and Viewers can be
// participants: a participant's access overrides brand access, so making an Owner or Admin a
// read-only participant would take their rights away. Viewers are read-only participants.
func (s *Service) SetParticipant(ctx context.Context, actor, threadID, memberID string, access model.Access) error {
	if access != model.AccessWrite && access != model.AccessRead {
		return model.Errorf(model.CodeInvalid, "Choose whether the participant can write or only read.")
	}
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		p, err := w.inviting(memberID)
		if err != nil {
			return err
		}
		switch {
		case p.Role == model.RoleOwner || p.Role == model.RoleAdmin:
			return model.Errorf(model.CodeInvalid, "%s is an %s and reaches conversations through their locations; participants are Agents or Viewers.", p.Name, roleName(p.Role))
		case p.Role == model.RoleViewer && access == model.AccessWrite:
			return model.Errorf(model.CodeInvalid, "%s is a Viewer, so they can only be a read-only participant.", p.Name)
		case w.th.Participants[p.ID] == access:
			return nil
		}
		if err := w.d.Thread().SetParticipant(p.ID, access); err != nil {
			return err
		}
		w.th.Participants[p.ID] = access
		return w.unassignIfCannotHold(p.ID)
	})
}

// RemoveParticipant takes a teammate off a thread's participants.
func (s *Service) RemoveParticipant(ctx context.Context, actor, threadID, memberID string) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if err := w.canInvite(); err != nil {
			return err
		}
		if _, ok := w.th.Participants[memberID]; !ok {
			return nil
		}
		if err := w.d.Thread().RemoveParticipant(memberID); err != nil {
			return err
		}
		delete(w.th.Participants, memberID)
		return w.unassignIfCannotHold(memberID)
	})
}

// unassignIfCannotHold unassigns memberID when their participation changed and they may no
// longer hold the thread: a write participant from another brand who took it, then lost
// write access, must not stay the assignee of a thread they cannot change.
func (w threadWrite) unassignIfCannotHold(memberID string) error {
	m, ok := w.ws.Member(memberID)
	if w.th.AssigneeID != memberID || (ok && policy.CanHoldThread(m, w.th)) {
		return nil
	}
	return w.assign("")
}

// SetWatcher adds or removes a watcher. Watchers read the thread and never write through it.
func (s *Service) SetWatcher(ctx context.Context, actor, threadID, memberID string, on bool) error {
	return s.writeThread(ctx, actor, threadID, func(w threadWrite) error {
		if !on {
			if err := w.canInvite(); err != nil {
				return err
			}
		} else if _, err := w.inviting(memberID); err != nil {
			return err
		}
		if on == slices.Contains(w.th.Watchers, memberID) {
			return nil
		}
		return w.d.Thread().SetWatcher(memberID, on)
	})
}

// canInvite checks that the actor may change who else reaches the thread: they need the
// thread's brand themselves, so a participant cannot pass their access on.
func (w threadWrite) canInvite() error {
	if !policy.CanWriteBrand(w.actor, w.th.BrandID) {
		return model.Errorf(model.CodeForbidden, "Only teammates of %s can add people to its conversations.", w.ws.BrandName(w.th.BrandID))
	}
	return nil
}

// inviting checks the actor may invite and returns the active member being invited.
func (w threadWrite) inviting(memberID string) (model.Member, error) {
	if err := w.canInvite(); err != nil {
		return model.Member{}, err
	}
	p, ok := w.ws.Member(memberID)
	if !ok {
		return p, model.Errorf(model.CodeNotFound, "That teammate is not in this workspace.")
	}
	if !p.Active {
		return p, model.Errorf(model.CodeInvalid, "%s is deactivated.", p.Name)
	}
	return p, nil
}

func roleName(r model.Role) string {
	return map[model.Role]string{model.RoleOwner: "Owner", model.RoleAdmin: "Admin",
		model.RoleAgent: "Agent", model.RoleViewer: "Viewer"}[r]
}

// Follow adds or removes the thread from the actor's Followed view. It changes only the
// actor's own view of the thread, so reading access is enough: Viewers can follow.
func (s *Service) Follow(ctx context.Context, actor, threadID string, on bool) error {
	return s.personal(ctx, actor, threadID, func(w threadWrite) error {
		if on == slices.Contains(w.th.Followers, w.actor.ID) {
			return nil
		}
		return w.d.Thread().SetFollower(w.actor.ID, on)
	})
}

// MarkRead marks the thread read for the actor up to now. Reading access is enough.
func (s *Service) MarkRead(ctx context.Context, actor, threadID string) error {
	return s.personal(ctx, actor, threadID, func(threadWrite) error { return nil })
}

// personal runs a write that changes only the actor's own state on a thread (following, read
// marker). It needs read access, not write access: a Viewer keeps their inbox tidy without
// changing the conversation.
func (s *Service) personal(ctx context.Context, actorID, threadID string, fn func(w threadWrite) error) error {
	ws, m, err := usecase.Actor(s.store, actorID)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	return usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, th, err := loadThread(tx, threadID)
		if err != nil {
			return err
		}
		if !policy.CanReadThread(m, th) {
			return model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(th.BrandID))
		}
		if err := fn(threadWrite{ws: ws, actor: m, d: d, th: th, now: now}); err != nil {
			return err
		}
		return d.Thread().MarkRead(m.ID, now.UnixMilli())
	})
}
