package inbox_test

import (
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/localdb/localdbtest"
)

func TestCreatingClientCreatesItsChat(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	if cl.ChatThreadID == "" {
		t.Fatal("client has no chat")
	}
	chat := f.row(cl.ChatThreadID)
	if !chat.ClientChat || chat.Channel != model.ChannelChat || chat.ClientID != cl.ID ||
		chat.BrandID != f.downtown.ID || chat.ClientName != "Maria Lopez" || chat.Status != model.StatusOpen {
		t.Fatalf("chat: %+v", chat)
	}
	got, err := f.in.Client(f.ctx, f.ana.ID, cl.ID)
	f.must(err)
	if got.ChatThreadID != cl.ChatThreadID || got.Phones[0] != "+44 7700 900123" {
		t.Fatalf("client: %+v", got)
	}
}

func TestClientChatCannotBeDeletedOnItsOwn(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	wantCode(t, f.in.DeleteThread(f.ctx, f.owner.ID, cl.ChatThreadID), model.CodeInvalid)
	if f.row(cl.ChatThreadID).Deleted {
		t.Fatal("chat deleted")
	}
	// Other threads of the client can be deleted.
	th, err := f.in.StartThread(f.ctx, f.ana.ID, cl.ID, model.ChannelEmail, "Booking")
	f.must(err)
	f.must(f.in.DeleteThread(f.ctx, f.ana.ID, th.ID))
	_, err = f.in.Thread(f.ctx, f.owner.ID, th.ID)
	wantCode(t, err, model.CodeNotFound)
}

func TestResolvingClientChatIsAllowed(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	f.must(f.in.Resolve(f.ctx, f.ana.ID, cl.ChatThreadID))
	if f.row(cl.ChatThreadID).Status != model.StatusResolved {
		t.Fatal("chat not resolved")
	}
}

func TestClientChatGoesWhenClientIsDeleted(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	other, err := f.in.StartThread(f.ctx, f.ana.ID, cl.ID, model.ChannelWhatsApp, "")
	f.must(err)
	f.must(f.in.Resolve(f.ctx, f.ana.ID, other.ID)) // resolved threads go too
	keep := f.client(f.downtown, "Kim Park")

	f.must(f.in.DeleteClient(f.ctx, f.ana.ID, cl.ID))
	f.wantClientGone(cl, other.ID)
	if f.row(keep.ChatThreadID).Deleted {
		t.Fatal("another client's chat went too")
	}
	page, err := f.in.Clients(f.ctx, f.owner.ID, model.ClientQuery{})
	f.must(err)
	if len(page.Clients) != 1 || page.Clients[0].ID != keep.ID {
		t.Fatalf("clients after delete: %+v", page.Clients)
	}
}

func TestOrganisationContactsShareOneChat(t *testing.T) {
	f := newFixture(t)
	cl, err := f.in.CreateClient(f.ctx, f.ana.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Bloom Bridal Co.",
		Organisation: true, Contacts: []model.Contact{
			{Name: "Harriet Lane", Email: "harriet@bloom.example.com"},
			{Name: "Sophie Grant", Phone: "+44 7700 900456"},
		}})
	f.must(err)
	_, err = f.in.SetContact(f.ctx, f.ana.ID, cl.ID, model.Contact{Name: "Mia Osei"})
	f.must(err)
	got, err := f.in.Client(f.ctx, f.ana.ID, cl.ID)
	f.must(err)
	if len(got.Contacts) != 3 || got.ChatThreadID != cl.ChatThreadID {
		t.Fatalf("client: %+v", got)
	}
	// The client's one chat is the only chat: a second one is refused.
	_, err = f.in.StartThread(f.ctx, f.ana.ID, cl.ID, model.ChannelChat, "")
	wantCode(t, err, model.CodeInvalid)
	page, err := f.in.Threads(f.ctx, f.ana.ID, model.ThreadQuery{View: model.ViewAll, Channel: model.ChannelChat})
	f.must(err)
	if len(page.Threads) != 1 || page.Threads[0].ID != cl.ChatThreadID {
		t.Fatalf("chats: %+v", page.Threads)
	}
}

