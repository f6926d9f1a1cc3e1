package app

import (
	"context"

	"huddle/internal/inbox"
	"huddle/internal/model"
)

// InboxService serves the inbox views, their counts and actions on many threads.
type InboxService struct{ a *App }

// Page returns one page of an inbox view for the signed-in member.
func (s *InboxService) Page(q model.ThreadQuery) (model.ThreadPage, error) {
	return call(s.a, "inbox.page", func(ctx context.Context, actor string) (model.ThreadPage, error) {
		return s.a.Inbox.Threads(ctx, actor, q)
	})
}

// Counts returns the total and unread count of every view for the signed-in member.
func (s *InboxService) Counts() (map[model.View]model.Count, error) {
	return call(s.a, "inbox.counts", func(ctx context.Context, actor string) (map[model.View]model.Count, error) {
		return s.a.Inbox.Counts(ctx, actor)
	})
}

// BrandCounts returns the number of open threads of each location the signed-in member sees.
func (s *InboxService) BrandCounts() (map[string]int, error) {
	return call(s.a, "inbox.brandCounts", func(ctx context.Context, actor string) (map[string]int, error) {
		return s.a.Inbox.BrandCounts(ctx, actor)
	})
}

// ClientTags lists the client tags the signed-in member can filter the inbox by.
func (s *InboxService) ClientTags() ([]string, error) {
	return call(s.a, "inbox.clientTags", func(ctx context.Context, actor string) ([]string, error) {
		return s.a.Inbox.ClientTags(ctx, actor)
	})
}

// Search finds the clients and conversations the signed-in member can see whose words match
// text; limit is per group (0: the default).
func (s *InboxService) Search(text string, limit int) (model.SearchResult, error) {
	return call(s.a, "inbox.search", func(ctx context.Context, actor string) (model.SearchResult, error) {
		return s.a.Inbox.Search(ctx, actor, model.SearchQuery{Text: text, Limit: limit})
	})
}

// BulkAssign assigns many threads; threads the assignee cannot access are skipped.
func (s *InboxService) BulkAssign(threadIDs []string, assigneeID string) (inbox.BulkResult, error) {
	return call(s.a, "inbox.bulkAssign", func(ctx context.Context, actor string) (inbox.BulkResult, error) {
		return s.a.Inbox.BulkAssign(ctx, actor, threadIDs, assigneeID)
	})
}

// BulkUnassign takes the assignee off many threads; threads the member may not change are skipped.
func (s *InboxService) BulkUnassign(threadIDs []string) (inbox.BulkCount, error) {
	return call(s.a, "inbox.bulkUnassign", func(ctx context.Context, actor string) (inbox.BulkCount, error) {
		return s.a.Inbox.BulkUnassign(ctx, actor, threadIDs)
	})
}

// BulkAddLabel puts one label on many threads; threads the member may not change are skipped.
func (s *InboxService) BulkAddLabel(threadIDs []string, labelID string) (inbox.BulkCount, error) {
	return call(s.a, "inbox.bulkAddLabel", func(ctx context.Context, actor string) (inbox.BulkCount, error) {
		return s.a.Inbox.BulkAddLabel(ctx, actor, threadIDs, labelID)
	})
}

// BulkResolve resolves many threads; threads the member may not change are skipped.
func (s *InboxService) BulkResolve(threadIDs []string) (inbox.BulkCount, error) {
	return call(s.a, "inbox.bulkResolve", func(ctx context.Context, actor string) (inbox.BulkCount, error) {
		return s.a.Inbox.BulkResolve(ctx, actor, threadIDs)
	})
}

// Announce sends one announcement to all or selected clients' chats.
func (s *InboxService) Announce(in inbox.Announcement) (inbox.AnnounceResult, error) {
	return call(s.a, "inbox.announce", func(ctx context.Context, actor string) (inbox.AnnounceResult, error) {
		return s.a.Inbox.Announce(ctx, actor, in)
	})
}
