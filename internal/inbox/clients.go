package inbox

import (
	"context"
	"slices"
	"strings"

	"huddle/internal/model"
	"huddle/internal/policy"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// NewClient is a client to create.
type NewClient struct {
	BrandID      string          `json:"brandId"`
	Name         string          `json:"name"`
	Organisation bool            `json:"organisation"` // a business with several contacts
	Contacts     []model.Contact `json:"contacts"`     // only for organisations; IDs are assigned
	Phones       []string        `json:"phones"`
	Emails       []string        `json:"emails"`
	Tags         []string        `json:"tags"`
}

// ClientPatch changes a client; nil fields stay as they are. Lists replace the old ones.
type ClientPatch struct {
	Name   *string   `json:"name"`
	Notes  *string   `json:"notes"`
	Bot    *bool     `json:"bot"`
	Phones *[]string `json:"phones"`
	Emails *[]string `json:"emails"`
	Tags   *[]string `json:"tags"`
}

// CreateClient creates a client and its chat thread in one write: every client has exactly
// one chat from the start, shared by all contacts of an organisation.
func (s *Service) CreateClient(ctx context.Context, actor string, in NewClient) (model.Client, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return model.Client{}, err
	}
	if err := canWriteBrand(ws, m, in.BrandID); err != nil {
		return model.Client{}, err
	}
	cl, err := cleanClient(in)
	if err != nil {
		return model.Client{}, err
	}
	now := s.clock.Now()
	cl.ID = model.NewDocID(model.DocClient, now)
	cl.ChatThreadID = model.NewDocID(model.DocThread, now)
	cl.CreatedAt = now.UnixMilli()
	for i := range cl.Contacts {
		if cl.Contacts[i].ID == "" {
			cl.Contacts[i].ID = "ct_" + model.NewULID(now)
		}
	}
	err = usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		cd, err := tx.Doc(cl.ID)
		if err != nil {
			return err
		}
		if err := cd.Client().Create(cl); err != nil {
			return err
		}
		td, err := tx.Doc(cl.ChatThreadID)
		if err != nil {
			return err
		}
		chat := model.Thread{BrandID: cl.BrandID, ClientID: cl.ID, ClientName: cl.Name,
			Channel: model.ChannelChat, ClientChat: true, CreatedAt: cl.CreatedAt}
		if err := td.Thread().Create(chat); err != nil {
			return err
		}
		return td.Thread().MarkRead(m.ID, cl.CreatedAt)
	})
	return cl, err
}

