package crdt

import (
	"reflect"
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
			CreatedAt: 11, Delivery: model.DeliveryQueued, Highlight: true},
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
