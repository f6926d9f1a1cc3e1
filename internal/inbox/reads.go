package inbox

import (
	"context"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/usecase"
)

// Threads returns one page of the actor's inbox view. The query runs as the actor, whatever
// q.Member says, so brand access always applies.
func (s *Service) Threads(ctx context.Context, actor string, q model.ThreadQuery) (model.ThreadPage, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return model.ThreadPage{}, err
	}
	q.Member = actor
	if q.View == "" {
		q.View = model.ViewAll
	}
	if !q.View.Valid() {
		return model.ThreadPage{}, model.Errorf(model.CodeInvalid, "Unknown inbox view %q.", q.View)
	}
	if q.Channel != "" && !q.Channel.Valid() {
		return model.ThreadPage{}, model.Errorf(model.CodeInvalid, "Unknown channel %q.", q.Channel)
	}
	page, err := s.store.Threads(q)
	return page, usecase.StoreErr(err)
}

// Thread returns one thread the actor can read.
func (s *Service) Thread(ctx context.Context, actor, threadID string) (model.Thread, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Thread{}, err
	}
	th, err := s.store.Thread(threadID)
	if err != nil || th.Deleted {
		return model.Thread{}, threadGone(err)
	}
	if !policy.CanReadThread(m, th) {
		return model.Thread{}, model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(th.BrandID))
	}
	return th, nil
}

// Messages returns the timeline of a thread the actor can read, oldest first.
func (s *Service) Messages(ctx context.Context, actor, threadID string) ([]model.Message, error) {
	if _, err := s.Thread(ctx, actor, threadID); err != nil {
		return nil, err
	}
	ms, err := s.store.Messages(threadID)
	return ms, usecase.StoreErr(err)
}

// Counts returns the size and unread count of each of the actor's inbox views.
func (s *Service) Counts(ctx context.Context, actor string) (map[model.View]model.Count, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return nil, err
	}
	c, err := s.store.Counts(actor)
	return c, usecase.StoreErr(err)
}

// BrandCounts returns the number of open threads of each brand the actor sees.
func (s *Service) BrandCounts(ctx context.Context, actor string) (map[string]int, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return nil, err
	}
	c, err := s.store.BrandCounts(actor)
	return c, usecase.StoreErr(err)
}

// ClientTags lists the tags of the clients the actor sees: what the inbox filters by.
func (s *Service) ClientTags(ctx context.Context, actor string) ([]string, error) {
	if _, _, err := usecase.Actor(s.store, actor); err != nil {
		return nil, err
	}
	tags, err := s.store.ClientTags(actor)
	if tags == nil {
		tags = []string{}
	}
	return tags, usecase.StoreErr(err)
}

// Clients returns one page of the clients the actor can see, by name.
func (s *Service) Clients(ctx context.Context, actor string, q model.ClientQuery) (model.ClientPage, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.ClientPage{}, err
	}
	if q.BrandID != "" && !m.CanAccessBrand(q.BrandID) {
		return model.ClientPage{}, model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(q.BrandID))
	}
	q.Member = actor
	page, err := s.store.Clients(q)
	return page, usecase.StoreErr(err)
}

// Client returns one client the actor can see.
func (s *Service) Client(ctx context.Context, actor, clientID string) (model.Client, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Client{}, err
	}
	cl, err := s.store.Client(clientID)
	if err != nil || cl.Deleted {
		return model.Client{}, clientGone(err)
	}
	if !m.CanAccessBrand(cl.BrandID) {
		return model.Client{}, model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(cl.BrandID))
	}
	return cl, nil
}

func threadGone(err error) error {
	if err == nil || model.CodeOf(err) == model.CodeNotFound {
		return errThreadGone
	}
	return usecase.StoreErr(err)
}
