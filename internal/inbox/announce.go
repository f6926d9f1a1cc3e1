package inbox

import (
	"context"
	"fmt"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// Announcement is one message to many clients: "We are closed on Monday".
type Announcement struct {
	// ID names this announcement in every chat it lands in. The UI creates it once per compose
	// (a ULID) and sends it again on a retry, so a retry after a partial failure never gives a
	// client the same announcement twice. Empty: a fresh one for this call.
	ID        string   `json:"id"`
	BrandID   string   `json:"brandId"`   // "" for every brand the actor reaches
	ClientIDs []string `json:"clientIds"` // empty for every client of BrandID (or of every brand)
	Body      string   `json:"body"`
	Highlight bool     `json:"highlight"` // shown emphasised in the client's chat
}

// AnnounceResult says how many client chats received the announcement.
type AnnounceResult struct {
	Delivered int `json:"delivered"`
}

// Announce writes one announcement message (outbound, queued, optionally highlighted) into
// each chosen client's chat. Every chosen client must be one the actor may write to, or
// nothing is sent. An announcement is not a reply, so it does not reopen resolved chats: a
// closing-day notice must not flood everyone's open views. A chat this device does not have
// yet (still syncing) is skipped and not counted as delivered. Many clients are reached over
// several writes; if one fails, the chats before it have the announcement, the error says how
// many, and sending the same announcement (same ID) again reaches only the rest.
func (s *Service) Announce(ctx context.Context, actor string, a Announcement) (AnnounceResult, error) {
	var res AnnounceResult
	body, err := cleanBody(a.Body)
	if err != nil {
		return res, err
	}
	if a.ID != "" && !model.ValidULID(a.ID) {
		return res, model.Errorf(model.CodeInvalid, "This announcement has a malformed id; compose it again.")
	}
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return res, err
	}
	if a.BrandID != "" {
		if err := canWriteBrand(ws, m, a.BrandID); err != nil {
			return res, err
		}
	} else if m.Role == model.RoleViewer {
		return res, model.Errorf(model.CodeForbidden, "Viewers can read conversations but cannot change them.")
	}
	clients, err := s.announceTo(ws, m, a)
	if err != nil {
		return res, err
	}
	if len(clients) == 0 {
		return res, model.Errorf(model.CodeInvalid, "There are no clients to send this announcement to.")
	}
	now := s.clock.Now()
	id := a.ID
	if id == "" {
		id = model.NewULID(now)
	}
	delivered, err := usecase.InChunks(ctx, s.store, now, clients, func(tx ports.Tx, cl model.Client) (bool, error) {
		d, _, err := loadThread(tx, cl.ChatThreadID)
		if err == errThreadGone {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		// The same ID in every chat: a chat that already has it is left as it is.
		msg := model.Message{ID: id, ThreadID: cl.ChatThreadID,
			Kind: model.KindAnnouncement, Direction: model.DirOutbound, AuthorID: m.ID,
			Body: body, CreatedAt: now.UnixMilli(), Delivery: model.DeliveryQueued,
			Highlight: a.Highlight}
		if err := d.Thread().AddMessage(msg); err != nil {
			return false, err
		}
		return true, d.Thread().MarkRead(m.ID, now.UnixMilli())
	})
	for _, ok := range delivered {
		if ok {
			res.Delivered++
		}
	}
	if err != nil && res.Delivered > 0 {
		err = usecase.Partly(err, fmt.Sprintf("The announcement reached %d of %d clients before it stopped.", res.Delivered, len(clients)))
	}
	return res, err
}

// announceTo resolves the chosen clients: the listed ones, checked, or every client the actor
// may write to in the brand (or in every brand).
func (s *Service) announceTo(ws model.Workspace, m model.Member, a Announcement) ([]model.Client, error) {
	var out []model.Client
	if len(a.ClientIDs) > 0 {
		seen := map[string]bool{}
		for _, id := range a.ClientIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			cl, err := s.store.Client(id)
			if err != nil || cl.Deleted {
				return nil, clientGone(err)
			}
			if a.BrandID != "" && cl.BrandID != a.BrandID {
				return nil, model.Errorf(model.CodeInvalid, "%s is a client of %s, not of %s.", cl.Name, ws.BrandName(cl.BrandID), ws.BrandName(a.BrandID))
			}
			if err := canWriteBrand(ws, m, cl.BrandID); err != nil {
				return nil, err
			}
			out = append(out, cl)
		}
		return out, nil
	}
	q := model.ClientQuery{Member: m.ID, BrandID: a.BrandID, Limit: pageSize}
	seen := map[string]bool{}
	for {
		page, err := s.store.Clients(q)
		if err != nil {
			return nil, usecase.StoreErr(err)
		}
		for _, cl := range page.Clients {
			if !cl.Deleted && policy.CanWriteBrand(m, cl.BrandID) && cl.ChatThreadID != "" && !seen[cl.ID] {
				seen[cl.ID] = true
				out = append(out, cl)
			}
		}
		if q.Cursor = page.Next; q.Cursor == "" || len(page.Clients) == 0 {
			break
		}
	}
	return out, nil
}
