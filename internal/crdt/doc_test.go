package crdt

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"huddle/internal/model"
)

// Exists keeps the header it read; creating the document here, or merging a change from
// elsewhere, must still show in its answer.
func TestExistsFollowsCreationHereAndChangesMergedFromElsewhere(t *testing.T) {
	a, err := New("th_01EXISTS", NewActorID())
	must(t, err)
	if ok, err := a.Exists(); ok || err != nil {
		t.Fatalf("new document exists: %v %v", ok, err)
	}
	must(t, a.Thread().Create(model.Thread{BrandID: "br_1", Channel: model.ChannelSMS, CreatedAt: 1}))
	if ok, err := a.Exists(); !ok || err != nil {
		t.Fatalf("created document does not exist: %v %v", ok, err)
	}
	created, _, err := a.Commit(time.UnixMilli(1))
	must(t, err)

	// Another device receives it: not there, then there.
	b, err := New("th_01EXISTS", NewActorID())
	must(t, err)
	if ok, _ := b.Exists(); ok {
		t.Fatal("exists before the creating change arrived")
	}
	must(t, b.Apply(created))
	if ok, err := b.Exists(); !ok || err != nil {
		t.Fatalf("does not exist after the creating change: %v %v", ok, err)
	}

	// A newer Huddle on b raises the schema version: a refuses the document from then on.
	must(t, b.am.RootMap().Set("v", int64(SchemaVersion+1)))
	newer, _, err := b.Commit(time.UnixMilli(2))
	must(t, err)
	must(t, a.Apply(newer))
	if ok, err := a.Exists(); ok || err == nil {
		t.Fatalf("document of a newer schema version: exists %v, err %v", ok, err)
	}
}

// The messages a commit created are projected as AddMessage wrote them instead of being read
// back from the document; that must give exactly what reading them back gives, and stop as
// soon as the document changes them.
func TestMessagesOfTheLastCommitProjectAsIfReadBack(t *testing.T) {
	a, err := New("th_01FRESH", NewActorID())
	must(t, err)
	th := a.Thread()
	must(t, th.Create(model.Thread{BrandID: "br_1", Channel: model.ChannelSMS, CreatedAt: 1}))
	written := []model.Message{
		{ID: "m1", ThreadID: "elsewhere", Kind: model.KindNote, Direction: model.DirInternal, AuthorID: "mb_a",
			Body: "hi @ana, é ✓", Mentions: []string{"mb_ana", "mb_ben"}, CreatedAt: 10, Deleted: true},
		{ID: "m2", Kind: model.KindMessage, Direction: model.DirOutbound, Body: "file", Mentions: []string{},
			Attachments: []model.Attachment{{Name: "a.pdf", Type: "application/pdf", Size: 12}},
			CreatedAt:   11, Delivery: model.DeliveryQueued, Highlight: true},
		{ID: "m3", Kind: model.KindEvent, Direction: model.DirInternal, Event: model.EventAssigned, Subject: "mb_a",
			Attachments: []model.Attachment{}, CreatedAt: 12},
	}
	for _, m := range written {
		must(t, th.AddMessage(m))
	}
	change, _, err := a.Commit(time.UnixMilli(12))
	must(t, err)
	ids := []string{"m1", "m2", "m3"}
	fresh, err := th.Messages(ids...)
	must(t, err)
	b, err := Load("th_01FRESH", "", nil, [][]byte{change}) // nothing cached: read from the document
	must(t, err)
	stored, err := b.Thread().Messages(ids...)
	must(t, err)
	if !reflect.DeepEqual(fresh, stored) {
		t.Fatalf("projected from what was written:\n%#v\nread back:\n%#v", fresh, stored)
	}
	// A message a merged change may have touched is read back again.
	must(t, b.Thread().SetDelivery("m1", model.DeliveryFailed))
	fromB, _, err := b.Commit(time.UnixMilli(14))
	must(t, err)
	must(t, a.Apply(fromB))
	if got, _ := th.Messages("m1"); got[0].Delivery != model.DeliveryFailed {
		t.Fatalf("delivery after a merged change: %q", got[0].Delivery)
	}
	// So is one changed here.
	must(t, th.AddMessage(model.Message{ID: "m4", Kind: model.KindMessage, Body: "later", CreatedAt: 15}))
	_, _, err = a.Commit(time.UnixMilli(15))
	must(t, err)
	must(t, th.SetDelivery("m4", model.DeliverySent))
	if got, _ := th.Messages("m4"); got[0].Delivery != model.DeliverySent {
		t.Fatalf("delivery after SetDelivery: %q", got[0].Delivery)
	}
}

