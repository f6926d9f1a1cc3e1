package app

import (
	"context"

	"huddle/internal/model"
)

// QueueService serves the Team queue page: the team's workload, for Owners and Admins.
type QueueService struct{ a *App }

// Load returns each active teammate's open threads and overdue tasks, the unassigned queue
// and the per-brand totals; anyone but an Owner or Admin gets a "forbidden" error.
func (s *QueueService) Load() (model.Queue, error) {
	return call(s.a, "queue.load", func(ctx context.Context, actor string) (model.Queue, error) {
		return s.a.Team.Queue(ctx, actor)
	})
}
