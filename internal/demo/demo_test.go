package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"huddle/internal/demo"
	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb/localdbtest"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var start = time.Date(2025, 10, 15, 17, 30, 0, 0, time.UTC)

type seeded struct {
	sum  demo.Summary
	team *team.Service
	in   *inbox.Service
	tk   *tasks.Service
}

func seed(t *testing.T, n int64) seeded {
	t.Helper()
	db := localdbtest.Open(t)
	clock := demo.NewClock(fixedClock{start})
	s := seeded{team: team.New(db, clock), in: inbox.New(db, clock), tk: tasks.New(db, clock)}
	began := time.Now()
	var err error
	s.sum, err = demo.Seed(context.Background(), s.team, s.in, s.tk, clock, n)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded in %v: %+v", time.Since(began).Round(time.Millisecond), s.sum)
	if got := clock.Now(); !got.Equal(start) {
		t.Fatalf("clock left at %v after seeding", got)
	}
	return s
}

// allThreads lists every thread the owner sees in a view.
func (s seeded) allThreads(t *testing.T, v model.View) []model.Thread {
	t.Helper()
	var out []model.Thread
	q := model.ThreadQuery{View: v, Limit: 500}
	for {
		page, err := s.in.Threads(context.Background(), s.sum.OwnerID, q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Threads...)
		if q.Cursor = page.Next; q.Cursor == "" {
			return out
		}
	}
}

func TestSeedBuildsBelievableSalon(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 1,500 threads")
	}
	s := seed(t, 1)
	ctx := context.Background()
	sum := s.sum
	if sum.Members != 6 || sum.Brands != 2 || sum.Clients != 300 || sum.Threads != 1500 || sum.Tasks != 120 {
		t.Fatalf("sizes: %+v", sum)
	}
	if sum.Notes == 0 || sum.Mentions == 0 || sum.Resolved == 0 || sum.Assigned == 0 || sum.OverdueTasks == 0 ||
		sum.DoneTasks == 0 || sum.Announced == 0 || sum.Scheduled == 0 {
		t.Fatalf("something is missing: %+v", sum)
	}

	ws, err := s.team.Workspace(ctx, sum.OwnerID)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[model.Role]int{}
	for _, m := range ws.Members {
		roles[m.Role]++
	}
	if roles[model.RoleOwner] != 1 || roles[model.RoleAdmin] != 1 || roles[model.RoleAgent] != 3 || roles[model.RoleViewer] != 1 {
		t.Fatalf("roles %v", roles)
	}
	if len(ws.Labels) < 4 || len(ws.Snippets) < 4 {
		t.Fatalf("labels %d, snippets %d", len(ws.Labels), len(ws.Snippets))
	}

	open, resolved := s.allThreads(t, model.ViewAll), s.allThreads(t, model.ViewResolved)
	if len(open)+len(resolved) != 1500 || len(resolved) != sum.Resolved {
		t.Fatalf("open %d + resolved %d, summary says %d resolved", len(open), len(resolved), sum.Resolved)
	}
	channels := map[model.Channel]int{}
	var oldest int64 = 1 << 62
	for _, th := range append(open, resolved...) {
		channels[th.Channel]++
		if th.LastActivityAt > 0 && th.LastActivityAt < oldest {
			oldest = th.LastActivityAt
		}
		if th.LastActivityAt > start.UnixMilli() {
			t.Fatalf("activity in the future: %+v", th)
		}
	}
	for _, c := range []model.Channel{model.ChannelChat, model.ChannelSMS, model.ChannelWhatsApp, model.ChannelInstagram, model.ChannelEmail, model.ChannelCall} {
		if channels[c] == 0 {
			t.Fatalf("no %s threads: %v", c, channels)
		}
	}
	if channels[model.ChannelChat] != 300 {
		t.Fatalf("%d chats for 300 clients", channels[model.ChannelChat])
	}
	if age := start.Sub(time.UnixMilli(oldest)); age < 40*24*time.Hour || age > 62*24*time.Hour {
		t.Fatalf("history reaches back %v, want about 60 days", age)
	}
	counts, err := s.in.Counts(ctx, sum.OwnerID)
	if err != nil {
		t.Fatal(err)
	}
	if counts[model.ViewUnassigned].Total == 0 || counts[model.ViewAll].Unread == 0 {
		t.Fatalf("counts %+v", counts)
	}

	overdue := 0
	q := model.TaskQuery{Limit: 500}
	page, err := s.tk.List(ctx, sum.OwnerID, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range page.Tasks {
		if tk.DueAt > 0 && tk.DueAt < start.UnixMilli() {
			overdue++
		}
	}
	if overdue != sum.OverdueTasks {
		t.Fatalf("%d overdue tasks listed, summary says %d", overdue, sum.OverdueTasks)
	}
}

func TestSeedIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 1,500 threads three times")
	}
	fingerprint := func(s seeded) []string {
		var out []string
		for _, v := range []model.View{model.ViewAll, model.ViewResolved} {
			for _, th := range s.allThreads(t, v) {
				out = append(out, string(v)+"|"+th.ClientName+"|"+string(th.Channel)+"|"+th.Subject+"|"+th.LastPreview+"|"+time.UnixMilli(th.LastActivityAt).String())
			}
		}
		slices.Sort(out)
		return out
	}
	a, b, c := fingerprint(seed(t, 7)), fingerprint(seed(t, 7)), fingerprint(seed(t, 8))
	if !slices.Equal(a, b) {
		t.Fatal("the same seed gave different data")
	}
	if slices.Equal(a, c) {
		t.Fatal("different seeds gave the same data")
	}
}
