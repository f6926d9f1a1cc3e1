package app

import (
	"context"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

// ClientService serves the client directory.
type ClientService struct{ a *App }

// Create adds a client; its chat thread is created with it.
func (s *ClientService) Create(in inbox.NewClient) (model.Client, error) {
	return call(s.a, "client.create", func(ctx context.Context, actor string) (model.Client, error) {
		return s.a.Inbox.CreateClient(ctx, actor, in)
	})
}

// Update changes a client's details.
func (s *ClientService) Update(clientID string, p inbox.ClientPatch) error {
	return do(s.a, "client.update", func(ctx context.Context, actor string) error {
		return s.a.Inbox.UpdateClient(ctx, actor, clientID, p)
	})
}

// Delete removes a client together with its chat and threads.
func (s *ClientService) Delete(clientID string) error {
	return do(s.a, "client.delete", func(ctx context.Context, actor string) error {
		return s.a.Inbox.DeleteClient(ctx, actor, clientID)
	})
}

// Get returns one client.
func (s *ClientService) Get(clientID string) (model.Client, error) {
	return call(s.a, "client.get", func(ctx context.Context, actor string) (model.Client, error) {
		return s.a.Inbox.Client(ctx, actor, clientID)
	})
}

// List returns a page of clients by name.
func (s *ClientService) List(q model.ClientQuery) (model.ClientPage, error) {
	return call(s.a, "client.list", func(ctx context.Context, actor string) (model.ClientPage, error) {
		return s.a.Inbox.Clients(ctx, actor, q)
	})
}
