package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/tasks"
	"huddle/internal/team"
)

// Sizes of the demo salon.
const (
	demoClients = 300
	demoThreads = 1500 // including each client's chat
	demoTasks   = 120
	historyDays = 60

	// How many use cases share one store write while seeding (see inbox.Service.Batch): one
	// commit per message would spend most of the time waiting for fsync.
	clientsPerWrite = 25
	threadsPerWrite = 10
	tasksPerWrite   = 20
)

// Summary counts what Seed created.
type Summary struct {
	WorkspaceID  string `json:"workspaceId"`
	OwnerID      string `json:"ownerId"` // sign in as this member to look around
	Members      int    `json:"members"`
	Brands       int    `json:"brands"`
	Labels       int    `json:"labels"`
	Snippets     int    `json:"snippets"`
	Clients      int    `json:"clients"`
	Threads      int    `json:"threads"` // including the clients' chats
	Messages     int    `json:"messages"`
	Notes        int    `json:"notes"`
	Mentions     int    `json:"mentions"`
	Resolved     int    `json:"resolved"`
	Assigned     int    `json:"assigned"` // threads left with an assignee
	Announced    int    `json:"announced"`
	Tasks        int    `json:"tasks"`
	DoneTasks    int    `json:"doneTasks"`
	OverdueTasks int    `json:"overdueTasks"`
	Scheduled    int    `json:"scheduled"` // replies waiting to go
}

// Seed creates the demo salon in an empty store through the given services, which must all
// have been built with clock. History runs over the 60 days up to the clock's time when Seed
// starts; the same seed and start time give the same content.
func Seed(ctx context.Context, tm *team.Service, ib *inbox.Service, tk *tasks.Service, clock *Clock, seed int64) (Summary, error) {
	s := &seeder{ctx: ctx, tm: tm, ib: ib, tk: tk, clock: clock,
		r:   rand.New(rand.NewPCG(uint64(seed), 0x4d4c756d69657265)),
		end: clock.base.Now().Truncate(time.Minute), labels: map[string]string{}}
	defer clock.release()
	for _, step := range []func() error{s.seedTeam, s.seedClients, s.seedThreads, s.seedAnnouncements, s.seedTasks, s.seedScheduled} {
		if err := step(); err != nil {
			return s.sum, err
		}
	}
	return s.sum, nil
}

type seeder struct {
	ctx   context.Context
	tm    *team.Service
	ib    *inbox.Service
	tk    *tasks.Service
	clock *Clock
	r     *rand.Rand
	end   time.Time

	owner   model.Member
	members []model.Member // owner first
	brands  []model.Brand  // riverside, oldTown
	labels  map[string]string
	clients []seedClient
	todo    []todo // tasks the conversations left
	sum     Summary
}

type seedClient struct {
	cl    model.Client
	first []string // first names of the people who write (contacts for organisations)
	vip   bool
}

// at holds the services' clock at t.
func (s *seeder) at(t time.Time) { s.clock.hold(t) }

func (s *seeder) seedTeam() error {
	s.at(s.end.AddDate(0, 0, -(historyDays + 40)))
	ws, owner, err := s.tm.CreateWorkspace(s.ctx, team.NewWorkspace{Name: salonName, OwnerName: ownerName, FirstBrand: riverside})
	if err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	s.owner, s.members, s.brands = owner, []model.Member{owner}, ws.Brands
	ot, err := s.tm.AddBrand(s.ctx, owner.ID, oldTown)
	if err != nil {
		return err
	}
	s.brands = append(s.brands, ot)
	for _, st := range staff {
		var brands []string
		for _, b := range st.brands {
			brands = append(brands, s.brands[b].ID)
		}
		m, err := s.tm.AddMember(s.ctx, owner.ID, team.NewMember{Name: st.name, Role: st.role, Brands: brands})
		if err != nil {
			return fmt.Errorf("add %s: %w", st.name, err)
		}
		s.members = append(s.members, m)
	}
	for _, name := range labelNames {
		l, err := s.tm.AddLabel(s.ctx, owner.ID, name, "")
		if err != nil {
			return err
		}
		s.labels[name] = l.ID
	}
	for _, sn := range snippets {
		if _, err := s.tm.AddSnippet(s.ctx, owner.ID, sn[0], sn[1]); err != nil {
			return err
		}
	}
	s.sum.WorkspaceID, s.sum.OwnerID = ws.ID, owner.ID
	s.sum.Members, s.sum.Brands = len(s.members), len(s.brands)
	s.sum.Labels, s.sum.Snippets = len(labelNames), len(snippets)
	return nil
}

