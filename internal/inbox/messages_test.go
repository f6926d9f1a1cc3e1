package inbox_test

import (
	"slices"
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

func TestNotesAreNeverOutbound(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	note, err := f.in.AddNote(f.ctx, f.ana.ID, th.ID, "She prefers mornings.")
	f.must(err)
	for _, m := range []model.Message{note, f.messages(th.ID)[len(f.messages(th.ID))-1]} {
		if m.Kind != model.KindNote || m.Direction != model.DirInternal || m.Delivery != model.DeliveryNone {
			t.Fatalf("note: %+v", m)
		}
	}
	// A delivery report cannot turn a note into something sent.
	f.must(f.in.RecordDelivery(f.ctx, th.ID, []string{note.ID}, model.DeliverySent))
	ms := f.messages(th.ID)
	if got := ms[len(ms)-1]; got.ID != note.ID || got.Delivery != model.DeliveryNone {
		t.Fatalf("note after delivery report: %+v", got)
	}
}

func TestMentionPutsThreadInMentionedView(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	note, err := f.in.AddNote(f.ctx, f.admin.ID, th.ID, "@ANA can you call her back? cc @vic. Not @ben, not anna@example.com")
	f.must(err)
	if want := []string{f.ana.ID, f.vic.ID}; !slices.Equal(note.Mentions, want) {
		t.Fatalf("mentions %v, want %v (Ben cannot read Downtown)", note.Mentions, want)
	}
	if !f.inView(f.ana.ID, model.ViewMentioned, th.ID) || !f.inView(f.vic.ID, model.ViewMentioned, th.ID) {
		t.Fatal("thread not in the Mentioned view of those mentioned")
	}
	if f.inView(f.admin.ID, model.ViewMentioned, th.ID) {
		t.Fatal("thread in the author's Mentioned view")
	}
	row := f.row(th.ID)
	if row.AssigneeID != "" {
		t.Fatal("a mention assigned the thread")
	}
	if !slices.Contains(f.messages(th.ID)[len(f.messages(th.ID))-1].Mentions, f.ana.ID) {
		t.Fatal("mention not stored on the note")
	}
}

func TestMentionsMatchHandlesCaseInsensitively(t *testing.T) {
	ws := model.Workspace{Members: []model.Member{
		{ID: "a", Handle: "ana", Active: true},
		{ID: "b", Handle: "ben.o", Active: true},
		{ID: "g", Handle: "gus", Active: false},
	}}
	all := func(model.Member) bool { return true }
	for _, tc := range []struct {
		body string
		want []string
	}{
		{"@ana", []string{"a"}},
		{"@Ana and @ANA again", []string{"a"}},
		{"thanks @ana.", []string{"a"}},
		{"@ben.o, please", []string{"b"}},
		{"(@ana)", []string{"a"}},
		{"mail ana@salon.com", []string{}},
		{"@anastasia", []string{}},
		{"@gus is away", []string{}}, // deactivated
		{"@ben.o @ana", []string{"b", "a"}},
	} {
		if got := inbox.Mentions(ws, tc.body, all); !slices.Equal(got, tc.want) {
			t.Errorf("Mentions(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

func TestRepliesAreQueuedForDelivery(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	msg, err := f.in.Reply(f.ctx, f.ana.ID, th.ID, "See you at 3!")
	f.must(err)
	if msg.Delivery != model.DeliveryQueued || msg.AuthorID != f.ana.ID {
		t.Fatalf("reply: %+v", msg)
	}
	f.must(f.in.RecordDelivery(f.ctx, th.ID, []string{msg.ID}, model.DeliverySent))
	ms := f.messages(th.ID)
	if got := ms[len(ms)-1]; got.Delivery != model.DeliverySent {
		t.Fatalf("after delivery: %+v", got)
	}
	_, err = f.in.Reply(f.ctx, f.ana.ID, th.ID, "   ")
	wantCode(t, err, model.CodeInvalid)
}

func TestAnnouncementLandsInEachChosenClientsChat(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.client(f.downtown, "Amy"), f.client(f.downtown, "Bea"), f.client(f.downtown, "Cat")
	res, err := f.in.Announce(f.ctx, f.ana.ID, inbox.Announcement{ClientIDs: []string{a.ID, c.ID, a.ID}, Body: "Closed Monday."})
	f.must(err)
	if res.Delivered != 2 {
		t.Fatalf("delivered %d", res.Delivered)
	}
	for _, cl := range []model.Client{a, c} {
		ms := f.messages(cl.ChatThreadID)
		if len(ms) != 1 || ms[0].Kind != model.KindAnnouncement || ms[0].Direction != model.DirOutbound ||
			ms[0].Delivery != model.DeliveryQueued || ms[0].Body != "Closed Monday." || ms[0].Highlight {
			t.Fatalf("%s's chat: %+v", cl.Name, ms)
		}
	}
	if len(f.messages(b.ChatThreadID)) != 0 {
		t.Fatal("announcement reached a client who was not chosen")
	}
	// A client the actor cannot write to stops the whole announcement.
	up := f.client(f.uptown, "Dee")
	_, err = f.in.Announce(f.ctx, f.ana.ID, inbox.Announcement{ClientIDs: []string{a.ID, up.ID}, Body: "x"})
	wantCode(t, err, model.CodeForbidden)
	if len(f.messages(a.ChatThreadID)) != 1 {
		t.Fatal("a refused announcement was partly sent")
	}
}

func TestAnnouncementToAllClients(t *testing.T) {
	f := newFixture(t)
	down := []model.Client{f.client(f.downtown, "Amy"), f.client(f.downtown, "Bea")}
	up := f.client(f.uptown, "Cat")
	res, err := f.in.Announce(f.ctx, f.ana.ID, inbox.Announcement{Body: "New prices from May."})
	f.must(err)
	if res.Delivered != 2 || len(f.messages(up.ChatThreadID)) != 0 {
		t.Fatalf("Ana (Downtown only) reached %d chats", res.Delivered)
	}
	for _, cl := range down {
		if len(f.messages(cl.ChatThreadID)) != 1 {
			t.Fatalf("%s missed it", cl.Name)
		}
	}
	res, err = f.in.Announce(f.ctx, f.owner.ID, inbox.Announcement{BrandID: f.uptown.ID, Body: "Uptown opens late."})
	f.must(err)
	if res.Delivered != 1 || len(f.messages(up.ChatThreadID)) != 1 {
		t.Fatalf("brand announcement reached %d", res.Delivered)
	}
	res, err = f.in.Announce(f.ctx, f.owner.ID, inbox.Announcement{Body: "Happy holidays!"})
	f.must(err)
	if res.Delivered != 3 {
		t.Fatalf("owner reached %d of 3", res.Delivered)
	}
}

func TestHighlightedAnnouncement(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Amy")
	_, err := f.in.Announce(f.ctx, f.ana.ID, inbox.Announcement{BrandID: f.downtown.ID, Body: "Closed today!", Highlight: true})
	f.must(err)
	if ms := f.messages(cl.ChatThreadID); len(ms) != 1 || !ms[0].Highlight {
		t.Fatalf("chat: %+v", ms)
	}
}

func TestAnnouncementDoesNotReopenResolvedChats(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Amy")
	f.must(f.in.Resolve(f.ctx, f.ana.ID, cl.ChatThreadID))
	_, err := f.in.Announce(f.ctx, f.ana.ID, inbox.Announcement{Body: "Closed Monday."})
	f.must(err)
	if f.row(cl.ChatThreadID).Status != model.StatusResolved {
		t.Fatal("announcement reopened a resolved chat")
	}
}
