package team

import (
	"context"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/usecase"
)

// Queue returns the team queue a manager reviews: for every active teammate the open threads
// they hold (and how many of those they have not read) and their overdue open tasks; the
// unassigned queue; and the open and unassigned threads of each brand.
//
// Only the managers see it: Owners and Admins, the roles that run the team
// (policy.CanManageTeam). Anyone else is refused with a sentence rather than shown their own
// row, which the "Assigned to me" view and the Tasks page already show them.
//
// What each number covers: a teammate's load is all the work they hold, in every brand,
// because that is what makes them busy; an Admin who manages the team already sees every
// member, and a count carries no client's details. The unassigned queue is the manager's own
// Unassigned view (the brands they see), the list the page's button opens, and the brand
// totals are for the brands they see.
func (s *Service) Queue(ctx context.Context, actorID string) (model.Queue, error) {
	ws, actor, err := usecase.Actor(s.store, actorID)
	if err != nil {
		return model.Queue{}, err
	}
	if !policy.CanManageTeam(actor) {
		return model.Queue{}, model.Errorf(model.CodeForbidden,
			"Only an Owner or Admin can see the team queue; your own conversations are under Assigned to me.")
	}
	q := model.QueueQuery{Member: actor.ID, Members: []string{}, Brands: []string{}, Now: s.clock.Now().UnixMilli()}
	assignable := map[string]bool{}
	for _, m := range ws.Members {
		if m.Active {
			q.Members = append(q.Members, m.ID)
			assignable[m.ID] = policy.CanBeAssigned(m, "")
		}
	}
	for _, b := range ws.Brands {
		if actor.CanAccessBrand(b.ID) {
			q.Brands = append(q.Brands, b.ID)
		}
	}
	out, err := s.store.Queue(q)
	if err != nil {
		return model.Queue{}, usecase.StoreErr(err)
	}
	for i := range out.Members {
		out.Members[i].Assignable = assignable[out.Members[i].MemberID]
	}
	return out, nil
}
