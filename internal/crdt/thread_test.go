package crdt

import (
	"slices"
	"testing"
	"time"

	"huddle/internal/model"
)

func TestThreadRoundTripsThroughChangeBytes(t *testing.T) {
	a, err := New("th_01TEST", NewActorID())
	if err != nil {
		t.Fatal(err)
	}
	th := a.Thread()
	if err := th.Create(model.Thread{BrandID: "br_1", ClientID: "cl_1", ClientName: "Maria", Channel: model.ChannelChat, ClientChat: true, CreatedAt: 5}); err != nil {
		t.Fatal(err)
	}
	must(t, th.SetLabel("lb_vip", true))
	must(t, th.AddMessage(model.Message{ID: "m1", Kind: model.KindNote, Direction: model.DirInternal, AuthorID: "mb_a", Body: "hi @ana", Mentions: []string{"mb_ana"}, CreatedAt: 10}))
	c1, touched, err := a.Commit(time.UnixMilli(10))
	if err != nil || len(touched) != 1 {
		t.Fatalf("commit: %v %v", err, touched)
	}
	if _, _, err := a.Commit(time.UnixMilli(11)); err != ErrNoChange {
		t.Fatalf("empty commit: %v", err)
	}
	must(t, th.SetAssignee("mb_ana"))
	must(t, th.SetStatus(model.StatusResolved))
	c2, _, err := a.Commit(time.UnixMilli(12))
	must(t, err)

	b, err := Load("th_01TEST", NewActorID(), nil, [][]byte{c1, c2})
	must(t, err)
	must(t, b.Apply(c2)) // duplicate: no effect
	sum, err := b.Thread().Summary()
	must(t, err)
	if sum.AssigneeID != "mb_ana" || sum.Status != model.StatusResolved || len(sum.Labels) != 1 || !sum.ClientChat || sum.ClientName != "Maria" {
		t.Fatalf("summary: %+v", sum)
	}
	msgs, err := b.Thread().Messages()
	must(t, err)
	if len(msgs) != 1 || msgs[0].Body != "hi @ana" || msgs[0].Mentions[0] != "mb_ana" || msgs[0].Kind != model.KindNote {
		t.Fatalf("messages: %+v", msgs)
	}
	if ok, err := b.Exists(); !ok || err != nil {
		t.Fatalf("exists: %v %v", ok, err)
	}
	if got, want := b.Heads(), a.Heads(); len(got) != 1 || got[0] != want[0] {
		t.Fatalf("heads %v != %v", got, want)
	}
	info, err := Inspect(c2)
	must(t, err)
	if !b.Has(info.Hash) || len(info.Deps) != 1 || info.Seq != 2 {
		t.Fatalf("inspect: %+v", info)
	}
	if err := b.Apply([]byte("garbage")); err == nil {
		t.Fatal("garbage accepted")
	}
	if err := b.ApplyInspected(ChangeInfo{Hash: info.Hash}); err == nil {
		t.Fatal("a change description that Inspect did not make was applied")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A thread change names the messages it wrote, so a store that merges it re-reads those
// alone; a change that does not say (from elsewhere, or of another document type) says so.
func TestThreadChangesNameTheMessagesTheyWrote(t *testing.T) {
	a, err := New("th_01TOUCHED", NewActorID())
	must(t, err)
	th := a.Thread()
	must(t, th.Create(model.Thread{BrandID: "br_1", Channel: model.ChannelSMS, CreatedAt: 1}))
	created, _, err := a.Commit(time.UnixMilli(1))
	must(t, err)
	must(t, th.AddMessage(model.Message{ID: "m2", Kind: model.KindNote, CreatedAt: 2}))
	must(t, th.AddMessage(model.Message{ID: "m1", Kind: model.KindMessage, CreatedAt: 3}))
	two, _, err := a.Commit(time.UnixMilli(3))
	must(t, err)
	must(t, th.SetDelivery("m2", model.DeliveryFailed))
	must(t, th.SetAssignee("mb_ana"))
	one, _, err := a.Commit(time.UnixMilli(4))
	must(t, err)
	must(t, th.SetStatus(model.StatusResolved))
	none, _, err := a.Commit(time.UnixMilli(5))
	must(t, err)
	for _, tc := range []struct {
		name   string
		change []byte
		want   []string
	}{{"create", created, nil}, {"two messages", two, []string{"m1", "m2"}}, {"delivery", one, []string{"m2"}}, {"status", none, nil}} {
		info, err := Inspect(tc.change)
		must(t, err)
		if !info.TouchedKnown || !slices.Equal(info.Touched, tc.want) {
			t.Errorf("%s: touched %v (known %v), want %v", tc.name, info.Touched, info.TouchedKnown, tc.want)
		}
	}

	// Written without the list (as by another Automerge program): nothing is known.
	must(t, th.SetStatus(model.StatusOpen))
	h, err := a.am.Commit("reopened")
	must(t, err)
	c, err := a.am.Change(h)
	must(t, err)
	if info, err := Inspect(c.Save()); err != nil || info.TouchedKnown {
		t.Errorf("a change with another message: %+v, %v", info, err)
	}
	if ids, ok := decodeTouched(touchedPrefix + "m1,,m2"); ok {
		t.Errorf("an empty ID read as %v", ids)
	}
	if msg := encodeTouched([]string{"a,b"}); msg != "" {
		t.Errorf("an ID with the separator encoded as %q", msg)
	}

	// Other documents carry no list: they are projected whole.
	task, err := New("tk_01TOUCHED", NewActorID())
	must(t, err)
	must(t, task.Task().Create(model.Task{BrandID: "br_1", Title: "call back"}))
	tc, _, err := task.Commit(time.UnixMilli(1))
	must(t, err)
	if info, err := Inspect(tc); err != nil || info.TouchedKnown {
		t.Errorf("task change: %+v, %v", info, err)
	}
}
