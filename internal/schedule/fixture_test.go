package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/notify"
	"huddle/internal/ports"
	"huddle/internal/schedule"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/localdb/localdbtest"
)

// fixture: a salon with Downtown and Uptown; olga (Owner), adam (Admin), ana and ben (Agents,
// Downtown), vic (Viewer, Downtown), uma (Agent, Uptown). Maria Lopez (Downtown) wrote on an
// SMS thread; Tom Reed (Uptown) has one too. The "laptop" device holds the workspace; more
// devices are replicas of it (their own store, synced by copying outbox entries). Writes are
// stamped by a clock that steps a second per reading from 9:00 on a Monday; runner passes are
// at times the tests name, and the clock is set to that time first.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	clock  *ports.StepClock
	claims *claimBoard
	*device
	team                           *team.Service
	notify                         *notify.Service
	downtown, uptown               model.Brand
	olga, adam, ana, ben, vic, uma model.Member
	thread, upThread               model.Thread
}

var start = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// device is one Huddle: its store, its use cases and its runner, with the device ID its claims
// carry. sender counts the sends its runner asked for.
type device struct {
	name   string
	db     *localdb.DB
	in     *inbox.Service
	svc    *schedule.Service
	runner *schedule.Runner
	sender *countingSender
	synced map[string]uint64 // outbox sequence copied to each other device
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), clock: &ports.StepClock{T: start}, claims: newClaimBoard()}
	f.device = f.newDevice("laptop", localdbtest.Open(t))
	f.team, f.notify = team.New(f.db, f.clock), notify.New(f.db, f.clock)
	ws, olga, err := f.team.CreateWorkspace(f.ctx, team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	f.must(err)
	f.olga, f.downtown = olga, ws.Brands[0]
	f.uptown, err = f.team.AddBrand(f.ctx, olga.ID, "Uptown")
	f.must(err)
	f.adam = f.member("Adam Admin", model.RoleAdmin, f.downtown.ID, f.uptown.ID)
	f.ana = f.member("Ana Silva", model.RoleAgent, f.downtown.ID)
	f.ben = f.member("Ben Okafor", model.RoleAgent, f.downtown.ID)
	f.vic = f.member("Vic Viewer", model.RoleViewer, f.downtown.ID)
	f.uma = f.member("Uma Patel", model.RoleAgent, f.uptown.ID)
	f.thread = f.clientThread(f.downtown, "Maria Lopez", "Can I move Friday to 3pm?")
	f.upThread = f.clientThread(f.uptown, "Tom Reed", "Is the beard trim still on?")
	return f
}

func (f *fixture) member(name string, role model.Role, brands ...string) model.Member {
	f.t.Helper()
	m, err := f.team.AddMember(f.ctx, f.olga.ID, team.NewMember{Name: name, Role: role, Brands: brands})
	f.must(err)
	return m
}

// clientThread starts an SMS thread with a new client of brand, who wrote first.
func (f *fixture) clientThread(brand model.Brand, name, wrote string) model.Thread {
	f.t.Helper()
	cl, err := f.in.CreateClient(f.ctx, f.olga.ID, inbox.NewClient{BrandID: brand.ID, Name: name})
	f.must(err)
	th, err := f.in.StartThread(f.ctx, f.olga.ID, cl.ID, model.ChannelSMS, "")
	f.must(err)
	_, err = f.in.RecordInbound(f.ctx, th.ID, wrote, time.Time{})
	f.must(err)
	return f.row(th.ID)
}

func (f *fixture) newDevice(name string, db *localdb.DB) *device {
	in := inbox.New(db, f.clock)
	d := &device{name: name, db: db, in: in, sender: &countingSender{in: in}, synced: map[string]uint64{}}
	d.svc = schedule.New(db, in, f.claims.of(name), name)
	d.runner = d.restart(f)
	return d
}

// restart is the device's runner as a fresh start of the app makes it: it remembers nothing.
func (d *device) restart(f *fixture) *schedule.Runner {
	d.runner = schedule.NewRunner(d.db, d.sender, f.claims.of(d.name), d.name, f.clock, slog.New(slog.DiscardHandler))
	return d.runner
}

// replica is another device of the workspace with everything the laptop has so far.
func (f *fixture) replica(name string) *device {
	f.t.Helper()
	d := f.newDevice(name, localdbtest.Open(f.t))
	f.sync(f.device, d)
	return d
}

// sync copies what from wrote since the last sync to to, as the relay would.
func (f *fixture) sync(from, to *device) {
	f.t.Helper()
	entries, err := from.db.Outbox(from.synced[to.name], 0)
	f.must(err)
	for _, e := range entries {
		f.must(to.db.Apply(f.ctx, e.DocID, e.Change))
		from.synced[to.name] = e.Seq
	}
}

