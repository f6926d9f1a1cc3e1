package demo

import (
	"fmt"
	"time"
)

// scheduledLines are replies a receptionist writes today to go out later: appointment
// reminders and follow-ups, each for one client's first name.
var scheduledLines = []string{
	"Hi %s, a reminder of your appointment tomorrow. Reply YES to confirm or call us to move it.",
	"Hi %s, how is the colour settling in? If anything feels off, we will happily fix it this week.",
	"Hi %s, we have a cancellation on Saturday morning if you still want an earlier slot.",
	"Good morning %s! Your products are in; pick them up at the desk any time today.",
}

// seedScheduled leaves a few replies scheduled for the coming days, so the Scheduled page and
// the conversations' scheduled strips have something to show. They go when their time comes.
func (s *seeder) seedScheduled() error {
	s.at(s.end)
	tomorrow := s.end.AddDate(0, 0, 1)
	for i, line := range scheduledLines {
		sc := s.clients[(i*37+11)%len(s.clients)]
		day := tomorrow.AddDate(0, 0, i/2)
		sendAt := time.Date(day.Year(), day.Month(), day.Day(), 9+i%2, 0, 0, 0, s.end.Location())
		author := s.staffOf(sc.cl.BrandID)
		body := fmt.Sprintf(line, sc.first[0])
		if _, err := s.ib.ScheduleReply(s.ctx, author.ID, sc.cl.ChatThreadID, body, sendAt); err != nil {
			return fmt.Errorf("schedule a reply: %w", err)
		}
		s.sum.Scheduled++
	}
	return nil
}
