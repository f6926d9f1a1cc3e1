package crdt

import (
	"strings"

	"huddle/internal/model"
)

// Member is the typed view of a member's private document: their notification preferences
// and read marks, synced to their other devices. Every field is a root register with a flat
// key, with no nested map: two devices of one member may each create the document before
// they hear of the other's, and concurrent sets of root keys merge, where two nested maps
// created under one key would hide one of them.
type Member struct{ d *Doc }

// Member returns the member-document view of d.
func (d *Doc) Member() Member { return Member{d} }

// Keys of the member document.
const (
	memberReadAll = "readAll"
	memberRead    = "read." // + notification ID → the notification's time
	memberPref    = "pref." // + preference name

	readMarkSlack = int64(24 * 60 * 60 * 1000) // ms
)

// Create writes the header of a new member document. Creating it again (on another device,
// before the first one's change arrived) is harmless: the header says the same thing.
func (m Member) Create(memberID string) error {
	if err := m.d.create(); err != nil {
		return err
	}
	return m.d.setAt(memberID, "member")
}

// MarkRead marks notifications read; at maps each ID to the notification's time.
func (m Member) MarkRead(at map[string]int64) error {
	for id, t := range at {
		if err := m.d.setAt(t, memberRead+id); err != nil {
			return err
		}
	}
	return nil
}

// MarkAllRead marks every notification at or before upTo read, and forgets the single read
// marks it covers, so the document does not grow with every notification ever read. A mark
// is kept a day longer than upTo covers it: its time comes from the notification's ID, which
// may differ a little from the notification's own time.
func (m Member) MarkAllRead(upTo int64) error {
	f, err := m.d.root()
	if err != nil {
		return err
	}
	if upTo <= i64(f, memberReadAll) {
		return nil
	}
	if err := m.d.setAt(upTo, memberReadAll); err != nil {
		return err
	}
	for k, v := range f {
		if strings.HasPrefix(k, memberRead) && i64Of(v) <= upTo-readMarkSlack {
			if err := m.d.am.RootMap().Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// SetPrefs replaces the notification preferences.
func (m Member) SetPrefs(p model.NotifyPrefs) error {
	for k, v := range map[string]any{
		"assigned": p.Assigned, "mentions": p.Mentions, "messages": p.Messages,
		"onlyAssigned": p.OnlyAssigned, "reminders": p.Reminders, "sound": p.Sound,
		"quietOn": p.Quiet.On, "quietFrom": p.Quiet.From, "quietTo": p.Quiet.To,
	} {
		if err := m.d.setAt(v, memberPref+k); err != nil {
			return err
		}
	}
	return nil
}

// Row projects the document. Preferences never set read as model.DefaultNotifyPrefs.
func (m Member) Row() (model.MemberState, error) {
	f, err := m.d.root()
	if err != nil {
		return model.MemberState{}, err
	}
	s := model.MemberState{Member: str(f, "member"), Prefs: model.DefaultNotifyPrefs,
		ReadAll: i64(f, memberReadAll), Read: map[string]int64{}}
	flag := func(name string, into *bool) {
		if v, ok := f[memberPref+name]; ok {
			*into = boolOf(v)
		}
	}
	p := &s.Prefs
	flag("assigned", &p.Assigned)
	flag("mentions", &p.Mentions)
	flag("messages", &p.Messages)
	flag("onlyAssigned", &p.OnlyAssigned)
	flag("reminders", &p.Reminders)
	flag("sound", &p.Sound)
	flag("quietOn", &p.Quiet.On)
	p.Quiet.From, p.Quiet.To = str(f, memberPref+"quietFrom"), str(f, memberPref+"quietTo")
	for k, v := range f {
		if id, ok := strings.CutPrefix(k, memberRead); ok {
			s.Read[id] = i64Of(v)
		}
	}
	return s, nil
}
