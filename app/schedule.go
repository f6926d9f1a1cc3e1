package app

import (
	"context"
	"time"

	"huddle/internal/model"
)

// ScheduleService serves scheduled replies: write one, list, edit, send now, cancel.
type ScheduleService struct{ a *App }

// Schedule writes a reply to the client that goes at sendAt (unix ms).
func (s *ScheduleService) Schedule(threadID, body string, sendAt int64) (model.Message, error) {
	return call(s.a, "schedule.schedule", func(ctx context.Context, actor string) (model.Message, error) {
		return s.a.Schedule.Schedule(ctx, actor, threadID, body, time.UnixMilli(sendAt))
	})
}

// List returns the scheduled replies waiting to go that the member can see, soonest first.
func (s *ScheduleService) List() ([]model.ScheduledReply, error) {
	return call(s.a, "schedule.list", func(_ context.Context, actor string) ([]model.ScheduledReply, error) {
		return s.a.Schedule.List(actor)
	})
}

// Edit changes the text and send time (unix ms) of a scheduled reply.
func (s *ScheduleService) Edit(threadID, messageID, body string, sendAt int64) (model.Message, error) {
	return call(s.a, "schedule.edit", func(ctx context.Context, actor string) (model.Message, error) {
		return s.a.Schedule.Edit(ctx, actor, threadID, messageID, body, time.UnixMilli(sendAt))
	})
}

// SendNow sends a scheduled reply at once.
func (s *ScheduleService) SendNow(threadID, messageID string) (model.Message, error) {
	return call(s.a, "schedule.sendNow", func(ctx context.Context, actor string) (model.Message, error) {
		return s.a.Schedule.SendNow(ctx, actor, threadID, messageID)
	})
}

// Cancel cancels a scheduled reply; it stays in the conversation as a cancelled line.
func (s *ScheduleService) Cancel(threadID, messageID string) error {
	return do(s.a, "schedule.cancel", func(ctx context.Context, actor string) error {
		return s.a.Schedule.Cancel(ctx, actor, threadID, messageID)
	})
}
