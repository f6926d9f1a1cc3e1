package crdt

import (
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
