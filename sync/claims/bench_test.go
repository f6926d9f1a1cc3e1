package claims_test

import (
	"context"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/schedule"
	"huddle/sync/synctest"
)

// BenchmarkClaim is what deciding who sends a scheduled reply costs: one key-value create on
// a local relay with file storage, the bucket already open.
func BenchmarkClaim(b *testing.B) {
	r := synctest.StartRelay(b, "ws")
	d := connect(b, r, "desk")
	ctx := context.Background()
	if _, err := d.Claim(ctx, model.NewULID(time.Now()), schedule.ActionSend); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, b.N)
	for i := range ids {
		ids[i] = model.NewULID(time.Now())
	}
	b.ResetTimer()
	for _, id := range ids {
		if _, err := d.Claim(ctx, id, schedule.ActionSend); err != nil {
			b.Fatal(err)
		}
	}
}
