//go:build bench

package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/team"
	"huddle/localdb"
)

// A generated workspace, written through the team and inbox use cases: two brands, six
// members, eight labels, a client per four threads (its chat and three threads on other
// channels), each thread with an inbound message, one to three rounds of replies, notes with
// @mentions now and then, an assignee (70%), a label (50%), and resolved (70%). Use cases
// are batched with inbox.Batch (one store write, one Automerge change per document per
// batch) so that 10k threads take seconds, not minutes; the store is opened without fsync
// for generation, as internal/bench does.

const (
	clientsPerBatch  = 25 // a clients batch writes 50 documents (client + chat); a threads batch 100
	activityPerBatch = 100
)

type workspace struct {
	ws      model.Workspace
	owner   model.Member
	labels  []model.Label
	writers map[string][]model.Member // brand ID → members who may write its threads
	threads []thread
}

type thread struct {
	id, brand string
}

type generator struct {
	db    *localdb.DB
	clock ports.Clock
	r     *rand.Rand
	w     *workspace
}

func newGenerator(db *localdb.DB, seed uint64) *generator {
	clock := &ports.StepClock{T: time.Now().AddDate(0, 0, -60), Step: time.Second}
	return &generator{db: db, clock: clock, r: rand.New(rand.NewPCG(seed, 0x73796e63))}
}

var staff = []struct {
	name   string
	role   model.Role
	brands []int
}{
	{"Ines Duarte", model.RoleAdmin, []int{0, 1}},
	{"Tom Berger", model.RoleAgent, []int{0}},
	{"Lea Marchetti", model.RoleAgent, []int{0}},
	{"Sam Okafor", model.RoleAgent, []int{1}},
	{"Ada Lind", model.RoleViewer, []int{0, 1}},
}

var labelNames = []string{"Booking", "Pricing", "Complaint", "VIP", "Follow-up", "Products", "Gift card", "Cancellation"}

// generate creates the workspace and n threads (a multiple of four).
func (g *generator) generate(ctx context.Context, n int) (*workspace, error) {
	tm := team.New(g.db, g.clock)
	ws, owner, err := tm.CreateWorkspace(ctx, team.NewWorkspace{Name: "Maison Lumière", OwnerName: "Maya Laurent", FirstBrand: "Riverside"})
	if err != nil {
		return nil, err
	}
	second, err := tm.AddBrand(ctx, owner.ID, "Old Town")
	if err != nil {
		return nil, err
	}
	brands := append(ws.Brands, second)
	for _, st := range staff {
		var ids []string
		for _, b := range st.brands {
			ids = append(ids, brands[b].ID)
		}
		if _, err := tm.AddMember(ctx, owner.ID, team.NewMember{Name: st.name, Role: st.role, Brands: ids}); err != nil {
			return nil, err
		}
	}
	w := &workspace{owner: owner, writers: map[string][]model.Member{}}
	for _, name := range labelNames {
		l, err := tm.AddLabel(ctx, owner.ID, name, "")
		if err != nil {
			return nil, err
		}
		w.labels = append(w.labels, l)
	}
	if w.ws, err = g.db.Workspace(); err != nil {
		return nil, err
	}
	for _, b := range w.ws.Brands {
		for _, m := range w.ws.Members {
			if m.Role != model.RoleViewer && m.CanAccessBrand(b.ID) {
				w.writers[b.ID] = append(w.writers[b.ID], m)
			}
		}
	}
	g.w = w
	ib := inbox.New(g.db, g.clock)
	for c := 0; c < n/4; c += clientsPerBatch {
		if err := g.clients(ctx, ib, min(clientsPerBatch, n/4-c)); err != nil {
			return nil, fmt.Errorf("clients %d: %w", c, err)
		}
	}
	return w, nil
}

