package team

import (
	"context"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Service runs the team use cases against a store.
type Service struct {
	store ports.Store
	clock ports.Clock
}

// New returns a team service writing to store and stamping writes with clock.
func New(store ports.Store, clock ports.Clock) *Service {
	return &Service{store: store, clock: clock}
}

// NewWorkspace is what the first-run screen asks for.
type NewWorkspace struct {
	Name        string `json:"name"`        // the business, e.g. "Maison Lumière"
	OwnerName   string `json:"ownerName"`   // the person setting Huddle up
	OwnerHandle string `json:"ownerHandle"` // optional; derived from the first name when empty
	FirstBrand  string `json:"firstBrand"`  // the first location or client brand
}

// NewMember is a teammate to add.
type NewMember struct {
	Name   string     `json:"name"`
	Handle string     `json:"handle"` // optional; derived from the first name when empty
	Role   model.Role `json:"role"`
	Brands []string   `json:"brands"` // brand IDs
	Color  string     `json:"color"`  // optional "#rrggbb"; picked from the palette when empty
}

// MemberPatch changes a member; nil fields stay as they are.
type MemberPatch struct {
	Name   *string     `json:"name"`
	Role   *model.Role `json:"role"`
	Brands *[]string   `json:"brands"`
}

// Requeued says how much open work went back to the queue when a member lost access.
type Requeued struct {
	Threads int `json:"threads"`
	Tasks   int `json:"tasks"`
}

// workspaceTx is the workspace document of one write, with its projection and the acting
// member read from it, so checks and changes see the same state.
type workspaceTx struct {
	tx    ports.Tx
	w     crdt.Workspace
	ws    model.Workspace
	actor model.Member
}

// manage runs fn as one write of the workspace document by an Owner or Admin.
func (s *Service) manage(ctx context.Context, actorID string, fn func(wt *workspaceTx) error) error {
	return s.update(ctx, func(tx ports.Tx) error {
		wt, err := loadWorkspace(tx, actorID)
		if err != nil {
			return err
		}
		if !policy.CanManageTeam(wt.actor) {
			return model.Errorf(model.CodeForbidden, "Only an Owner or Admin can change the team and its settings.")
		}
		return fn(wt)
	})
}

func loadWorkspace(tx ports.Tx, actorID string) (*workspaceTx, error) {
	d, err := tx.Doc(model.WorkspaceDocID)
	if err != nil {
		return nil, usecase.StoreErr(err)
	}
	ok, err := d.Exists()
	if err != nil {
		return nil, usecase.StoreErr(err)
	}
	if !ok {
		return nil, model.Errorf(model.CodeNoWorkspace, "Huddle is not set up yet; create a workspace first.")
	}
	ws, err := d.Workspace().Row()
	if err != nil {
		return nil, usecase.StoreErr(err)
	}
	actor, err := usecase.ActiveMember(ws, actorID)
	if err != nil {
		return nil, err
	}
	return &workspaceTx{tx: tx, w: d.Workspace(), ws: ws, actor: actor}, nil
}

// update runs one store write stamped with the clock.
func (s *Service) update(ctx context.Context, fn func(tx ports.Tx) error) error {
	return usecase.StoreErr(s.store.Update(ctx, s.clock.Now(), fn))
}