// UpdateClient changes a client. A new name is copied onto the client's threads in the same
// write, so list rows never show the old one.
func (s *Service) UpdateClient(ctx context.Context, actor, clientID string, p ClientPatch) error {
	_, m, cl, err := s.writableClient(actor, clientID)
	if err != nil {
		return err
	}
	var threads []string
	name := cl.Name
	if p.Name != nil {
		if name, err = model.CleanName(*p.Name, "client"); err != nil {
			return err
		}
		if name != cl.Name {
			if threads, err = s.clientThreads(m.ID, cl); err != nil {
				return err
			}
		}
	}
	lists := map[string][]string{} // validated before the write; diffed against the document in it
	for field, v := range map[string]*[]string{"phones": p.Phones, "emails": p.Emails, "tags": p.Tags} {
		if v == nil {
			continue
		}
		if lists[field], err = cleanList(field, *v); err != nil {
			return err
		}
	}
	now := s.clock.Now()
	return usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, err := tx.Doc(cl.ID)
		if err != nil {
			return err
		}
		c := d.Client()
		cur, err := c.Row()
		if err != nil {
			return err
		}
		if name != cur.Name {
			if err := c.SetName(name); err != nil {
				return err
			}
		}
		if p.Notes != nil {
			if err := c.SetNotes(strings.TrimSpace(*p.Notes)); err != nil {
				return err
			}
		}
		if p.Bot != nil {
			if err := c.SetBot(*p.Bot); err != nil {
				return err
			}
		}
		old := map[string][]string{"phones": cur.Phones, "emails": cur.Emails, "tags": cur.Tags}
		set := map[string]func(string, bool) error{"phones": c.SetPhone, "emails": c.SetEmail, "tags": c.SetTag}
		for field, want := range lists {
			if err := applySet(set[field], old[field], want); err != nil {
				return err
			}
		}
		for _, id := range threads {
			td, err := tx.Doc(id)
			if err != nil {
				return err
			}
			if err := td.Thread().SetClientName(name); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetContact adds or changes one contact of an organisation client. All contacts share the
// client's one chat.
func (s *Service) SetContact(ctx context.Context, actor, clientID string, ct model.Contact) (model.Contact, error) {
	_, _, cl, err := s.writableClient(actor, clientID)
	if err != nil {
		return ct, err
	}
	if !cl.Organisation {
		return ct, model.Errorf(model.CodeInvalid, "%s is a person, not an organisation, so it has no contacts.", cl.Name)
	}
	cs, err := cleanContacts([]model.Contact{ct})
	if err != nil {
		return ct, err
	}
	ct = cs[0]
	now := s.clock.Now()
	if ct.ID == "" {
		ct.ID = "ct_" + model.NewULID(now)
	}
	return ct, usecase.Update(ctx, s.store, now, func(tx ports.Tx) error {
		d, err := tx.Doc(cl.ID)
		if err != nil {
			return err
		}
		return d.Client().SetContact(ct)
	})
}

// DeleteClient soft-deletes a client together with its chat and every other thread of it:
// this is the only way a client's chat goes. Tasks linked to the client stay, as to-dos.
func (s *Service) DeleteClient(ctx context.Context, actor, clientID string) error {
	_, m, cl, err := s.writableClient(actor, clientID)
	if err != nil {
		return err
	}
	threads, err := s.clientThreads(m.ID, cl)
	if err != nil {
		return err
	}
	return usecase.Update(ctx, s.store, s.clock.Now(), func(tx ports.Tx) error {
		d, err := tx.Doc(cl.ID)
		if err != nil {
			return err
		}
		if err := d.Client().SetDeleted(true); err != nil {
			return err
		}
		for _, id := range threads {
			td, err := tx.Doc(id)
			if err != nil {
				return err
			}
			if err := td.Thread().SetDeleted(true); err != nil {
				return err
			}
		}
		return nil
	})
}

// writableClient reads a live client that actor may change.
func (s *Service) writableClient(actor, clientID string) (model.Workspace, model.Member, model.Client, error) {
	ws, m, err := usecase.Actor(s.store, actor)
	if err != nil {
		return ws, m, model.Client{}, err
	}
	cl, err := s.store.Client(clientID)
	if err != nil || cl.Deleted {
		return ws, m, cl, clientGone(err)
	}
	return ws, m, cl, canWriteBrand(ws, m, cl.BrandID)
}

func clientGone(err error) error {
	if err == nil || model.CodeOf(err) == model.CodeNotFound {
		return model.Errorf(model.CodeNotFound, "This client no longer exists.")
	}
	return usecase.StoreErr(err)
}

// canWriteBrand checks that m may create or change clients in a brand.
func canWriteBrand(ws model.Workspace, m model.Member, brandID string) error {
	if _, ok := ws.Brand(brandID); !ok {
		return model.Errorf(model.CodeNotFound, "That location no longer exists.")
	}
	if policy.CanWriteBrand(m, brandID) {
		return nil
	}
	if m.Role == model.RoleViewer {
		return model.Errorf(model.CodeForbidden, "Viewers can read conversations but cannot change them.")
	}
	return model.Errorf(model.CodeForbidden, "You cannot see clients of %s.", ws.BrandName(brandID))
}

// clientThreads lists the IDs of a client's live threads, its chat first. The read model has
// no client filter, so this walks the brand's open and resolved threads; it runs only when a
// client is renamed or deleted.
func (s *Service) clientThreads(member string, cl model.Client) ([]string, error) {
	ids := []string{cl.ChatThreadID}
	for _, v := range []model.View{model.ViewAll, model.ViewResolved} {
		q := model.ThreadQuery{Member: member, View: v, BrandID: cl.BrandID, Limit: pageSize}
		for {
			page, err := s.store.Threads(q)
			if err != nil {
				return nil, usecase.StoreErr(err)
			}
			for _, th := range page.Threads {
				if th.ClientID == cl.ID && !slices.Contains(ids, th.ID) {
					ids = append(ids, th.ID)
				}
			}
			if q.Cursor = page.Next; q.Cursor == "" || len(page.Threads) == 0 {
				break
			}
		}
	}
	return ids, nil
}

func applySet(set func(string, bool) error, old, want []string) error {
	for _, x := range old {
		if !slices.Contains(want, x) {
			if err := set(x, false); err != nil {
				return err
			}
		}
	}
	for _, x := range want {
		if !slices.Contains(old, x) {
			if err := set(x, true); err != nil {
				return err
			}
		}
	}
	return nil
}
