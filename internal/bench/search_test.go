//go:build bench

package bench

import (
	"context"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

// searchQueries mix what a front desk types: a word being typed (short prefixes match many
// tokens), whole words that are common or rare in the generated lines, and two words that
// meet in few messages.
var searchQueries = []string{
	"ba", "bala", "balayage", "sat", "saturday morning", "fig sham", "gift card",
	"scarf bl", "appointment thursday", "colour darker", "lea", "zzz",
}

const searchReps = 100 // rounds of searchQueries (≥ 100 samples per query for p99)

// measureSearch times the search use case as member: searchReps rounds of every query, after
// one warm-up round.
func measureSearch(t *testing.T, ib *inbox.Service, member string) []time.Duration {
	ctx := context.Background()
	var all []time.Duration
	for i := range searchReps + 1 {
		for _, q := range searchQueries {
			t0 := time.Now()
			res, err := ib.Search(ctx, member, model.SearchQuery{Text: q})
			d := time.Since(t0)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				t.Logf("search %-22q %d clients, %d conversations, %.2f ms", q, len(res.Clients), len(res.Threads), ms(d))
				continue
			}
			all = append(all, d)
		}
	}
	t.Logf("search p50 %.3f ms  p99 %.3f ms", ms(percentile(all, 50)), ms(percentile(all, 99)))
	return all
}
