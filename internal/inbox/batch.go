package inbox

import (
	"context"

	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Batch runs fn with a copy of the service whose writes all join one store write; see
// usecase.Batch for what that keeps and what fn must do with errors.
func (s *Service) Batch(ctx context.Context, fn func(b *Service) error) error {
	return usecase.Batch(ctx, s.store, s.clock.Now(), func(joined ports.Store) error {
		return fn(&Service{store: joined, clock: s.clock})
	})
}
