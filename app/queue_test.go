package app

import (
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/team"
)

func TestQueueReachesTheOwnerAndRefusesAnAgent(t *testing.T) {
	a, _ := newTestApp(t)
	ws := &WorkspaceService{a}
	st, err := ws.Create(team.NewWorkspace{Name: "Studio", OwnerName: "Olivia", FirstBrand: "Main"})
	if err != nil {
		t.Fatal(err)
	}
	brand := st.Workspace.Brands[0].ID
	ana, err := ws.AddMember(team.NewMember{Name: "Ana Costa", Role: model.RoleAgent, Brands: []string{brand}})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := (&ClientService{a}).Create(inbox.NewClient{BrandID: brand, Name: "Chloé Martin"})
	if err != nil {
		t.Fatal(err)
	}
	if err := (&ThreadService{a}).Assign(cl.ChatThreadID, ana.ID); err != nil {
		t.Fatal(err)
	}
	q, err := (&QueueService{a}).Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Members) != 2 || q.Members[0].MemberID != ana.ID || q.Members[0].Open != 1 ||
		len(q.Brands) != 1 || q.Brands[0].Open != 1 || q.Unassigned.Total != 0 {
		t.Fatalf("queue %+v", q)
	}
	if _, err := ws.SwitchMember(ana.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := (&QueueService{a}).Load(); uiCode(t, err) != model.CodeForbidden {
		t.Fatalf("an Agent's queue: %v", err)
	}
}