func TestOnlyOrganisationsHaveContacts(t *testing.T) {
	f := newFixture(t)
	_, err := f.in.CreateClient(f.ctx, f.ana.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Maria Lopez",
		Contacts: []model.Contact{{Name: "Someone"}}})
	wantCode(t, err, model.CodeInvalid)
}

func TestClientInputIsValidated(t *testing.T) {
	f := newFixture(t)
	for name, in := range map[string]inbox.NewClient{
		"no name":       {BrandID: f.downtown.ID},
		"bad phone":     {BrandID: f.downtown.ID, Name: "A", Phones: []string{"call me"}},
		"bad email":     {BrandID: f.downtown.ID, Name: "A", Emails: []string{"maria at home"}},
		"no such brand": {BrandID: "br_nope", Name: "A"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.in.CreateClient(f.ctx, f.owner.ID, in)
			if err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestAgentWorksOnlyInTheirBrands(t *testing.T) {
	f := newFixture(t)
	_, err := f.in.CreateClient(f.ctx, f.ben.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Maria Lopez"})
	wantCode(t, err, model.CodeForbidden)
	cl := f.client(f.downtown, "Maria Lopez")
	_, err = f.in.Client(f.ctx, f.ben.ID, cl.ID)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.Thread(f.ctx, f.ben.ID, cl.ChatThreadID)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.Messages(f.ctx, f.ben.ID, cl.ChatThreadID)
	wantCode(t, err, model.CodeForbidden)
	_, err = f.in.Clients(f.ctx, f.ben.ID, model.ClientQuery{BrandID: f.downtown.ID})
	wantCode(t, err, model.CodeForbidden)
	if f.inView(f.ben.ID, model.ViewAll, cl.ChatThreadID) {
		t.Fatal("Ben sees a Downtown thread")
	}
}

func TestRenamingClientRenamesItsThreads(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")
	th, err := f.in.StartThread(f.ctx, f.ana.ID, cl.ID, model.ChannelSMS, "")
	f.must(err)
	name, tags := "Maria López-Grant", []string{"VIP", " vip", "Colour"}
	f.must(f.in.UpdateClient(f.ctx, f.ana.ID, cl.ID, inbox.ClientPatch{Name: &name, Tags: &tags}))
	for _, id := range []string{cl.ChatThreadID, th.ID} {
		if got := f.row(id).ClientName; got != name {
			t.Fatalf("thread %s shows %q", id, got)
		}
	}
	got, err := f.in.Client(f.ctx, f.ana.ID, cl.ID)
	f.must(err)
	if got.Name != name || len(got.Tags) != 2 || got.Tags[0] != "colour" || got.Tags[1] != "vip" {
		t.Fatalf("client: %+v", got)
	}
}

func TestChangingClientWhoseChatHasNotSyncedWritesNoThread(t *testing.T) {
	f := newFixture(t)
	cl := f.client(f.downtown, "Maria Lopez")

	// A second device that has the workspace and the client, but not yet the client's chat.
	other := localdbtest.Open(t)
	entries, err := f.db.Outbox(0, 0)
	f.must(err)
	for _, e := range entries {
		if e.DocID != cl.ChatThreadID {
			f.must(other.Apply(f.ctx, e.DocID, e.Change))
		}
	}
	in := inbox.New(other, f.clock)
	name := "Maria López-Grant"
	f.must(in.UpdateClient(f.ctx, f.ana.ID, cl.ID, inbox.ClientPatch{Name: &name}))
	f.must(in.DeleteClient(f.ctx, f.ana.ID, cl.ID))

	if ids, err := other.DocIDs("th_"); err != nil || len(ids) != 0 {
		t.Fatalf("thread documents written on the device without the chat: %v %v", ids, err)
	}
	if heads, err := other.Heads(cl.ChatThreadID); err != nil || len(heads) != 0 {
		t.Fatalf("the missing chat gained changes: %v %v", heads, err)
	}
	got, err := other.Client(cl.ID)
	f.must(err)
	if !got.Deleted || got.Name != name {
		t.Fatalf("client on the second device: %+v", got)
	}
}
