package inbox_test

import (
	"testing"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

func TestBatchKeepsNothingWhenAUseCaseFails(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	before := len(f.messages(th.ID))
	err := f.in.Batch(f.ctx, func(b *inbox.Service) error {
		if _, err := b.Reply(f.ctx, f.ana.ID, th.ID, "See you at 3"); err != nil {
			return err
		}
		if _, err := b.CreateClient(f.ctx, f.ana.ID, inbox.NewClient{BrandID: f.downtown.ID, Name: "Kim Park"}); err != nil {
			return err
		}
		_, err := b.Reply(f.ctx, f.ben.ID, th.ID, "Ben cannot write here") // rules still apply
		return err
	})
	wantCode(t, err, model.CodeForbidden)
	if n := len(f.messages(th.ID)); n != before {
		t.Fatalf("%d messages after a failed batch, want %d", n, before)
	}
	page, err := f.in.Clients(f.ctx, f.owner.ID, model.ClientQuery{Prefix: "Kim"})
	f.must(err)
	if len(page.Clients) != 0 {
		t.Fatal("a failed batch kept a client")
	}
}

func TestBatchCommitsEveryUseCaseTogether(t *testing.T) {
	f := newFixture(t)
	th := f.thread(f.downtown)
	f.must(f.in.Batch(f.ctx, func(b *inbox.Service) error {
		if err := b.Assign(f.ctx, f.ana.ID, th.ID, f.ana.ID); err != nil {
			return err
		}
		if _, err := b.Reply(f.ctx, f.ana.ID, th.ID, "Booked!"); err != nil {
			return err
		}
		return b.Resolve(f.ctx, f.ana.ID, th.ID)
	}))
	row := f.row(th.ID)
	if row.AssigneeID != f.ana.ID || row.Status != model.StatusResolved || row.LastPreview != "Booked!" {
		t.Fatalf("after batch: %+v", row)
	}
}
