package demo

import (
	"fmt"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/tasks"
)

// todo is a task a conversation left behind.
type todo struct {
	title, threadID, brandID, assignee string
	at                                 time.Time
}

// seedTasks creates about demoTasks tasks: follow-ups from conversations, a few salon chores
// linked to nothing, and client call-backs. Tasks due more than a day ago are mostly done;
// the rest are open, some overdue.
func (s *seeder) seedTasks() error {
	s.r.Shuffle(len(s.todo), func(i, j int) { s.todo[i], s.todo[j] = s.todo[j], s.todo[i] })
	fromThreads := min(len(s.todo), demoTasks-2*len(taskChores))
	list := s.todo[:fromThreads]
	for _, chore := range taskChores {
		list = append(list, todo{title: chore, assignee: s.staffOf(pick(s.r, s.brands).ID).ID,
			at: s.end.Add(-time.Duration(s.r.IntN(20*24)) * time.Hour)})
	}
	for len(list) < demoTasks {
		sc := pick(s.r, s.clients)
		m := s.staffOf(sc.cl.BrandID)
		list = append(list, todo{title: fmt.Sprintf("Call %s to rebook", pick(s.r, sc.first)),
			brandID: sc.cl.BrandID, assignee: m.ID, threadID: "client:" + sc.cl.ID,
			at: s.end.Add(-time.Duration(s.r.IntN(30*24)) * time.Hour)})
	}
	return inBatches(len(list), tasksPerWrite, func(from, to int) error {
		return s.tk.Batch(s.ctx, func(tk *tasks.Service) error {
			for _, td := range list[from:to] {
				if err := s.createTask(tk, td); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

func (s *seeder) createTask(tks *tasks.Service, td todo) error {
	creator := s.owner.ID
	in := tasks.NewTask{Title: td.title, AssigneeID: td.assignee}
	if len(td.threadID) > 7 && td.threadID[:7] == "client:" {
		in.ClientID = td.threadID[7:]
	} else {
		in.ThreadID = td.threadID
	}
	if s.r.IntN(4) > 0 {
		creator = td.assignee
	}
	if s.r.IntN(3) == 0 {
		in.Notes = "Check the client card for colour formulas and allergies first."
	}
	due := td.at.Add(time.Duration(20+s.r.IntN(6*24)) * time.Hour).Truncate(time.Hour)
	in.DueAt, in.RemindAt = due.UnixMilli(), due.Add(-2*time.Hour).UnixMilli()
	s.at(td.at)
	tk, err := tks.Create(s.ctx, creator, in)
	if err != nil {
		return fmt.Errorf("task %q: %w", td.title, err)
	}
	s.sum.Tasks++
	if due.Before(s.end.Add(-24*time.Hour)) && s.r.IntN(100) < 75 {
		s.at(due.Add(-time.Duration(s.r.IntN(5)) * time.Hour))
		if _, err := tks.SetDone(s.ctx, td.assignee, tk.ID, true); err != nil {
			return err
		}
		s.sum.DoneTasks++
	} else if due.Before(s.end) {
		s.sum.OverdueTasks++
	}
	return nil
}

// seedAnnouncements sends the Old Town closing notice, highlighted, to every Old Town client,
// and a price update to the VIPs of both salons; then marks them sent.
func (s *seeder) seedAnnouncements() error {
	s.at(s.end.Add(-3 * 24 * time.Hour))
	res, err := s.ib.Announce(s.ctx, s.owner.ID, inbox.Announcement{BrandID: s.brands[1].ID, Highlight: true,
		Body: "Old Town will be closed next Monday and Tuesday while we refurbish. Riverside is open as usual — we can move your booking there. 💛"})
	if err != nil {
		return fmt.Errorf("announce closure: %w", err)
	}
	s.sum.Announced += res.Delivered
	var vips []string
	for _, sc := range s.clients {
		if sc.vip {
			vips = append(vips, sc.cl.ID)
		}
	}
	if len(vips) > 0 {
		s.at(s.end.Add(-26 * time.Hour))
		res, err := s.ib.Announce(s.ctx, s.owner.ID, inbox.Announcement{ClientIDs: vips,
			Body: "As one of our favourite clients, you're first to know: our new autumn colour menu launches next week, with 15% off your first gloss."})
		if err != nil {
			return fmt.Errorf("announce to VIPs: %w", err)
		}
		s.sum.Announced += res.Delivered
	}
	s.sum.Messages += s.sum.Announced
	return s.markAnnouncementsSent()
}

// markAnnouncementsSent records the announcements as sent, as a channel would have by now.
func (s *seeder) markAnnouncementsSent() error {
	s.at(s.end.Add(-25 * time.Hour))
	sent := map[string][]string{}
	for _, sc := range s.clients {
		msgs, err := s.ib.Messages(s.ctx, s.owner.ID, sc.cl.ChatThreadID)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			if m.Kind == model.KindAnnouncement && m.Delivery == model.DeliveryQueued {
				sent[m.ThreadID] = append(sent[m.ThreadID], m.ID)
			}
		}
	}
	return s.ib.Batch(s.ctx, func(ib *inbox.Service) error {
		for _, sc := range s.clients {
			if ids := sent[sc.cl.ChatThreadID]; len(ids) > 0 {
				if err := ib.RecordDelivery(s.ctx, sc.cl.ChatThreadID, ids, model.DeliverySent); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
