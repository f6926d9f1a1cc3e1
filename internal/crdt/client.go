package crdt

import (
	"fmt"
	"sort"

	"github.com/automerge/automerge-go"

	"huddle/internal/model"
)

// Client is the typed view of a client document.
//
// Root fields: type, v, id, brand, name, organisation, bot, notes, chatThread, createdAt,
// deleted; set maps phones, emails, tags; map contacts (ID → {name, phone, email}).
type Client struct{ d *Doc }

// Client returns the client view of d.
func (d *Doc) Client() Client { return Client{d} }

// Create writes a new client.
func (c Client) Create(cl model.Client) error {
	d := c.d
	if err := d.create("phones", "emails", "tags", "contacts"); err != nil {
		return err
	}
	root := d.am.RootMap()
	for k, v := range map[string]any{
		"id": d.id, "brand": cl.BrandID, "name": cl.Name, "organisation": cl.Organisation,
		"bot": cl.Bot, "notes": cl.Notes, "chatThread": cl.ChatThreadID,
		"createdAt": cl.CreatedAt, "deleted": false,
	} {
		if err := root.Set(k, v); err != nil {
			return fmt.Errorf("create client %s: %w", d.id, err)
		}
	}
	for name, xs := range map[string][]string{"phones": cl.Phones, "emails": cl.Emails, "tags": cl.Tags} {
		for _, x := range xs {
			if err := d.setMember(name, x, true); err != nil {
				return err
			}
		}
	}
	for _, ct := range cl.Contacts {
		if err := c.SetContact(ct); err != nil {
			return err
		}
	}
	return nil
}

// SetName renames the client.
func (c Client) SetName(name string) error { return c.d.setAt(name, "name") }

// SetNotes replaces the client's notes.
func (c Client) SetNotes(notes string) error { return c.d.setAt(notes, "notes") }

// SetBot switches the bot on or off for this client.
func (c Client) SetBot(on bool) error { return c.d.setAt(on, "bot") }

// SetTag adds or removes a tag.
func (c Client) SetTag(tag string, on bool) error { return c.d.setMember("tags", tag, on) }

// SetPhone adds or removes a phone number.
func (c Client) SetPhone(p string, on bool) error { return c.d.setMember("phones", p, on) }

// SetEmail adds or removes an email address.
func (c Client) SetEmail(e string, on bool) error { return c.d.setMember("emails", e, on) }

// SetDeleted soft-deletes or restores the client.
func (c Client) SetDeleted(on bool) error { return c.d.setAt(on, "deleted") }

// SetContact adds a contact of an organisation client or changes its fields. Fields are set
// one by one in the contact's existing map, so two devices editing different fields of one
// contact at once both keep their edit.
func (c Client) SetContact(ct model.Contact) error {
	f := map[string]any{"name": ct.Name, "phone": ct.Phone, "email": ct.Email}
	if err := c.d.putEntry("contacts", ct.ID, f); err != nil {
		return fmt.Errorf("set contact of %s: %w", c.d.id, err)
	}
	return nil
}

// Row projects the client.
func (c Client) Row() (model.Client, error) {
	root, err := c.d.root()
	if err != nil {
		return model.Client{}, err
	}
	cl := model.Client{
		ID: c.d.id, BrandID: str(root, "brand"), Name: str(root, "name"),
		Organisation: boolean(root, "organisation"), Bot: boolean(root, "bot"),
		Notes: str(root, "notes"), ChatThreadID: str(root, "chatThread"),
		CreatedAt: i64(root, "createdAt"), Deleted: boolean(root, "deleted"),
		Phones: setKeys(sub(root, "phones")), Emails: setKeys(sub(root, "emails")),
		Tags: setKeys(sub(root, "tags")),
	}
	for id, v := range sub(root, "contacts") {
		if v.Kind() != automerge.KindMap {
			continue
		}
		f, err := v.Map().Values()
		if err != nil {
			return model.Client{}, err
		}
		cl.Contacts = append(cl.Contacts, model.Contact{ID: id, Name: str(f, "name"),
			Phone: str(f, "phone"), Email: str(f, "email")})
	}
	sort.Slice(cl.Contacts, func(i, j int) bool { return cl.Contacts[i].ID < cl.Contacts[j].ID })
	return cl, nil
}
