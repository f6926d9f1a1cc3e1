//go:build bench

package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/team"
	"huddle/localdb"
)

// A generated workspace: two brands, six members, a quarter as many clients as threads (each
// client has its chat plus on average three conversations on other channels), ~70% of the
// threads resolved, assignees, labels, @mentions in notes, followers, a few participants from
// the other brand, and 2–8 timeline entries per thread. Threads are written straight through
// localdb.Update with the crdt accessors, several clients and their threads per Update, the
// way the use cases shape them (event lines for assign and resolve, read markers), because
// running every use case one write at a time would take too long for 100k threads.

const (
	threadsPerClient = 4 // the chat plus three others
	clientsPerUpdate = 8 // 8 clients + 32 threads = 40 documents, within the store's doc cache
	historyDays      = 365
)

// ackEvery is how many generating Updates go by between outbox acknowledgements: a synced
// device's replicator acknowledges as the relay confirms, and one acknowledgement of the whole
// backlog at the end costs time that grows with the square of its length (see the notes in
// docs/benchmarks.md). 0 acknowledges only once, at the end.
var ackEvery = 64

// fixture is a generated data folder and the people in it.
type fixture struct {
	dir       string
	owner     model.Member
	admin     model.Member
	agent     model.Member // Tom: an Agent of one brand, the member the views are read as
	members   []model.Member
	brands    []model.Brand
	labels    []model.Label
	threadIDs []string
	bigThread string // the 1,000-message thread, "" when not asked for

	threads, messages, resolved int
	genTime                     time.Duration // all of generate, Open to Close
	bigTime, ackTime            time.Duration // the big thread's writes; acknowledging the outbox
}

// quietLogger keeps the store's INFO lines out of the benchmark log.
func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// fixedClock tells the time it is set to.
type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

var _ ports.Clock = (*fixedClock)(nil)

