package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb/localdbtest"
)

// recorder is an Emitter that keeps what the UI would have received.
type recorder struct {
	mu     sync.Mutex
	events []Changed
}

func (r *recorder) Emit(name string, payload any) {
	if name != EventChanged {
		return
	}
	r.mu.Lock()
	r.events = append(r.events, payload.(Changed))
	r.mu.Unlock()
}

func (r *recorder) snapshot() []Changed {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Changed(nil), r.events...)
}

func newTestApp(t *testing.T) (*App, *recorder) {
	t.Helper()
	db := localdbtest.Open(t)
	clock := ports.SystemClock{}
	a, err := New(Deps{Store: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Team: team.New(db, clock), Inbox: inbox.New(db, clock), Tasks: tasks.New(db, clock)})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	a.Start(context.Background(), rec)
	t.Cleanup(func() { a.Shutdown(context.Background()) })
	return a, rec
}

func uiCode(t *testing.T, err error) model.Code {
	t.Helper()
	var ue *UIError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v is not a UIError", err)
	}
	var decoded UIError
	if jerr := json.Unmarshal([]byte(err.Error()), &decoded); jerr != nil || decoded.Message == "" {
		t.Fatalf("error text %q is not JSON with a message", err.Error())
	}
	return decoded.Code
}

func TestFirstRunThenClientChatNoteAssignResolveReopen(t *testing.T) {
	a, rec := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Status()
	if err != nil || st.Ready {
		t.Fatalf("fresh store: status %+v, %v", st, err)
	}
	if _, err := (&InboxService{a}).Counts(); uiCode(t, err) != model.CodeNoWorkspace {
		t.Fatalf("counts before set-up: %v", err)
	}
	st, err = ws.Create(team.NewWorkspace{Name: "Maison Lumière", OwnerName: "Maria Lopez", FirstBrand: "Downtown"})
	if err != nil || !st.Ready || st.Me.Role != model.RoleOwner {
		t.Fatalf("create: %+v, %v", st, err)
	}
	brand := st.Workspace.Brands[0].ID
	ana, err := ws.AddMember(team.NewMember{Name: "Ana Costa", Role: model.RoleAgent, Brands: []string{brand}})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := (&ClientService{a}).Create(inbox.NewClient{BrandID: brand, Name: "Chloé Martin", Phones: []string{"+33 6 12 34 56 78"}})
	if err != nil || cl.ChatThreadID == "" {
		t.Fatalf("client: %+v, %v", cl, err)
	}
	threads := &ThreadService{a}
	if _, err := threads.Note(cl.ChatThreadID, "@"+ana.Handle+" can you call her back?"); err != nil {
		t.Fatal(err)
	}
	if err := threads.Assign(cl.ChatThreadID, ana.ID); err != nil {
		t.Fatal(err)
	}
	if err := threads.Resolve(cl.ChatThreadID); err != nil {
		t.Fatal(err)
	}
	if _, err := threads.LogInbound(cl.ChatThreadID, "Is 3pm still free?"); err != nil {
		t.Fatal(err)
	}
	d, err := threads.Open(cl.ChatThreadID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Thread.Status != model.StatusOpen || d.Thread.AssigneeID != ana.ID || d.Client.Name != "Chloé Martin" {
		t.Fatalf("thread after reopen: %+v", d.Thread)
	}
	var kinds []model.Kind
	for _, m := range d.Messages {
		kinds = append(kinds, m.Kind)
	}
	if len(d.Messages) < 4 || d.Messages[0].Kind != model.KindNote {
		t.Fatalf("timeline kinds %v", kinds)
	}

	// The UI hears about it, batched.
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		for _, ev := range rec.snapshot() {
			for _, id := range ev.Threads {
				if id == cl.ChatThreadID {
					return
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no huddle:changed event named the thread; got %+v", rec.snapshot())
}

func TestForbiddenActionReachesUIWithCodeAndSentence(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Main"})
	if err != nil {
		t.Fatal(err)
	}
	viewer, err := ws.AddMember(team.NewMember{Name: "Victor", Role: model.RoleViewer, Brands: []string{st.Workspace.Brands[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.SwitchMember(viewer.ID); err != nil {
		t.Fatal(err)
	}
	_, err = (&ClientService{a}).Create(inbox.NewClient{BrandID: st.Workspace.Brands[0].ID, Name: "Someone"})
	if code := uiCode(t, err); code != model.CodeForbidden {
		t.Fatalf("viewer creating a client: code %q", code)
	}
}

func TestBurstOfChangesBecomesOneEvent(t *testing.T) {
	changes := make(chan model.Change)
	tick := make(chan time.Time)
	rec := &recorder{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); batchEvents(ctx, changes, rec, tick) }()

	for i := range 30 {
		changes <- model.Change{DocIDs: []string{fmt.Sprintf("cl_%02d", i), "ws"}, Remote: i == 7}
	}
	tick <- time.Now()
	tick <- time.Now()                                // nothing pending: no second event
	changes <- model.Change{DocIDs: []string{"th_1"}} // unbuffered: the loop finished both ticks
	cancel()
	<-done

	evs := rec.snapshot()
	if len(evs) != 1 {
		t.Fatalf("%d events for one burst: %+v", len(evs), evs)
	}
	if ev := evs[0]; len(ev.Clients) != 30 || !ev.Workspace || !ev.Remote || len(ev.Threads) != 0 {
		t.Fatalf("event %+v", ev)
	}
}

func TestParticipantFromAnotherBrandOpensThread(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Downtown"})
	if err != nil {
		t.Fatal(err)
	}
	uptown, err := ws.AddBrand("Uptown")
	if err != nil {
		t.Fatal(err)
	}
	ben, err := ws.AddMember(team.NewMember{Name: "Ben", Role: model.RoleAgent, Brands: []string{uptown.ID}})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := (&ClientService{a}).Create(inbox.NewClient{BrandID: st.Workspace.Brands[0].ID, Name: "Chloé"})
	if err != nil {
		t.Fatal(err)
	}
	threads := &ThreadService{a}
	if err := threads.SetParticipant(cl.ChatThreadID, ben.ID, model.AccessWrite); err != nil {
		t.Fatal(err)
	}
	if st, err = ws.SwitchMember(ben.ID); err != nil {
		t.Fatal(err)
	}
	if len(st.Workspace.Brands) != 1 || st.Workspace.Brands[0].ID != uptown.ID {
		t.Fatalf("Ben sees brands %+v; he belongs to Uptown only", st.Workspace.Brands)
	}
	d, err := threads.Open(cl.ChatThreadID)
	if err != nil {
		t.Fatalf("participant opening the thread: %v", err)
	}
	if d.Client.Name != "Chloé" || len(d.Client.Phones) != 0 {
		t.Fatalf("client shown to a participant: %+v", d.Client)
	}
	if _, err := (&ClientService{a}).Get(cl.ID); uiCode(t, err) != model.CodeForbidden {
		t.Fatalf("participant reading the client file: %v", err)
	}
}

func TestDeskAsksWhoIsThereWhenNobodyIsSignedIn(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Main"})
	if err != nil {
		t.Fatal(err)
	}
	// As if the device crashed between creating the workspace and signing its owner in.
	if err := a.Store.SetLocalSetting(SettingMember, ""); err != nil {
		t.Fatal(err)
	}
	a.session.member = ""
	got, err := ws.Status()
	if err != nil || got.Ready || !got.HasWorkspace || len(got.Teammates) != 1 || len(got.Workspace.Brands) != 0 {
		t.Fatalf("status with nobody signed in: %+v, %v", got, err)
	}
	if got, err = ws.SwitchMember(st.Me.ID); err != nil || !got.Ready {
		t.Fatalf("signing in: %+v, %v", got, err)
	}
}

func TestDeskSwitchesMemberAfterSignedInMemberIsDeactivated(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Main"})
	if err != nil {
		t.Fatal(err)
	}
	brand := []string{st.Workspace.Brands[0].ID}
	ana, _ := ws.AddMember(team.NewMember{Name: "Ana", Role: model.RoleAgent, Brands: brand})
	ben, _ := ws.AddMember(team.NewMember{Name: "Ben", Role: model.RoleAgent, Brands: brand})
	if _, err := ws.SwitchMember(ana.ID); err != nil {
		t.Fatal(err)
	}
	// Another device deactivates Ana while she is signed in here.
	if _, err := a.Team.Deactivate(context.Background(), st.Me.ID, ana.ID); err != nil {
		t.Fatal(err)
	}
	st, err = ws.Status()
	if err != nil || st.Ready || !st.HasWorkspace || len(st.Teammates) != 2 {
		t.Fatalf("status after deactivation: %+v, %v", st, err)
	}
	if st, err = ws.SwitchMember(ben.ID); err != nil || st.Me.ID != ben.ID {
		t.Fatalf("switch to Ben: %+v, %v", st.Me, err)
	}
	if _, err := ws.SwitchMember(ana.ID); uiCode(t, err) != model.CodeNotFound {
		t.Fatalf("switch to deactivated Ana: %v", err)
	}
}

func TestAppThatCouldNotOpenItsStoreSaysWhyOnEveryCall(t *testing.T) {
	a := NewFailed(model.Errorf(model.CodeLocked, "Huddle is already running with this data folder."), slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.Start(context.Background(), &recorder{})
	defer a.Shutdown(context.Background())
	if _, err := (&WorkspaceService{a}).Status(); uiCode(t, err) != model.CodeLocked {
		t.Fatalf("status: %v", err)
	}
	if _, err := (&InboxService{a}).Counts(); uiCode(t, err) != model.CodeLocked {
		t.Fatalf("counts: %v", err)
	}
	if !a.Failed() {
		t.Fatal("Failed() is false")
	}
}

func TestOpenThreadListsTheClientsOtherOpenTasks(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Downtown"})
	if err != nil {
		t.Fatal(err)
	}
	brand := st.Workspace.Brands[0].ID
	clients, threads, tks := &ClientService{a}, &ThreadService{a}, &TaskService{a}
	chloe, err := clients.Create(inbox.NewClient{BrandID: brand, Name: "Chloé"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := clients.Create(inbox.NewClient{BrandID: brand, Name: "Inès"})
	if err != nil {
		t.Fatal(err)
	}
	sms, err := threads.Start(chloe.ID, model.ChannelSMS, "Colour")
	if err != nil {
		t.Fatal(err)
	}
	create := func(title, threadID, clientID string) model.Task {
		t.Helper()
		tk, err := tks.Create(tasks.NewTask{Title: title, ThreadID: threadID, ClientID: clientID})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	here := create("Confirm Friday", chloe.ChatThreadID, "")
	onSMS := create("Send the colour chart", sms.ID, "")
	rebook := create("Call Chloé to rebook", "", chloe.ID)
	done := create("Old call-back", "", chloe.ID)
	if _, err := tks.SetDone(done.ID, true); err != nil {
		t.Fatal(err)
	}
	create("Call Inès", "", other.ID)

	d, err := threads.Open(chloe.ChatThreadID)
	if err != nil {
		t.Fatal(err)
	}
	if ids := taskIDs(d.Tasks); fmt.Sprint(ids) != fmt.Sprint([]string{here.ID}) {
		t.Fatalf("this thread's tasks %v, want only %q", ids, here.Title)
	}
	got := map[string]bool{}
	for _, tk := range d.ClientTasks {
		got[tk.ID] = true
	}
	if len(d.ClientTasks) != 2 || !got[onSMS.ID] || !got[rebook.ID] {
		t.Fatalf("client's other tasks %v, want the SMS thread's and the client's open one", taskIDs(d.ClientTasks))
	}
	for _, tk := range d.ClientTasks {
		if tk.ID == onSMS.ID && tk.ThreadID != sms.ID {
			t.Fatalf("the SMS task lost its thread link: %+v", tk)
		}
	}
}

func TestOpenThreadWithoutClientTasksSendsAnEmptyList(t *testing.T) {
	a, _ := newTestApp(t)
	st, err := (&WorkspaceService{a}).Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Downtown"})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := (&ClientService{a}).Create(inbox.NewClient{BrandID: st.Workspace.Brands[0].ID, Name: "Chloé"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := (&ThreadService{a}).Open(cl.ChatThreadID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(d)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || string(raw["clientTasks"]) != "[]" {
		t.Fatalf("clientTasks = %s (%v), want [] so the UI never sees null", raw["clientTasks"], err)
	}
}

func taskIDs(ts []model.Task) []string {
	ids := []string{}
	for _, tk := range ts {
		ids = append(ids, tk.ID)
	}
	return ids
}
