package team

import (
	"context"

	"huddle/internal/model"
)

// RenameWorkspace renames the workspace: the business name every desk shows in its sidebar.
// Owners and Admins may do it, like every other workspace setting. The name is cleaned like
// the one given on the first run (spaces collapsed, not empty, not too long); saving the name
// it already has writes nothing.
func (s *Service) RenameWorkspace(ctx context.Context, actor, name string) error {
	name, err := model.CleanName(name, "workspace")
	if err != nil {
		return err
	}
	return s.manage(ctx, actor, func(wt *workspaceTx) error {
		if wt.ws.Name == name {
			return nil
		}
		return wt.w.SetName(name)
	})
}