// clients creates k clients in one batch, then their threads in another: a thread can only
// be started for a client that is committed.
func (g *generator) clients(ctx context.Context, ib *inbox.Service, k int) error {
	var made []model.Client
	err := ib.Batch(ctx, func(b *inbox.Service) error {
		for range k {
			brand := g.w.ws.Brands[0].ID
			if g.r.IntN(10) >= 6 {
				brand = g.w.ws.Brands[1].ID
			}
			cl, err := b.CreateClient(ctx, g.w.owner.ID, inbox.NewClient{BrandID: brand,
				Name:   pick(g.r, firstNames) + " " + pick(g.r, lastNames),
				Phones: []string{fmt.Sprintf("+33 6 %02d %02d %02d %02d", g.r.IntN(100), g.r.IntN(100), g.r.IntN(100), g.r.IntN(100))}})
			if err != nil {
				return err
			}
			made = append(made, cl)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return ib.Batch(ctx, func(b *inbox.Service) error {
		for _, cl := range made {
			ids := []string{cl.ChatThreadID}
			for range 3 {
				th, err := b.StartThread(ctx, pick(g.r, g.w.writers[cl.BrandID]).ID, cl.ID, pick(g.r, channelMix), "")
				if err != nil {
					return err
				}
				ids = append(ids, th.ID)
			}
			for _, id := range ids {
				th := thread{id: id, brand: cl.BrandID}
				if err := g.conversation(ctx, b, th); err != nil {
					return err
				}
				g.w.threads = append(g.w.threads, th)
			}
		}
		return nil
	})
}

// conversation writes a thread's history.
func (g *generator) conversation(ctx context.Context, b *inbox.Service, th thread) error {
	r := g.r
	h := pick(r, g.w.writers[th.brand])
	if _, err := b.LogInbound(ctx, h.ID, th.id, pick(r, inboundLines)); err != nil {
		return err
	}
	rounds := 1 + r.IntN(3)
	for i := range rounds {
		if _, err := b.Reply(ctx, h.ID, th.id, pick(r, replyLines)); err != nil {
			return err
		}
		if r.IntN(100) < 12 {
			if err := g.note(ctx, b, h, th); err != nil {
				return err
			}
		}
		if i < rounds-1 {
			if _, err := b.LogInbound(ctx, h.ID, th.id, pick(r, inboundLines)); err != nil {
				return err
			}
		}
	}
	if r.IntN(100) < 70 {
		if err := b.Assign(ctx, h.ID, th.id, pick(r, g.w.writers[th.brand]).ID); err != nil {
			return err
		}
	}
	if r.IntN(2) == 0 {
		if err := b.SetLabel(ctx, h.ID, th.id, pick(r, g.w.labels).ID, true); err != nil {
			return err
		}
	}
	if r.IntN(100) < 70 {
		return b.Resolve(ctx, h.ID, th.id)
	}
	return nil
}

func (g *generator) note(ctx context.Context, b *inbox.Service, author model.Member, th thread) error {
	other := pick(g.r, g.w.writers[th.brand])
	_, err := b.AddNote(ctx, author.ID, th.id, "@"+other.Handle+" "+pick(g.r, noteLines))
	return err
}

// activity makes n changes, each to a different thread within a batch of activityPerBatch,
// so every use-case write below is one Automerge change: a reply (40%), an inbound message
// (30%), a note (10%), or a reply that resolves the thread (20%). progress is called after
// every batch with the number of changes made so far.
func (g *generator) activity(ctx context.Context, ib *inbox.Service, n int, progress func(done int)) error {
	ids := make([]int, len(g.w.threads))
	for i := range ids {
		ids[i] = i
	}
	for done := 0; done < n; {
		k := min(activityPerBatch, n-done, len(ids))
		for i := range k { // a partial shuffle: k distinct threads
			j := i + g.r.IntN(len(ids)-i)
			ids[i], ids[j] = ids[j], ids[i]
		}
		err := ib.Batch(ctx, func(b *inbox.Service) error {
			for _, i := range ids[:k] {
				if err := g.act(ctx, b, g.w.threads[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += k
		if progress != nil {
			progress(done)
		}
	}
	return nil
}

func (g *generator) act(ctx context.Context, b *inbox.Service, th thread) error {
	r := g.r
	h := pick(r, g.w.writers[th.brand])
	var err error
	switch p := r.IntN(100); {
	case p < 40:
		_, err = b.Reply(ctx, h.ID, th.id, pick(r, replyLines))
	case p < 70:
		_, err = b.LogInbound(ctx, h.ID, th.id, pick(r, inboundLines))
	case p < 80:
		err = g.note(ctx, b, h, th)
	default:
		if _, err = b.Reply(ctx, h.ID, th.id, pick(r, replyLines)); err == nil {
			err = b.Resolve(ctx, h.ID, th.id)
		}
	}
	return err
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var channelMix = []model.Channel{model.ChannelSMS, model.ChannelSMS, model.ChannelWhatsApp,
	model.ChannelWhatsApp, model.ChannelWhatsApp, model.ChannelInstagram, model.ChannelEmail,
	model.ChannelEmail, model.ChannelCall, model.ChannelMessenger, model.ChannelGMB}

var firstNames = []string{"Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Jade",
	"Louise", "Alice", "Lucas", "Hugo", "Nathan", "Théo", "Louis", "Jules", "Noah", "Arthur",
	"Zoé", "Lina", "Eva", "Anaïs", "Julie", "Pauline", "Marion", "Claire", "Nora", "Yasmine"}

var lastNames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
	"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David",
	"Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Mercier", "Dupont"}

var inboundLines = []string{
	"Hi! Do you have anything free on Saturday morning for a cut and colour?",
	"Hello, I'd like to move my appointment on Thursday to next week if possible.",
	"How much is a balayage for long hair? And how long does it take?",
	"Hi, I think I left my scarf at the salon yesterday, a blue one. Could you check?",
	"Can I book for my daughter too? She needs a trim, same time as me ideally.",
	"Thanks again for last time, my hair has never looked better!",
	"Do you sell the shampoo you used on me? The one that smelled of fig.",
	"I'm running 10 minutes late, sorry! Still ok?",
}

var replyLines = []string{
	"Hi! We have 10:30 or 11:15 on Saturday with Lea, which one suits you?",
	"No problem, I've moved you to Tuesday at 14:00. See you then!",
	"A balayage for long hair starts at 120€ and takes about 2h30. Shall I book you in?",
	"Found it! It's waiting for you at the front desk.",
	"Of course, I've booked you both at 15:00 with two stylists.",
	"Thank you, that's lovely to hear, we'll pass it on to the team!",
	"Yes, we have it in 250 ml and 1 l; we can keep one aside for you.",
	"No worries, see you in a bit!",
}

var noteLines = []string{
	"can you call her back this afternoon? She prefers the phone.",
	"she's a regular, please offer the loyalty discount.",
	"double-booked on Saturday, can you take the 11:15?",
	"FYI she had a reaction to the ammonia-free dye last year.",
}
