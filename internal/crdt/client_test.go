package crdt

import (
	"testing"
	"time"

	"huddle/internal/model"
)

func TestConcurrentEditsOfDifferentContactFieldsBothSurvive(t *testing.T) {
	ct := model.Contact{ID: "ct_1", Name: "Jo Park", Phone: "+44 7700 900001", Email: "jo@example.com"}
	a, err := New("cl_01TEST", NewActorID())
	must(t, err)
	must(t, a.Client().Create(model.Client{BrandID: "br_1", Name: "Park & Co", Organisation: true,
		ChatThreadID: "th_01TEST", Contacts: []model.Contact{ct}}))
	base, _, err := a.Commit(time.UnixMilli(1))
	must(t, err)
	b, err := Load("cl_01TEST", NewActorID(), nil, [][]byte{base})
	must(t, err)

	// Each device saves the whole contact form with one field changed.
	onA, onB := ct, ct
	onA.Phone = "+44 7700 900002"
	onB.Email = "jo.park@example.com"
	must(t, a.Client().SetContact(onA))
	must(t, b.Client().SetContact(onB))
	exchange(t, a, b)

	want := model.Contact{ID: "ct_1", Name: "Jo Park", Phone: onA.Phone, Email: onB.Email}
	for name, d := range map[string]*Doc{"a": a, "b": b} {
		cl, err := d.Client().Row()
		must(t, err)
		if len(cl.Contacts) != 1 || cl.Contacts[0] != want {
			t.Fatalf("%s after merge: %+v, want %+v", name, cl.Contacts, want)
		}
	}
}

func TestConcurrentEditsOfDifferentMemberFieldsBothSurvive(t *testing.T) {
	m := model.Member{ID: "mb_1", Name: "Ana", Handle: "ana", Role: model.RoleAgent, Brands: []string{"br_1"}, Active: true}
	a, err := New(model.WorkspaceDocID, NewActorID())
	must(t, err)
	must(t, a.Workspace().Create("Salon", 1))
	must(t, a.Workspace().PutMember(m))
	base, _, err := a.Commit(time.UnixMilli(1))
	must(t, err)
	b, err := Load(model.WorkspaceDocID, NewActorID(), nil, [][]byte{base})
	must(t, err)

	onA, onB := m, m
	onA.Name = "Ana Silva"
	onB.Role = model.RoleAdmin
	must(t, a.Workspace().PutMember(onA))
	must(t, b.Workspace().PutMember(onB))
	exchange(t, a, b)
	for name, d := range map[string]*Doc{"a": a, "b": b} {
		ws, err := d.Workspace().Row()
		must(t, err)
		got, _ := ws.Member("mb_1")
		if got.Name != "Ana Silva" || got.Role != model.RoleAdmin {
			t.Fatalf("%s after merge: %+v", name, got)
		}
	}
}

// exchange commits what each document wrote and merges it into the other, as two devices
// that edited at the same time do once they sync.
func exchange(t *testing.T, a, b *Doc) {
	t.Helper()
	ca, _, err := a.Commit(time.UnixMilli(2))
	must(t, err)
	cb, _, err := b.Commit(time.UnixMilli(2))
	must(t, err)
	must(t, a.Apply(cb))
	must(t, b.Apply(ca))
}
