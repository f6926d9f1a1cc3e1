package inbox

import (
	"context"
	"unicode/utf8"

	"huddle/internal/model"
	"huddle/internal/usecase"
)

// Search finds the clients and conversations the actor can see whose words match q.Text. The
// query runs as the actor, whatever q.Member says, so the store applies the same access as
// the inbox and client lists: conversations the actor may read (their brands, or a thread
// they take part in or watch), clients of their brands only.
func (s *Service) Search(ctx context.Context, actor string, q model.SearchQuery) (model.SearchResult, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return model.SearchResult{}, err
	}
	if utf8.RuneCountInString(q.Text) > model.MaxSearchLength {
		return model.SearchResult{}, model.Errorf(model.CodeInvalid,
			"The search is too long; use a few words, under %d characters.", model.MaxSearchLength)
	}
	if q.Limit < 0 || q.Limit > model.MaxSearchLimit {
		return model.SearchResult{}, model.Errorf(model.CodeInvalid,
			"Ask for between 1 and %d results per group.", model.MaxSearchLimit)
	}
	q.Member = actor
	res, err := s.store.Search(q)
	return res, usecase.StoreErr(err)
}