// tick runs one pass of d's runner at at, the clock set there so that what it writes is
// stamped then, and returns when it wants the next pass.
func (f *fixture) tick(d *device, at time.Time) time.Time {
	f.t.Helper()
	f.clock.T = at
	next, err := d.runner.Tick(f.ctx, at)
	f.must(err)
	return next
}

// after returns the time d after the clock's.
func (f *fixture) after(d time.Duration) time.Time { return f.clock.T.Add(d) }

// schedule writes a reply by actor on th, due at sendAt, on the laptop.
func (f *fixture) schedule(actor model.Member, th model.Thread, body string, sendAt time.Time) model.Message {
	f.t.Helper()
	m, err := f.svc.Schedule(f.ctx, actor.ID, th.ID, body, sendAt)
	f.must(err)
	return m
}

// row reads a thread's read model from the laptop.
func (f *fixture) row(id string) model.Thread {
	f.t.Helper()
	th, err := f.db.Thread(id)
	f.must(err)
	return th
}

// stored returns the one stored row of message id on d: a message that moved must not leave
// its old row behind.
func (f *fixture) stored(d *device, threadID, id string) model.Message {
	f.t.Helper()
	ms, err := d.db.Messages(threadID)
	f.must(err)
	var out []model.Message
	for _, m := range ms {
		if m.ID == id {
			out = append(out, m)
		}
	}
	if len(out) != 1 {
		f.t.Fatalf("%s holds %d rows of message %s: %+v", d.name, len(out), id, out)
	}
	return out[0]
}

// listed returns the IDs of the scheduled replies actor's list shows on the laptop.
func (f *fixture) listed(actor model.Member) []string {
	f.t.Helper()
	rs, err := f.svc.List(actor.ID)
	f.must(err)
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Message.ID)
	}
	return out
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// wantRefused checks that err is a model error of code whose sentence says want.
func wantRefused(t *testing.T, err error, code model.Code, want string) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("want a %s error, got %v", code, err)
	}
	if !strings.Contains(e.Message, want) {
		t.Fatalf("the sentence %q does not say %q", e.Message, want)
	}
}

// claimBoard stands in for the relay's bucket of claims (sync/claims has the real one): the
// first claim on a message holds for every device. A device can be cut off from it.
type claimBoard struct {
	mu      sync.Mutex
	held    map[string]schedule.Claim
	asked   map[string]int // Claim calls per message that reached the board
	offline map[string]bool
}

func newClaimBoard() *claimBoard {
	return &claimBoard{held: map[string]schedule.Claim{}, asked: map[string]int{}, offline: map[string]bool{}}
}

// of is the board as device sees it.
func (b *claimBoard) of(device string) schedule.Claims { return deviceClaims{b, device} }

func (b *claimBoard) setOffline(device string, off bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.offline[device] = off
}

// hold records a claim some device made.
func (b *claimBoard) hold(c schedule.Claim) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held[c.MessageID] = c
}

func (b *claimBoard) holder(id string) (schedule.Claim, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c, ok := b.held[id]
	return c, ok
}

func (b *claimBoard) timesAsked(id string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.asked[id]
}

type deviceClaims struct {
	b      *claimBoard
	device string
}

var errNoRelay = fmt.Errorf("nats: no servers available for connection: %w", schedule.ErrUnreachable)

func (c deviceClaims) Claim(_ context.Context, id string, a schedule.Action) (schedule.Claim, error) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	if c.b.offline[c.device] {
		return schedule.Claim{}, errNoRelay
	}
	c.b.asked[id]++
	if h, ok := c.b.held[id]; ok {
		return h, nil
	}
	// The time of a claim only shows in sentences; the tests do not depend on it.
	h := schedule.Claim{MessageID: id, Device: c.device, Action: a, At: start.UnixMilli()}
	c.b.held[id] = h
	return h, nil
}

func (c deviceClaims) Holder(_ context.Context, id string) (schedule.Claim, bool, error) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	if c.b.offline[c.device] {
		return schedule.Claim{}, false, errNoRelay
	}
	h, ok := c.b.held[id]
	return h, ok, nil
}

// countingSender is the inbox's SendScheduled, counting the calls a runner makes. Before each
// it runs between (another device's pass, say); while fail is set it fails without writing,
// as a device that crashes between its claim and its write.
type countingSender struct {
	in      *inbox.Service
	mu      sync.Mutex
	calls   []string
	between func(messageID string)
	fail    error
}

func (s *countingSender) SendScheduled(ctx context.Context, threadID, messageID string) (model.Message, error) {
	s.mu.Lock()
	s.calls = append(s.calls, messageID)
	between, fail := s.between, s.fail
	s.mu.Unlock()
	if between != nil {
		between(messageID)
	}
	if fail != nil {
		return model.Message{}, fail
	}
	return s.in.SendScheduled(ctx, threadID, messageID)
}

// sends returns how many times the runner asked to send id.
func (s *countingSender) sends(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		if c == id {
			n++
		}
	}
	return n
}
