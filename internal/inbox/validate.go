package inbox

import (
	"regexp"
	"slices"
	"strings"

	"huddle/internal/model"
)

var (
	phoneRe = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{4,24}$`)
	emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// cleanBody checks a message body: not empty, not absurdly long. Line breaks are kept.
func cleanBody(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", model.Errorf(model.CodeInvalid, "Write something before sending.")
	}
	if len(s) > maxBody {
		return "", model.Errorf(model.CodeInvalid, "This message is too long; split it into shorter ones.")
	}
	return s, nil
}

// cleanClient checks and normalises a new client.
func cleanClient(in NewClient) (model.Client, error) {
	name, err := model.CleanName(in.Name, "client")
	if err != nil {
		return model.Client{}, err
	}
	if len(in.Contacts) > 0 && !in.Organisation {
		return model.Client{}, model.Errorf(model.CodeInvalid, "Only an organisation has contacts; mark %s as an organisation or remove the contacts.", name)
	}
	cl := model.Client{BrandID: in.BrandID, Name: name, Organisation: in.Organisation}
	if cl.Contacts, err = cleanContacts(in.Contacts); err != nil {
		return cl, err
	}
	if cl.Phones, err = cleanList("phones", in.Phones); err != nil {
		return cl, err
	}
	if cl.Emails, err = cleanList("emails", in.Emails); err != nil {
		return cl, err
	}
	if cl.Tags, err = cleanList("tags", in.Tags); err != nil {
		return cl, err
	}
	return cl, nil
}

func cleanContacts(in []model.Contact) ([]model.Contact, error) {
	out := make([]model.Contact, 0, len(in))
	for _, c := range in {
		name, err := model.CleanName(c.Name, "contact")
		if err != nil {
			return nil, err
		}
		c.Name = name
		if c.Phone != "" {
			if c.Phone, err = cleanOne("phones", c.Phone); err != nil {
				return nil, err
			}
		}
		if c.Email != "" {
			if c.Email, err = cleanOne("emails", c.Email); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// cleanList normalises phones, emails or tags, dropping blanks and duplicates.
func cleanList(field string, in []string) ([]string, error) {
	out := []string{}
	for _, x := range in {
		if strings.TrimSpace(x) == "" {
			continue
		}
		c, err := cleanOne(field, x)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

func cleanOne(field, x string) (string, error) {
	x = strings.Join(strings.Fields(x), " ")
	switch field {
	case "phones":
		if !phoneRe.MatchString(x) {
			return "", model.Errorf(model.CodeInvalid, "%q does not look like a phone number.", x)
		}
	case "emails":
		x = strings.ToLower(x)
		if !emailRe.MatchString(x) {
			return "", model.Errorf(model.CodeInvalid, "%q does not look like an email address.", x)
		}
	case "tags":
		// Tags are matched and filtered on, so "VIP", " vip" and "Vip" are one tag.
		x = strings.ToLower(strings.ReplaceAll(x, " ", "-"))
		if len(x) > 40 {
			return "", model.Errorf(model.CodeInvalid, "The tag %q is too long; keep tags short.", x)
		}
	}
	return x, nil
}
