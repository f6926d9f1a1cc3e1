package inbox_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
)

func searchIDs(t *testing.T, f *fixture, actor, text string) (clients, threads []string) {
	t.Helper()
	res, err := f.in.Search(f.ctx, actor, model.SearchQuery{Text: text})
	f.must(err)
	clients, threads = []string{}, []string{}
	for _, c := range res.Clients {
		clients = append(clients, c.ID)
	}
	for _, h := range res.Threads {
		threads = append(threads, h.ThreadID)
	}
	return clients, threads
}

func TestSearchShowsOnlyWhatTheMemberCanSee(t *testing.T) {
	f := newFixture(t)
	down := f.client(f.downtown, "Maria Lopez")
	up := f.client(f.uptown, "Marta Diaz")
	downTh, err := f.in.StartThread(f.ctx, f.owner.ID, down.ID, model.ChannelSMS, "")
	f.must(err)
	upTh, err := f.in.StartThread(f.ctx, f.owner.ID, up.ID, model.ChannelSMS, "")
	f.must(err)
	_, err = f.in.RecordInbound(f.ctx, downTh.ID, "Can I book a balayage?", time.Time{})
	f.must(err)
	_, err = f.in.RecordInbound(f.ctx, upTh.ID, "Is balayage expensive?", time.Time{})
	f.must(err)

	for _, c := range []struct {
		who              string
		actor            string
		clients, threads []string
	}{
		{"owner", f.owner.ID, []string{down.ID, up.ID}, []string{upTh.ID, downTh.ID}},
		{"ana (Downtown)", f.ana.ID, []string{down.ID}, []string{downTh.ID}},
		{"ben (Uptown)", f.ben.ID, []string{up.ID}, []string{upTh.ID}},
	} {
		cl, _ := searchIDs(t, f, c.actor, "mar")
		_, th := searchIDs(t, f, c.actor, "balay")
		if !slices.Equal(cl, c.clients) || !slices.Equal(th, c.threads) {
			t.Errorf("%s: clients %v threads %v, want %v %v", c.who, cl, th, c.clients, c.threads)
		}
	}

	// Ana as a watcher of the Uptown thread sees it, but never Uptown's client file.
	f.must(f.in.SetWatcher(f.ctx, f.owner.ID, upTh.ID, f.ana.ID, true))
	if _, th := searchIDs(t, f, f.ana.ID, "balayage"); !slices.Equal(th, []string{upTh.ID, downTh.ID}) {
		t.Fatalf("ana as a watcher: %v", th)
	}
	if cl, _ := searchIDs(t, f, f.ana.ID, "marta"); len(cl) != 0 {
		t.Fatalf("ana sees Uptown's client: %v", cl)
	}
}

func TestSearchRefusesUnknownMembersAndOverlongQueries(t *testing.T) {
	f := newFixture(t)
	_, err := f.in.Search(f.ctx, "mb_nobody", model.SearchQuery{Text: "maria"})
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.Search(f.ctx, f.owner.ID, model.SearchQuery{Text: strings.Repeat("a", model.MaxSearchLength+1)})
	wantCode(t, err, model.CodeInvalid)
	_, err = f.in.Search(f.ctx, f.owner.ID, model.SearchQuery{Text: "maria", Limit: model.MaxSearchLimit + 1})
	wantCode(t, err, model.CodeInvalid)
	// The query runs as the actor whatever Member says.
	f.client(f.uptown, "Marta Diaz")
	res, err := f.in.Search(f.ctx, f.ana.ID, model.SearchQuery{Member: f.owner.ID, Text: "marta"})
	f.must(err)
	if len(res.Clients) != 0 {
		t.Fatalf("ana searched as the owner: %+v", res.Clients)
	}
}