// Summary re-reads only the root keys written since it last projected the document; after
// any sequence of writes, commits and merged changes it must equal a projection of the whole
// root.
func TestSummaryFollowsEveryWriteAndMerge(t *testing.T) {
	a, err := New("th_01SUMMARY", NewActorID())
	must(t, err)
	must(t, a.Thread().Create(model.Thread{BrandID: "br_1", ClientID: "cl_1", ClientName: "Maria",
		Channel: model.ChannelSMS, Subject: "Hello", CreatedAt: 1}))
	first, _, err := a.Commit(time.UnixMilli(1))
	must(t, err)
	b, err := Load("th_01SUMMARY", NewActorID(), nil, [][]byte{first})
	must(t, err)
	r := rand.New(rand.NewPCG(3, 3))
	members := []string{"mb_a", "mb_b", "mb_c"}
	edits := []func(th Thread, ms int64) error{
		func(th Thread, _ int64) error {
			return th.SetStatus([]model.Status{model.StatusOpen, model.StatusResolved, "odd"}[r.IntN(3)])
		},
		func(th Thread, _ int64) error { return th.SetAssignee(members[r.IntN(3)]) },
		func(th Thread, ms int64) error { return th.SetClientName(fmt.Sprint("Maria ", ms)) },
		func(th Thread, _ int64) error { return th.SetDeleted(r.IntN(2) == 0) },
		func(th Thread, _ int64) error { return th.SetLabel(fmt.Sprint("lb_", r.IntN(3)), r.IntN(2) == 0) },
		func(th Thread, _ int64) error { return th.SetWatcher(members[r.IntN(3)], r.IntN(2) == 0) },
		func(th Thread, _ int64) error { return th.SetFollower(members[r.IntN(3)], r.IntN(2) == 0) },
		func(th Thread, _ int64) error {
			return th.SetParticipant(members[r.IntN(3)], []model.Access{model.AccessRead, model.AccessWrite}[r.IntN(2)])
		},
		func(th Thread, _ int64) error { return th.RemoveParticipant(members[r.IntN(3)]) },
		func(th Thread, ms int64) error { return th.AddMentioned(members[r.IntN(3)], ms) },
		func(th Thread, ms int64) error { return th.MarkRead(members[r.IntN(3)], ms-int64(r.IntN(20))) },
		func(th Thread, ms int64) error {
			return th.AddMessage(model.Message{ID: fmt.Sprint("m", ms), Kind: model.KindMessage, Body: "hi", CreatedAt: ms})
		},
	}
	check := func(d *Doc, step int) {
		t.Helper()
		got, err := d.Thread().Summary()
		must(t, err)
		want, err := d.Thread().summaryFromRoot()
		must(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: summary\n%+v\nprojected from the whole root\n%+v", step, got, want)
		}
		got.Labels = append(got.Labels, "changed by the caller")
		got.ReadBy["mb_z"] = 1
	}
	for step := range 400 {
		ms := int64(10 + step)
		d := a
		if r.IntN(3) == 0 {
			d = b
		}
		for range 1 + r.IntN(3) {
			must(t, edits[r.IntN(len(edits))](d.Thread(), ms))
			if r.IntN(2) == 0 {
				check(d, step)
			}
		}
		if r.IntN(2) == 0 {
			c, _, err := d.Commit(time.UnixMilli(ms))
			if err != nil && err != ErrNoChange {
				t.Fatal(err)
			}
			if err == nil && r.IntN(2) == 0 { // the other device merges it, maybe concurrently
				other := b
				if d == b {
					other = a
				}
				if _, _, err := other.Commit(time.UnixMilli(ms)); err != nil && err != ErrNoChange {
					t.Fatal(err)
				}
				must(t, other.Apply(c))
				check(other, step)
			}
		}
		check(d, step)
	}
}

func TestApplyAllInspectedMergesLikeOneChangeAtATime(t *testing.T) {
	a, err := New("th_01BATCH", NewActorID())
	must(t, err)
	th := a.Thread()
	must(t, th.Create(model.Thread{BrandID: "br_1", ClientID: "cl_1", CreatedAt: 5}))
	first, _, err := a.Commit(time.UnixMilli(5))
	must(t, err)
	var infos []ChangeInfo
	for i := range 5 {
		must(t, th.AddMessage(model.Message{ID: fmt.Sprint("m", i), Kind: model.KindNote, Direction: model.DirInternal,
			AuthorID: "mb_a", Body: fmt.Sprint("note ", i), CreatedAt: int64(10 + i)}))
		must(t, th.SetAssignee(fmt.Sprint("mb_", i)))
		c, _, err := a.Commit(time.UnixMilli(int64(10 + i)))
		must(t, err)
		info, err := Inspect(c)
		must(t, err)
		infos = append(infos, info)
	}
	one, err := Load("th_01BATCH", NewActorID(), nil, [][]byte{first})
	must(t, err)
	for _, info := range infos {
		must(t, one.ApplyInspected(info))
	}
	all, err := Load("th_01BATCH", NewActorID(), nil, [][]byte{first})
	must(t, err)
	must(t, all.ApplyAllInspected(infos))
	if !slices.Equal(all.Heads(), one.Heads()) || !slices.Equal(all.Heads(), a.Heads()) {
		t.Fatalf("heads %v, one by one %v, source %v", all.Heads(), one.Heads(), a.Heads())
	}
	sum, err := all.Thread().Summary()
	must(t, err)
	msgs, err := all.Thread().Messages()
	must(t, err)
	if sum.AssigneeID != "mb_4" || len(msgs) != 5 || msgs[4].Body != "note 4" {
		t.Fatalf("summary %+v, messages %+v", sum, msgs)
	}
	if err := all.ApplyAllInspected([]ChangeInfo{infos[0], {Hash: "00"}}); err == nil {
		t.Fatal("a change that was not inspected was accepted")
	}
}