// seedClients creates the clients, spread over the month before the history starts, about
// three in five at Riverside.
func (s *seeder) seedClients() error {
	start := s.end.AddDate(0, 0, -(historyDays + 30))
	phones := s.r.Perm(1000)
	nextPhone := func() string {
		p := phones[0]
		phones = phones[1:]
		return fmt.Sprintf("%s%03d", phonePrefx, p)
	}
	used := map[string]bool{}
	var ins []inbox.NewClient
	for i := range demoClients {
		in, sc := s.makeClient(i, used, nextPhone)
		ins, s.clients = append(ins, in), append(s.clients, sc)
	}
	err := inBatches(len(ins), clientsPerWrite, func(from, to int) error {
		return s.ib.Batch(s.ctx, func(ib *inbox.Service) error {
			for i := from; i < to; i++ {
				s.at(start.Add(time.Duration(i) * 30 * 24 * time.Hour / demoClients))
				cl, err := ib.CreateClient(s.ctx, s.staffOf(ins[i].BrandID).ID, ins[i])
				if err != nil {
					return fmt.Errorf("create client %s: %w", ins[i].Name, err)
				}
				s.clients[i].cl = cl
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	s.sum.Clients = len(s.clients)
	s.sum.Threads = len(s.clients)
	return nil
}

// makeClient invents client i: a person, or now and then one of the organisations.
func (s *seeder) makeClient(i int, used map[string]bool, nextPhone func() string) (inbox.NewClient, seedClient) {
	brand := s.brands[0]
	if s.r.IntN(5) >= 3 {
		brand = s.brands[1]
	}
	in := inbox.NewClient{BrandID: brand.ID}
	sc := seedClient{}
	if i%37 == 5 && i/37 < len(organisations) {
		org := organisations[i/37]
		domain := ascii(strings.ReplaceAll(org.name, " ", "")) + ".example.com"
		in.Name, in.Organisation, in.Tags = org.name, true, org.tags
		for _, ct := range org.contacts {
			first, _, _ := strings.Cut(ct, " ")
			in.Contacts = append(in.Contacts, model.Contact{Name: ct, Phone: nextPhone(), Email: ascii(first) + "@" + domain})
			sc.first = append(sc.first, first)
		}
		in.Emails = []string{"hello@" + domain}
		return in, sc
	}
	first, last := pick(s.r, firstNames), pick(s.r, lastNames)
	for used[first+" "+last] {
		first, last = pick(s.r, firstNames), pick(s.r, lastNames)
	}
	used[first+" "+last] = true
	in.Name, sc.first = first+" "+last, []string{first}
	in.Phones = []string{nextPhone()}
	if s.r.IntN(3) > 0 {
		suffix := []string{"", "", "", fmt.Sprint(s.r.IntN(90) + 10)}[s.r.IntN(4)]
		in.Emails = []string{fmt.Sprintf("%s.%s%s@%s", ascii(first), ascii(last), suffix, pick(s.r, emailDomains))}
	}
	for range s.r.IntN(3) {
		if tag := pick(s.r, clientTags); !contains(in.Tags, tag) {
			in.Tags = append(in.Tags, tag)
		}
	}
	if s.r.IntN(100) < 7 {
		in.Tags, sc.vip = append(in.Tags, "vip"), true
	}
	return in, sc
}

// staffOf picks a member who works at the brand and may write (not the Viewer).
func (s *seeder) staffOf(brandID string, not ...string) model.Member {
	var pool []model.Member
	for _, m := range s.members {
		if m.Role != model.RoleViewer && m.CanAccessBrand(brandID) && !contains(not, m.ID) {
			pool = append(pool, m)
		}
	}
	// The Owner runs the business more than the floor: give her a smaller share of the work.
	if len(pool) > 2 && pool[0].ID == s.owner.ID && s.r.IntN(3) > 0 {
		pool = pool[1:]
	}
	return pick(s.r, pool)
}

func (s *seeder) member(name string) model.Member {
	for _, m := range s.members {
		if m.Name == name {
			return m
		}
	}
	return s.owner
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// ascii lower-cases a name for an email address, dropping accents and punctuation.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune("áàâä", r):
			b.WriteByte('a')
		case strings.ContainsRune("éèêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("íìîï", r):
			b.WriteByte('i')
		case strings.ContainsRune("óòôö", r):
			b.WriteByte('o')
		case strings.ContainsRune("úùûü", r):
			b.WriteByte('u')
		}
	}
	return b.String()
}
