package inbox

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"huddle/internal/crdt"
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

// UpdateClient changes a client. A new name is copied onto the client's threads, found inside
// the write so that a thread started meanwhile is renamed too, and list rows never show the
// old name for long. A client with many threads is renamed over several writes, threads first
// and the client last: if Huddle stops part-way, saving the same name again finishes it.
func (s *Service) UpdateClient(ctx context.Context, actor, clientID string, p ClientPatch) error {
	_, m, cl, err := s.writableClient(actor, clientID)
	if err != nil {
		return err
	}
	var name string
	if p.Name != nil {
		if name, err = model.CleanName(*p.Name, "client"); err != nil {
			return err
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
	renamed, err := usecase.Drain(ctx, s.store, s.clock.Now(), func(tx ports.Tx, limit int) (int, error) {
		d, cur, err := loadClient(tx, cl.ID)
		if err != nil {
			return 0, err
		}
		c, n := d.Client(), 0
		if p.Name != nil && name != cur.Name {
			if n, err = s.eachClientThread(tx, m.ID, cl.ID, limit,
				func(th model.Thread) bool { return th.ClientName != name },
				func(t crdt.Thread) error { return t.SetClientName(name) }); err != nil || n == limit {
				return n, err
			}
			if err := c.SetName(name); err != nil {
				return 0, err
			}
		}
		if p.Notes != nil {
			if err := c.SetNotes(strings.TrimSpace(*p.Notes)); err != nil {
				return 0, err
			}
		}
		if p.Bot != nil {
			if err := c.SetBot(*p.Bot); err != nil {
				return 0, err
			}
		}
		old := map[string][]string{"phones": cur.Phones, "emails": cur.Emails, "tags": cur.Tags}
		set := map[string]func(string, bool) error{"phones": c.SetPhone, "emails": c.SetEmail, "tags": c.SetTag}
		for field, want := range lists {
			if err := applySet(set[field], old[field], want); err != nil {
				return 0, err
			}
		}
		return n, nil
	})
	if err != nil && renamed > 0 {
		err = usecase.Partly(err, fmt.Sprintf("%d of %s's conversations show the new name already; save again to finish.", renamed, cl.Name))
	}
	return err
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
		d, _, err := loadClient(tx, cl.ID)
		if err != nil {
			return err
		}
		return d.Client().SetContact(ct)
	})
}

// DeleteClient soft-deletes a client together with its chat and every other thread of it:
// this is the only way a client's chat goes. Tasks linked to the client stay, as to-dos. The
// threads are found inside the write, so one started meanwhile goes too, and only threads
// this device has are touched: a chat that has not synced here yet is left to the device that
// has it. A client with many threads is deleted over several writes, threads first and the
// client last: if Huddle stops part-way the client is still there, and deleting it again
// finishes the work.
func (s *Service) DeleteClient(ctx context.Context, actor, clientID string) error {
	_, m, cl, err := s.writableClient(actor, clientID)
	if err != nil {
		return err
	}
	deleted, err := usecase.Drain(ctx, s.store, s.clock.Now(), func(tx ports.Tx, limit int) (int, error) {
		d, _, err := loadClient(tx, cl.ID)
		if err != nil {
			return 0, err
		}
		n, err := s.eachClientThread(tx, m.ID, cl.ID, limit,
			func(model.Thread) bool { return true }, // deleted threads are neither listed nor loaded
			func(t crdt.Thread) error { return t.SetDeleted(true) })
		if err != nil || n == limit {
			return n, err
		}
		return n, d.Client().SetDeleted(true)
	})
	if err != nil && deleted > 0 {
		err = usecase.Partly(err, fmt.Sprintf("%d of %s's conversations were deleted, but %s is still there; delete the client again to finish.", deleted, cl.Name, cl.Name))
	}
	return err
}

// loadClient opens a live (created, not deleted) client inside a write.
func loadClient(tx ports.Tx, id string) (*crdt.Doc, model.Client, error) {
	if model.TypeOf(id) != model.DocClient {
		return nil, model.Client{}, clientGone(nil)
	}
	d, err := tx.Doc(id)
	if err != nil {
		return nil, model.Client{}, err
	}
	if ok, err := d.Exists(); err != nil || !ok {
		return nil, model.Client{}, clientGone(err)
	}
	cl, err := d.Client().Row()
	if err != nil {
		return nil, cl, err
	}
	if cl.Deleted {
		return nil, cl, clientGone(nil)
	}
	return d, cl, nil
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

// eachClientThread applies a change to each live thread of a client that still needs it, as
// the read models list them now (brand access as member's), until it changed limit of them,
// and returns how many it changed. pending says whether a thread needs the change; it is asked
// of the list row, so that threads already done are not even loaded, and again of the
// document, since inside a Batch the rows do not show the batch's own writes yet. Threads this
// device does not have (a chat still syncing) are not listed, so never touched.
func (s *Service) eachClientThread(tx ports.Tx, member, clientID string, limit int, pending func(model.Thread) bool, apply func(crdt.Thread) error) (int, error) {
	n := 0
	for _, v := range []model.View{model.ViewAll, model.ViewResolved} {
		q := model.ThreadQuery{Member: member, View: v, ClientID: clientID}
		changed, err := usecase.Walk(limit-n, usecase.ThreadPages(s.store, q), func(row model.Thread) (bool, error) {
			if !pending(row) {
				return false, nil
			}
			d, th, err := loadThread(tx, row.ID)
			if err == errThreadGone || (err == nil && !pending(th)) {
				return false, nil // done by this write already; the read models do not show it yet
			}
			if err != nil {
				return false, err
			}
			return true, apply(d.Thread())
		})
		if n += changed; err != nil || n == limit {
			return n, err
		}
	}
	return n, nil
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