// generate creates a workspace of n threads in dir (plus, when bigMessages > 0, one more
// thread with that many messages written one local write each), acknowledges the outbox as a
// synced device's replicator would have, and closes the store.
func generate(ctx context.Context, dir string, n, bigMessages int, seed uint64) (*fixture, error) {
	start := time.Now()
	// Generation skips fsync: the files are the same, only the wait differs. Measurements
	// reopen the folder with the default (fsync) settings.
	db, err := localdb.Open(dir, localdb.Options{Logger: quietLogger(), NoSync: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	end := time.Now().Truncate(time.Minute)
	g := &generator{db: db, r: rand.New(rand.NewPCG(seed, 0x6875646c65)), end: end,
		f: &fixture{dir: dir}}
	if err := g.team(ctx); err != nil {
		return nil, fmt.Errorf("team: %w", err)
	}
	ack := func() error {
		t0 := time.Now()
		err := db.AckOutbox(math.MaxUint64)
		g.f.ackTime += time.Since(t0)
		return err
	}
	clients := n / threadsPerClient
	for i, c := 0, 0; c < clients; i, c = i+1, c+clientsPerUpdate {
		k := min(clientsPerUpdate, clients-c)
		if err := g.clients(ctx, k); err != nil {
			return nil, fmt.Errorf("clients %d: %w", c, err)
		}
		if ackEvery > 0 && i%ackEvery == ackEvery-1 {
			if err := ack(); err != nil {
				return nil, fmt.Errorf("ack outbox: %w", err)
			}
		}
	}
	if bigMessages > 0 {
		t0 := time.Now()
		if err := g.bigThread(ctx, bigMessages); err != nil {
			return nil, fmt.Errorf("big thread: %w", err)
		}
		g.f.bigTime = time.Since(t0)
	}
	if err := ack(); err != nil {
		return nil, fmt.Errorf("ack outbox: %w", err)
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	g.f.genTime = time.Since(start)
	return g.f, nil
}

type generator struct {
	db  *localdb.DB
	r   *rand.Rand
	end time.Time
	f   *fixture
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

// team creates the workspace, brands, members and labels through the team use cases.
func (g *generator) team(ctx context.Context) error {
	clock := &fixedClock{t: g.end.AddDate(-1, 0, -30)}
	tm := team.New(g.db, clock)
	ws, owner, err := tm.CreateWorkspace(ctx, team.NewWorkspace{Name: "Maison Lumière",
		OwnerName: "Maya Laurent", FirstBrand: "Riverside"})
	if err != nil {
		return err
	}
	second, err := tm.AddBrand(ctx, owner.ID, "Old Town")
	if err != nil {
		return err
	}
	g.f.brands = append(ws.Brands, second)
	g.f.owner = owner
	g.f.members = []model.Member{owner}
	for _, st := range staff {
		var brands []string
		for _, b := range st.brands {
			brands = append(brands, g.f.brands[b].ID)
		}
		m, err := tm.AddMember(ctx, owner.ID, team.NewMember{Name: st.name, Role: st.role, Brands: brands})
		if err != nil {
			return err
		}
		g.f.members = append(g.f.members, m)
	}
	g.f.admin, g.f.agent = g.f.members[1], g.f.members[2]
	for _, name := range labelNames {
		l, err := tm.AddLabel(ctx, owner.ID, name, "")
		if err != nil {
			return err
		}
		g.f.labels = append(g.f.labels, l)
	}
	return nil
}

// writers returns the members who may handle a thread of brand: the Owner, the Admin and the
// brand's Agents.
func (g *generator) writers(brandID string) []model.Member {
	var out []model.Member
	for _, m := range g.f.members {
		if m.Role != model.RoleViewer && m.CanAccessBrand(brandID) {
			out = append(out, m)
		}
	}
	return out
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// clients writes k clients, their chats and their other threads in one Update.
func (g *generator) clients(ctx context.Context, k int) error {
	at := g.end
	return g.db.Update(ctx, at, func(tx ports.Tx) error {
		for range k {
			if err := g.client(tx); err != nil {
				return err
			}
		}
		return nil
	})
}

func (g *generator) client(tx ports.Tx) error {
	r := g.r
	brand := g.f.brands[0]
	if r.IntN(10) >= 6 {
		brand = g.f.brands[1]
	}
	created := g.end.Add(-time.Duration(r.Float64() * float64(historyDays*24*time.Hour)))
	first, last := pick(r, firstNames), pick(r, lastNames)
	cl := model.Client{ID: model.NewDocID(model.DocClient, created), BrandID: brand.ID,
		Name: first + " " + last, Phones: []string{fmt.Sprintf("+33 6 %02d %02d %02d %02d", r.IntN(100), r.IntN(100), r.IntN(100), r.IntN(100))},
		CreatedAt: created.UnixMilli()}
	if r.IntN(3) > 0 {
		cl.Emails = []string{strings.ToLower(first+"."+last) + "@example.com"}
	}
	if r.IntN(4) == 0 {
		cl.Tags = []string{pick(r, []string{"regular", "new", "colour", "bridal", "students"})}
	}
	cl.ChatThreadID = model.NewDocID(model.DocThread, created)
	cd, err := tx.Doc(cl.ID)
	if err != nil {
		return err
	}
	if err := cd.Client().Create(cl); err != nil {
		return err
	}
	if err := g.thread(tx, cl, cl.ChatThreadID, model.ChannelChat, created); err != nil {
		return err
	}
	for range threadsPerClient - 1 {
		id := model.NewDocID(model.DocThread, created)
		if err := g.thread(tx, cl, id, pick(r, channelMix), time.Time{}); err != nil {
			return err
		}
	}
	return nil
}

var channelMix = []model.Channel{model.ChannelSMS, model.ChannelSMS, model.ChannelWhatsApp,
	model.ChannelWhatsApp, model.ChannelWhatsApp, model.ChannelInstagram, model.ChannelEmail,
	model.ChannelEmail, model.ChannelCall, model.ChannelMessenger, model.ChannelGMB}

// thread writes one conversation: created at created (a random recent-skewed time when zero).
func (g *generator) thread(tx ports.Tx, cl model.Client, id string, ch model.Channel, created time.Time) error {
	r := g.r
	if created.IsZero() {
		age := time.Duration(math.Pow(r.Float64(), 2) * float64(historyDays*24*time.Hour))
		created = g.end.Add(-age)
	}
	d, err := tx.Doc(id)
	if err != nil {
		return err
	}
	t := d.Thread()
	subject := ""
	if ch == model.ChannelEmail {
		subject = pick(r, subjects)
	}
	if err := t.Create(model.Thread{BrandID: cl.BrandID, ClientID: cl.ID, ClientName: cl.Name,
		Channel: ch, Subject: subject, ClientChat: ch == model.ChannelChat, CreatedAt: created.UnixMilli()}); err != nil {
		return err
	}
	writers := g.writers(cl.BrandID)
	handler := pick(r, writers)
	resolved := r.IntN(100) < 70
	assignee := ""
	if resolved && r.IntN(100) < 85 || !resolved && r.IntN(100) < 60 {
		assignee = pick(r, writers).ID
	}
	first := strings.Fields(cl.Name)[0]
	at := created
	add := func(m model.Message) error {
		m.ID, m.ThreadID, m.CreatedAt = model.NewULID(at), id, at.UnixMilli()
		if m.Body == "" {
			return nil
		}
		g.f.messages++
		return t.AddMessage(m)
	}
	step := func(maxMinutes int) { at = at.Add(time.Duration(1+r.IntN(maxMinutes)) * time.Minute) }
	inbound := func() error {
		return add(model.Message{Kind: model.KindMessage, Direction: model.DirInbound, Body: fill(pick(r, inboundLines), first, "")})
	}
	if err := inbound(); err != nil {
		return err
	}
	step(90)
	if assignee != "" {
		if err := t.SetAssignee(assignee); err != nil {
			return err
		}
		if err := add(model.Message{Kind: model.KindEvent, Direction: model.DirInternal, AuthorID: handler.ID,
			Event: model.EventAssigned, Subject: assignee, Body: handler.Name + " assigned this conversation."}); err != nil {
			return err
		}
	}
	rounds := 1 + r.IntN(3)
	for i := range rounds {
		waiting := !resolved && i == rounds-1 && r.IntN(2) == 0 // the client's last message is unanswered
		if waiting {
			break
		}
		author := handler.ID
		if assignee != "" {
			author = assignee
		}
		if err := add(model.Message{Kind: model.KindMessage, Direction: model.DirOutbound, AuthorID: author,
			Body: fill(pick(r, replyLines), first, ""), Delivery: model.DeliverySent}); err != nil {
			return err
		}
		step(600)
		if r.IntN(100) < 12 {
			if err := g.note(t, add, handler, cl.BrandID, at); err != nil {
				return err
			}
			step(30)
		}
		if i < rounds-1 {
			if err := inbound(); err != nil {
				return err
			}
			step(240)
		}
	}
	if resolved {
		if err := t.SetStatus(model.StatusResolved); err != nil {
			return err
		}
		if err := add(model.Message{Kind: model.KindEvent, Direction: model.DirInternal, AuthorID: handler.ID,
			Event: model.EventResolved, Body: handler.Name + " resolved the conversation."}); err != nil {
			return err
		}
		g.f.resolved++
	}
	if r.IntN(2) == 0 {
		if err := t.SetLabel(pick(r, g.f.labels).ID, true); err != nil {
			return err
		}
		if r.IntN(4) == 0 {
			if err := t.SetLabel(pick(r, g.f.labels).ID, true); err != nil {
				return err
			}
		}
	}
	if r.IntN(100) < 8 {
		if err := t.SetFollower(pick(r, g.f.members).ID, true); err != nil {
			return err
		}
	}
	if r.IntN(100) < 2 { // someone from the other brand helps out
		for _, m := range g.f.members {
			if !m.CanAccessBrand(cl.BrandID) {
				if err := t.SetParticipant(m.ID, model.AccessWrite); err != nil {
					return err
				}
				break
			}
		}
	}
	readUpTo := at.UnixMilli()
	if !resolved && r.IntN(2) == 0 {
		readUpTo = created.UnixMilli() // still unread for the handler
	}
	if err := t.MarkRead(handler.ID, readUpTo); err != nil {
		return err
	}
	if assignee != "" && assignee != handler.ID && r.IntN(3) > 0 {
		if err := t.MarkRead(assignee, at.UnixMilli()); err != nil {
			return err
		}
	}
	g.f.threadIDs = append(g.f.threadIDs, id)
	g.f.threads++
	return nil
}

// note adds an internal note that @mentions a teammate who can read the thread.
func (g *generator) note(t crdt.Thread, add func(model.Message) error, author model.Member, brandID string, at time.Time) error {
	var pool []model.Member
	for _, m := range g.f.members {
		if m.ID != author.ID && m.CanAccessBrand(brandID) {
			pool = append(pool, m)
		}
	}
	who := pick(g.r, pool)
	if err := add(model.Message{Kind: model.KindNote, Direction: model.DirInternal, AuthorID: author.ID,
		Body: fill(pick(g.r, noteLines), "", who.Handle), Mentions: []string{who.ID}}); err != nil {
		return err
	}
	return t.AddMentioned(who.ID, at.UnixMilli())
}

// bigThread writes a conversation of n timeline entries in the agent's brand, one local write
// per message as the app would, so the store compacts it as it grows.
func (g *generator) bigThread(ctx context.Context, n int) error {
	brand := g.f.brands[0]
	created := g.end.AddDate(0, -2, 0)
	cl := model.Client{ID: model.NewDocID(model.DocClient, created), BrandID: brand.ID,
		Name: "Chloé Bernard", CreatedAt: created.UnixMilli()}
	cl.ChatThreadID = model.NewDocID(model.DocThread, created)
	err := g.db.Update(ctx, created, func(tx ports.Tx) error {
		cd, err := tx.Doc(cl.ID)
		if err != nil {
			return err
		}
		if err := cd.Client().Create(cl); err != nil {
			return err
		}
		td, err := tx.Doc(cl.ChatThreadID)
		if err != nil {
			return err
		}
		if err := td.Thread().Create(model.Thread{BrandID: brand.ID, ClientID: cl.ID, ClientName: cl.Name,
			Channel: model.ChannelChat, ClientChat: true, CreatedAt: cl.CreatedAt}); err != nil {
			return err
		}
		return td.Thread().SetAssignee(g.f.agent.ID)
	})
	if err != nil {
		return err
	}
	at := created
	for i := range n {
		at = at.Add(time.Duration(1+g.r.IntN(60)) * time.Minute)
		m := model.Message{ID: model.NewULID(at), ThreadID: cl.ChatThreadID, CreatedAt: at.UnixMilli()}
		switch {
		case i%10 == 9:
			m.Kind, m.Direction, m.AuthorID = model.KindNote, model.DirInternal, g.f.agent.ID
			m.Body = fill(pick(g.r, noteLines), "", g.f.owner.Handle)
		case i%2 == 0:
			m.Kind, m.Direction, m.Body = model.KindMessage, model.DirInbound, fill(pick(g.r, inboundLines), "Chloé", "")
		default:
			m.Kind, m.Direction, m.AuthorID, m.Delivery = model.KindMessage, model.DirOutbound, g.f.agent.ID, model.DeliverySent
			m.Body = fill(pick(g.r, replyLines), "Chloé", "")
		}
		err := g.db.Update(ctx, at, func(tx ports.Tx) error {
			d, err := tx.Doc(cl.ChatThreadID)
			if err != nil {
				return err
			}
			return d.Thread().AddMessage(m)
		})
		if err != nil {
			return err
		}
		g.f.messages++
	}
	g.f.bigThread = cl.ChatThreadID
	return nil
}

func fill(s, first, handle string) string {
	return strings.NewReplacer("{first}", first, "{handle}", "@"+handle).Replace(s)
}

var firstNames = []string{"Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Jade",
	"Louise", "Alice", "Lucas", "Hugo", "Nathan", "Théo", "Louis", "Jules", "Noah", "Arthur",
	"Zoé", "Lina", "Eva", "Anaïs", "Julie", "Pauline", "Marion", "Claire", "Nora", "Yasmine",
	"Mila", "Rose", "Paul", "Victor", "Adam", "Malik", "Sofia", "Elena", "Marta", "Giulia"}

var lastNames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
	"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David",
	"Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Dupont",
	"Lambert", "Bonnet", "Francois", "Martinez", "Rossi", "Nguyen", "Haddad", "Costa", "Novak"}

var subjects = []string{"Booking for Saturday", "Question about prices", "Wedding party",
	"Gift card", "Order #4821", "Feedback on my last visit", "Change of appointment"}

var inboundLines = []string{
	"Hi! Do you have anything free on Saturday morning for a cut and colour?",
	"Hello, I'd like to move my appointment on Thursday to next week if possible.",
	"How much is a balayage for long hair? And how long does it take?",
	"Hi, I think I left my scarf at the salon yesterday, a blue one. Could you check?",
	"Can I book for my daughter too? She needs a trim, same time as me ideally.",
	"Thanks again for last time, my hair has never looked better!",
	"Do you sell the shampoo you used on me? The one that smelled of fig.",
	"I'm running 10 minutes late, sorry! Still ok?",
	"Is it possible to pay with a gift card online?",
	"Hello, I wasn't happy with the colour, it's much darker than what we discussed.",
}

var replyLines = []string{
	"Hi {first}! We have 10:30 or 11:15 on Saturday with Lea, which one suits you?",
	"No problem {first}, I've moved you to Tuesday at 14:00. See you then!",
	"A balayage for long hair starts at 120€ and takes about 2h30. Shall I book you in?",
	"Found it! It's waiting for you at the front desk.",
	"Of course, I've booked you both at 15:00 with two stylists.",
	"Thank you {first}, that's lovely to hear, we'll pass it on to the team!",
	"Yes, we have it in 250 ml and 1 l; we can keep one aside for you.",
	"No worries, see you in a bit!",
	"Yes, just enter the code at checkout, it works online and in the salon.",
	"I'm so sorry {first}. Could you come in this week so we can fix it, free of charge?",
}

var noteLines = []string{
	"{handle} can you call her back this afternoon? She prefers the phone.",
	"{handle} she's a regular, please offer the loyalty discount.",
	"Double-booked on Saturday, {handle} can you take the 11:15?",
	"{handle} FYI she had a reaction to the ammonia-free dye last year.",
	"{handle} could you check stock for the fig shampoo?",
}
