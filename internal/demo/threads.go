package demo

import (
	"fmt"
	"math"
	"strings"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

// channelMix is how the conversations that are not in a client's chat arrive.
var channelMix = []model.Channel{
	model.ChannelSMS, model.ChannelSMS, model.ChannelSMS, model.ChannelSMS, model.ChannelSMS,
	model.ChannelWhatsApp, model.ChannelWhatsApp, model.ChannelWhatsApp, model.ChannelWhatsApp, model.ChannelWhatsApp,
	model.ChannelInstagram, model.ChannelInstagram, model.ChannelInstagram,
	model.ChannelEmail, model.ChannelEmail, model.ChannelEmail, model.ChannelEmail,
	model.ChannelCall, model.ChannelCall, model.ChannelCall,
}

// seedThreads gives every client's chat one conversation and starts the remaining threads on
// other channels, each with its whole history, at times skewed towards the recent past.
func (s *seeder) seedThreads() error {
	type job struct {
		client    int
		channel   model.Channel
		clientsOK bool // the client's own chat
	}
	var jobs []job
	for i := range s.clients {
		jobs = append(jobs, job{i, model.ChannelChat, true})
	}
	for range demoThreads - len(s.clients) {
		// A quarter of the clients write far more than the rest, as regulars do.
		i := s.r.IntN(len(s.clients))
		if s.r.IntN(2) == 0 {
			i = s.r.IntN(len(s.clients)/4 + 1)
		}
		jobs = append(jobs, job{i, pick(s.r, channelMix), false})
	}
	return inBatches(len(jobs), threadsPerWrite, func(from, to int) error {
		return s.ib.Batch(s.ctx, func(ib *inbox.Service) error {
			for _, j := range jobs[from:to] {
				sc := &s.clients[j.client]
				threadID := ""
				if j.clientsOK {
					threadID = sc.cl.ChatThreadID
				} else {
					s.sum.Threads++
				}
				if err := s.converse(ib, sc, threadID, j.channel); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// inBatches calls fn for consecutive ranges [from, to) of at most size items out of n.
func inBatches(n, size int, fn func(from, to int) error) error {
	for from := 0; from < n; from += size {
		if err := fn(from, min(from+size, n)); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) pickTopic() topic {
	total := 0
	for _, t := range topics {
		total += t.weight
	}
	n := s.r.IntN(total)
	for _, t := range topics {
		if n -= t.weight; n < 0 {
			return t
		}
	}
	return topics[0]
}

// converse plays one conversation into threadID (a new thread on channel when "").
func (s *seeder) converse(ib *inbox.Service, sc *seedClient, threadID string, channel model.Channel) error {
	tp := s.pickTopic()
	cl := sc.cl
	age := time.Duration(math.Pow(s.r.Float64(), 1.6) * float64(historyDays*24*time.Hour))
	// Clients write during the day: start between 8am and 8pm of the chosen day.
	day := s.end.Add(-age)
	t := time.Date(day.Year(), day.Month(), day.Day(), 8+s.r.IntN(12), s.r.IntN(60), 0, 0, day.Location())
	if t.After(s.end) {
		t = s.end.Add(-time.Duration(1+s.r.IntN(90)) * time.Minute)
	}
	handler := s.staffOf(cl.BrandID)
	stylist := s.staffOf(cl.BrandID)
	mention := s.staffOf(cl.BrandID, handler.ID)
	fill := s.filler(sc, tp, stylist, mention, cl.BrandID)
	if threadID == "" {
		subject := ""
		if channel == model.ChannelEmail || channel == model.ChannelCall {
			subject = fill(pick(s.r, tp.subjects))
		}
		s.at(t)
		th, err := ib.StartThread(s.ctx, handler.ID, cl.ID, channel, subject)
		if err != nil {
			return fmt.Errorf("start thread: %w", err)
		}
		threadID = th.ID
	}
	recent := s.end.Sub(t) < 48*time.Hour
	lines := tp.lines
	if recent && s.r.IntN(100) < 45 {
		lines = lines[:1] // still waiting for an answer
	}
	var outbound []string
	assigned, answered := "", false
	for _, ln := range lines {
		if t.After(s.end) {
			break
		}
		text := fill(pick(s.r, ln.variants))
		s.at(t)
		switch ln.who {
		case 'c':
			if channel == model.ChannelCall && !answered {
				text = "Voicemail: " + text
			}
			if _, err := ib.RecordInbound(s.ctx, threadID, text, t); err != nil {
				return fmt.Errorf("inbound: %w", err)
			}
			s.sum.Messages++
			t = t.Add(time.Duration(4+s.r.IntN(180)) * time.Minute)
		case 'n':
			if s.r.IntN(10) < 4 {
				continue
			}
			note, err := ib.AddNote(s.ctx, handler.ID, threadID, text)
			if err != nil {
				return fmt.Errorf("note: %w", err)
			}
			s.sum.Messages++
			s.sum.Notes++
			s.sum.Mentions += len(note.Mentions)
			t = t.Add(time.Duration(2+s.r.IntN(30)) * time.Minute)
		case 's':
			if !answered && s.r.IntN(10) < 8 {
				assigned = handler.ID
				if s.r.IntN(3) == 0 {
					assigned = stylist.ID // the receptionist hands it to the stylist
				}
				if err := ib.Assign(s.ctx, handler.ID, threadID, assigned); err != nil {
					return fmt.Errorf("assign: %w", err)
				}
			}
			msg, err := ib.Reply(s.ctx, handler.ID, threadID, text)
			if err != nil {
				return fmt.Errorf("reply: %w", err)
			}
			answered = true
			outbound = append(outbound, msg.ID)
			s.sum.Messages++
			t = t.Add(time.Duration(10+s.r.IntN(600)) * time.Minute)
		}
	}
	return s.wrapUp(ib, sc, tp, threadID, handler, assigned, answered, outbound, t)
}

// wrapUp labels, resolves and marks the replies delivered, and remembers a task if the
// conversation leaves one.
func (s *seeder) wrapUp(ib *inbox.Service, sc *seedClient, tp topic, threadID string, handler model.Member, assigned string, answered bool, outbound []string, t time.Time) error {
	if t.After(s.end) {
		t = s.end
	}
	s.at(t)
	labels := []string{}
	if tp.label != "" && s.r.IntN(10) < 9 {
		labels = append(labels, tp.label)
	}
	if tp.name == "complaint" {
		labels = append(labels, "Follow-up")
	}
	if sc.vip && !contains(labels, "VIP") {
		labels = append(labels, "VIP")
	}
	for _, l := range labels {
		if err := ib.SetLabel(s.ctx, handler.ID, threadID, s.labels[l], true); err != nil {
			return fmt.Errorf("label: %w", err)
		}
	}
	if sc.vip && s.r.IntN(2) == 0 {
		if err := ib.Follow(s.ctx, s.member("Priya Shah").ID, threadID, true); err != nil {
			return err
		}
	}
	if err := s.share(ib, sc, tp, threadID); err != nil {
		return err
	}
	if answered && s.end.Sub(t) > 6*time.Hour && s.r.IntN(100) < 85 {
		if err := ib.Resolve(s.ctx, handler.ID, threadID); err != nil {
			return fmt.Errorf("resolve: %w", err)
		}
		s.sum.Resolved++
	}
	if assigned != "" {
		s.sum.Assigned++
	}
	if len(outbound) > 0 {
		state := model.DeliverySent
		if s.r.IntN(80) == 0 {
			state = model.DeliveryFailed
		}
		if err := ib.RecordDelivery(s.ctx, threadID, outbound, state); err != nil {
			return err
		}
	}
	if tp.task != "" && s.r.IntN(10) < 4 {
		s.todo = append(s.todo, todo{title: s.filler(sc, tp, handler, handler, sc.cl.BrandID)(tp.task),
			threadID: threadID, brandID: sc.cl.BrandID, assignee: pickID(assigned, handler.ID), at: t})
	}
	return nil
}

// share brings a colleague from the other salon into some conversations: Léa (Riverside)
// writes on Old Town bridal work, Marcus (Old Town) reads along on Riverside complaints.
func (s *seeder) share(ib *inbox.Service, sc *seedClient, tp topic, threadID string) error {
	switch {
	case tp.name == "bridal" && sc.cl.BrandID == s.brands[1].ID:
		return ib.SetParticipant(s.ctx, s.owner.ID, threadID, s.member("Léa Moreau").ID, model.AccessWrite)
	case tp.name == "complaint" && sc.cl.BrandID == s.brands[0].ID && s.r.IntN(2) == 0:
		return ib.SetParticipant(s.ctx, s.owner.ID, threadID, s.member("Marcus Bell").ID, model.AccessRead)
	}
	return nil
}

func pickID(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// filler returns the placeholder filler for one conversation, its choices made once so the
// client and the salon talk about the same day, time and service throughout.
func (s *seeder) filler(sc *seedClient, tp topic, stylist, mention model.Member, brandID string) func(string) string {
	svc := pick(s.r, services)
	if tp.name == "bridal" {
		svc.price = 85
	}
	d1, d2 := pick(s.r, days), pick(s.r, days)
	for d2 == d1 {
		d2 = pick(s.r, days)
	}
	brand := riverside
	if brandID == s.brands[1].ID {
		brand = oldTown
	}
	r := strings.NewReplacer("{first}", pick(s.r, sc.first), "{stylist}", firstName(stylist.Name),
		"{mention}", "@"+mention.Handle, "{service}", svc.name, "{price}", fmt.Sprint(svc.price),
		"{colour}", pick(s.r, colours), "{day}", d1, "{day2}", d2, "{time}", pick(s.r, times),
		"{time2}", pick(s.r, times), "{brand}", brand)
	return r.Replace
}

func firstName(name string) string {
	first, _, _ := strings.Cut(name, " ")
	return first
}
