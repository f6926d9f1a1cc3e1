package usecase

import (
	"context"
	"errors"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// Actor returns the workspace and the acting member, who must exist and be active.
func Actor(r ports.Reader, id string) (model.Workspace, model.Member, error) {
	ws, err := r.Workspace()
	if err != nil {
		return model.Workspace{}, model.Member{}, StoreErr(err)
	}
	m, err := ActiveMember(ws, id)
	return ws, m, err
}

// ActiveMember finds the acting member in ws; unknown and deactivated members do nothing.
func ActiveMember(ws model.Workspace, id string) (model.Member, error) {
	m, ok := ws.Member(id)
	if !ok {
		return model.Member{}, model.Errorf(model.CodeForbidden, "You are not a member of this workspace.")
	}
	if !m.Active {
		return model.Member{}, model.Errorf(model.CodeForbidden, "Your account is deactivated; ask an Owner or Admin to reactivate it.")
	}
	return m, nil
}

// Update runs fn as one store write stamped at at.
func Update(ctx context.Context, store ports.Store, at time.Time, fn func(tx ports.Tx) error) error {
	return StoreErr(store.Update(ctx, at, fn))
}

// Batch runs fn with a store whose writes all join one store write: one transaction, and one
// Automerge change per document however many use cases touched it. A use-case service built
// on that store still applies every rule to every call. The batch commits when fn returns nil
// and keeps nothing when it returns an error, so fn must return the error of any call that
// fails: swallowing it would commit that call's partial writes. Reads inside fn (lists, the
// workspace) see the state before the batch; writes see each other, as they load documents
// from the shared write. It exists for bulk work such as seeding demo data or importing
// history, where one commit per message would spend its time waiting for the disk; keep a
// batch to a few hundred documents, since a store commits only so much at once.
func Batch(ctx context.Context, store ports.Store, at time.Time, fn func(joined ports.Store) error) error {
	return StoreErr(store.Update(ctx, at, func(tx ports.Tx) error {
		return fn(joined{Reader: store, tx: tx})
	}))
}

// joined is a store whose Update joins a write already in progress instead of starting one.
type joined struct {
	ports.Reader
	tx ports.Tx
}

func (j joined) Update(_ context.Context, _ time.Time, fn func(ports.Tx) error) error {
	return fn(j.tx)
}

// StoreErr passes coded errors through and gives anything else a sentence.
func StoreErr(err error) error {
	if err == nil {
		return nil
	}
	var e *model.Error
	if errors.As(err, &e) {
		return err
	}
	return model.Wrap(model.CodeInternal, err, "Huddle could not save or read this change; try again, and restart Huddle if it keeps happening.")
}
