package team

import (
	"context"
	"errors"
	"strings"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
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

// maxName bounds names so one paste cannot fill a list row with a novel.
const maxName = 80

// cleanName trims and checks a display name; what names the thing for the error sentence.
func cleanName(s, what string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", model.Errorf(model.CodeInvalid, "Give the %s a name.", what)
	}
	if len([]rune(s)) > maxName {
		return "", model.Errorf(model.CodeInvalid, "The %s's name is too long; keep it under %d characters.", what, maxName)
	}
	return s, nil
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
		return nil, storeErr(err)
	}
	ok, err := d.Exists()
	if err != nil {
		return nil, storeErr(err)
	}
	if !ok {
		return nil, model.Errorf(model.CodeNoWorkspace, "Huddle is not set up yet; create a workspace first.")
	}
	ws, err := d.Workspace().Row()
	if err != nil {
		return nil, storeErr(err)
	}
	actor, err := activeMember(ws, actorID)
	if err != nil {
		return nil, err
	}
	return &workspaceTx{tx: tx, w: d.Workspace(), ws: ws, actor: actor}, nil
}

// activeMember finds the acting member; unknown and deactivated members do nothing.
func activeMember(ws model.Workspace, id string) (model.Member, error) {
	m, ok := ws.Member(id)
	if !ok {
		return model.Member{}, model.Errorf(model.CodeForbidden, "You are not a member of this workspace.")
	}
	if !m.Active {
		return model.Member{}, model.Errorf(model.CodeForbidden, "Your account is deactivated; ask an Owner or Admin to reactivate it.")
	}
	return m, nil
}

// update runs one store write stamped with the clock.
func (s *Service) update(ctx context.Context, fn func(tx ports.Tx) error) error {
	return storeErr(s.store.Update(ctx, s.clock.Now(), fn))
}

// storeErr passes coded errors through and gives anything else a sentence.
func storeErr(err error) error {
	if err == nil {
		return nil
	}
	var e *model.Error
	if errors.As(err, &e) {
		return err
	}
	return model.Wrap(model.CodeInternal, err, "Huddle could not save or read this change; try again, and restart Huddle if it keeps happening.")
}
