package localdb

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// Timeline entries of th_a, a brand 1 thread that Vic follows and Ben (brand 2) takes part
// in read-only; the tests add each in a write of its own.
var (
	assignAna   = model.Message{ID: "m_a1", Kind: model.KindEvent, Direction: model.DirInternal, AuthorID: olga, Event: model.EventAssigned, Subject: ana, Body: "Olga assigned this to Ana.", CreatedAt: 110}
	mentionBoth = model.Message{ID: "m_a2", Kind: model.KindNote, Direction: model.DirInternal, AuthorID: olga, Body: "@ana @vic she asked for you", Mentions: []string{ana, vic}, CreatedAt: 120}
	inboundA    = reached(msg("m_a3", model.KindMessage, "", "Is Friday at 3 still free?", 130), ana)
	replyByAna  = model.Message{ID: "m_a4", Kind: model.KindMessage, Direction: model.DirOutbound, AuthorID: ana, Body: "Yes, see you then", CreatedAt: 140, Delivery: model.DeliveryQueued}
	selfMention = model.Message{ID: "m_a5", Kind: model.KindNote, Direction: model.DirInternal, AuthorID: ana, Body: "@ana @olga booked", Mentions: []string{ana, olga}, CreatedAt: 150}
)

// reached makes m a client's message that arrived while the thread was assigned to member.
func reached(m model.Message, member string) model.Message {
	m.Direction, m.Assignee = model.DirInbound, member
	return m
}

// addEntry adds one timeline entry to a thread in a write of its own at its time.
func addEntry(t testing.TB, db *DB, threadID string, m model.Message) {
	t.Helper()
	update(t, db, m.CreatedAt, func(tx ports.Tx) error {
		d, err := tx.Doc(threadID)
		if err != nil {
			return err
		}
		if m.Kind == model.KindEvent && m.Event == model.EventAssigned {
			if err := d.Thread().SetAssignee(m.Subject); err != nil {
				return err
			}
		}
		for _, id := range m.Mentions {
			if err := d.Thread().AddMentioned(id, m.CreatedAt); err != nil {
				return err
			}
		}
		return d.Thread().AddMessage(m)
	})
}

// seedNotifications writes, one write at a time as people would, assignments, mentions,
// inbound messages and tasks with reminders, and a thread deleted in the write that created
// it. No thread changes hands or people after a message reached it, so what each entry told
// whom does not depend on when it was derived.
func seedNotifications(t testing.TB, db *DB) {
	t.Helper()
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_a", brand: brand1, createdAt: 100, followers: []string{vic},
		participants: map[string]model.Access{ben: model.AccessRead}})
	for _, m := range []model.Message{assignAna, mentionBoth, inboundA, replyByAna, selfMention} {
		addEntry(t, db, "th_a", m)
	}
	createThread(t, db, threadSpec{id: "th_b", brand: brand2, assignee: ben, createdAt: 200, messages: []model.Message{
		{ID: "m_b1", Kind: model.KindEvent, Direction: model.DirInternal, AuthorID: olga, Event: model.EventAssigned, Subject: ben, CreatedAt: 200},
		reached(msg("m_b2", model.KindMessage, "", "Do you sell gift cards?", 210), ben),
		{ID: "m_b3", Kind: model.KindNote, Direction: model.DirInternal, AuthorID: ben, Body: "@olga do we?", Mentions: []string{olga}, CreatedAt: 220},
	}})
	update(t, db, 300, func(tx ports.Tx) error {
		d, err := tx.Doc("th_gone")
		if err != nil {
			return err
		}
		err = buildThread(d, threadSpec{id: "th_gone", brand: brand1, assignee: ana, createdAt: 300, messages: []model.Message{
			{ID: "m_g1", Kind: model.KindEvent, Direction: model.DirInternal, AuthorID: olga, Event: model.EventAssigned, Subject: ana, CreatedAt: 300},
			msg("m_g2", model.KindMessage, "", "spam", 301),
		}})
		if err != nil {
			return err
		}
		return d.Thread().SetDeleted(true)
	})
	createTasks(t, db, 400, []model.Task{
		{ID: "tk_call", Title: "Call back", Notes: "about Friday", BrandID: brand1, AssigneeID: ana, ThreadID: "th_a", RemindAt: 5000},
		{ID: "tk_cards", Title: "Order gift cards", BrandID: brand2, AssigneeID: ben, RemindAt: 6000},
		{ID: "tk_done", Title: "Done already", BrandID: brand1, AssigneeID: ana, RemindAt: 4000},
		{ID: "tk_gone", Title: "Deleted", BrandID: brand1, AssigneeID: ana, RemindAt: 7000},
		{ID: "tk_plain", Title: "No reminder", BrandID: brand1, AssigneeID: ana},
	}, "tk_done", "tk_gone")
}

// seededNotifications is what seedNotifications tells each member, newest first, at a time
// when every reminder is due.
var seededNotifications = map[string][]string{
	olga: {"mention:m_b3", "mention:m_a5"},
	ana:  {"reminder:tk_call:5000", "message:m_a3", "mention:m_a2", "assigned:m_a1"},
	ben:  {"reminder:tk_cards:6000", "message:m_b2", "assigned:m_b1", "participating:m_a3"},
	vic:  {"participating:m_a3", "mention:m_a2"},
}

// notifyView is everything a store says about notifications and reminders: each member's
// centre, their reminders and next reminder, and the stored keys behind them.
type notifyView struct {
	Pages     map[string]model.NotificationPage
	Reminders map[string][]model.Notification
	Next      map[string]int64
	Keys      map[string]string // nf/, ix/r/ and their sizes: key → value
}

func readNotifyView(t testing.TB, db *DB) notifyView {
	t.Helper()
	v := notifyView{Pages: map[string]model.NotificationPage{}, Reminders: map[string][]model.Notification{},
		Next: map[string]int64{}, Keys: map[string]string{}}
	for member := range seededNotifications {
		page, err := db.Notifications(model.NotificationQuery{Member: member, Now: 10_000, Limit: 100})
		must(t, err)
		v.Pages[member] = page
		v.Reminders[member], err = db.Reminders(member, 0, math.MaxInt64)
		must(t, err)
		at, ok, err := db.NextReminder(member, 0)
		must(t, err)
		if ok {
			v.Next[member] = at
		}
	}
	must(t, db.bdb.View(func(txn *badger.Txn) error {
		for _, p := range []string{prefixNotify, prefixReminderIx, prefixIndexN + prefixReminderIx} {
			it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: []byte(p)})
			for it.Seek([]byte(p)); it.ValidForPrefix([]byte(p)); it.Next() {
				val, err := it.Item().ValueCopy(nil)
				if err != nil {
					it.Close()
					return err
				}
				v.Keys[string(it.Item().Key())] = string(val)
			}
			it.Close()
		}
		return nil
	}))
	return v
}

// diff says how v differs from want, "" when it does not.
func (v notifyView) diff(want notifyView) string {
	for member := range seededNotifications {
		if got, w := v.Pages[member], want.Pages[member]; !reflect.DeepEqual(got, w) {
			return fmt.Sprintf("%s's centre\n%+v\nwant\n%+v", member, got, w)
		}
		if got, w := v.Reminders[member], want.Reminders[member]; !reflect.DeepEqual(got, w) {
			return fmt.Sprintf("%s's reminders\n%+v\nwant\n%+v", member, got, w)
		}
	}
	if !reflect.DeepEqual(v.Next, want.Next) {
		return fmt.Sprintf("next reminders %v, want %v", v.Next, want.Next)
	}
	for k, val := range want.Keys {
		if got, ok := v.Keys[k]; !ok || got != val {
			return fmt.Sprintf("stored key %q is %q (present: %v), want %q", k, got, ok, val)
		}
	}
	for k := range v.Keys {
		if _, ok := want.Keys[k]; !ok {
			return fmt.Sprintf("stored key %q should not be there", k)
		}
	}
	return ""
}

func pageIDs(p model.NotificationPage) []string {
	out := []string{}
	for _, n := range p.Items {
		out = append(out, n.ID)
	}
	return out
}

// arrivalsOf lists a store's arrivals as "seq member id", oldest first.
func arrivalsOf(t testing.TB, db *DB) []string {
	t.Helper()
	as, err := db.Arrivals(1000)
	must(t, err)
	out := []string{}
	for _, a := range as {
		out = append(out, fmt.Sprint(a.Seq, " ", a.Member, " ", a.ID))
	}
	return out
}

func TestStoreFromBeforeNotificationsGainsThemAndItsRemindersWhenOpenedWithoutNewsToRaise(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	must(t, err)
	seedNotifications(t, db)
	want := readNotifyView(t, db)
	for member, ids := range seededNotifications {
		if got := pageIDs(want.Pages[member]); !reflect.DeepEqual(got, ids) {
			t.Fatalf("%s is told %v, want %v", member, got, ids)
		}
	}
	if !reflect.DeepEqual(want.Next, map[string]int64{ana: 5000, ben: 6000}) {
		t.Fatalf("next reminders %v", want.Next)
	}

	// Make it look like a version 4 store: no notifications, no reminder index, no arrivals.
	must(t, db.bdb.DropPrefix([]byte(prefixNotify), []byte(prefixReminderIx), []byte(prefixIndexN+prefixReminderIx),
		[]byte(prefixArrival)))
	must(t, db.bdb.Update(func(txn *badger.Txn) error {
		if err := txn.Delete(keyArrivalSeq); err != nil {
			return err
		}
		return txn.Set(keyIxVersion, appendU64(nil, 4))
	}))
	if got := readNotifyView(t, db); len(got.Keys) != 0 || len(got.Next) != 0 {
		t.Fatalf("notifications or reminders still there: %v, next %v", got.Keys, got.Next)
	}
	must(t, db.Close())

	db = openTest(t, dir)
	if d := readNotifyView(t, db).diff(want); d != "" {
		t.Fatalf("after the upgrade: %s", d)
	}
	if as := arrivalsOf(t, db); len(as) != 0 {
		t.Fatalf("the upgrade queued history as news: %v", as)
	}
	checkConsistent(t, db)

	// The store carries on: the next entry is news, numbered from the start.
	addEntry(t, db, "th_b", reached(msg("m_b4", model.KindMessage, "", "Hello?", 500), ben))
	if as, want := arrivalsOf(t, db), []string{"1 mb_ben message:m_b4"}; !reflect.DeepEqual(as, want) {
		t.Fatalf("arrivals after the upgrade %v, want %v", as, want)
	}
}

func TestEachDerivedNotificationArrivesOnceAndDroppingStopsAtTheSequenceGiven(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	must(t, err)
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_a", brand: brand1, createdAt: 100, followers: []string{vic},
		participants: map[string]model.Access{ben: model.AccessRead}})
	for _, m := range []model.Message{assignAna, mentionBoth, inboundA} {
		addEntry(t, db, "th_a", m)
	}
	want := []string{"1 mb_ana assigned:m_a1", "2 mb_ana mention:m_a2", "3 mb_vic mention:m_a2",
		"4 mb_ana message:m_a3", "5 mb_ben participating:m_a3", "6 mb_vic participating:m_a3"}
	if got := arrivalsOf(t, db); !reflect.DeepEqual(got, want) {
		t.Fatalf("arrivals %v, want %v", got, want)
	}

	// Writes that derive nothing queue nothing: a reply, a read mark, a delivery state, an
	// entry added again.
	addEntry(t, db, "th_a", replyByAna)
	update(t, db, 145, func(tx ports.Tx) error {
		d, err := tx.Doc("th_a")
		if err != nil {
			return err
		}
		if err := d.Thread().MarkRead(ana, 145); err != nil {
			return err
		}
		if err := d.Thread().SetDelivery(replyByAna.ID, model.DeliverySent); err != nil {
			return err
		}
		return d.Thread().AddMessage(inboundA)
	})
	if got := arrivalsOf(t, db); !reflect.DeepEqual(got, want) {
		t.Fatalf("arrivals after writes that tell nobody anything %v, want %v", got, want)
	}

	must(t, db.DropArrivals(4))
	if got := arrivalsOf(t, db); !reflect.DeepEqual(got, want[4:]) {
		t.Fatalf("after dropping up to 4: %v, want %v", got, want[4:])
	}
	for member, n := range map[string]int{ana: 3, ben: 1, vic: 2} {
		page, err := db.Notifications(model.NotificationQuery{Member: member, Limit: 100})
		must(t, err)
		if len(page.Items) != n {
			t.Fatalf("dropping arrivals took %s's notifications: %v", member, pageIDs(page))
		}
	}
	must(t, db.DropArrivals(6))
	must(t, db.Close())

	// Numbers are never given twice, across a restart too, and a restart queues nothing.
	db = openTest(t, dir)
	if got := arrivalsOf(t, db); len(got) != 0 {
		t.Fatalf("arrivals after a restart %v", got)
	}
	addEntry(t, db, "th_a", reached(msg("m_a6", model.KindMessage, "", "Running late", 160), ana))
	want = []string{"7 mb_ana message:m_a6", "8 mb_ben participating:m_a6", "9 mb_vic participating:m_a6"}
	if got := arrivalsOf(t, db); !reflect.DeepEqual(got, want) {
		t.Fatalf("arrivals after the restart %v, want %v", got, want)
	}
}

func TestARemoteMergeQueuesWhatIsNewToTheStoreAndNothingItHasAlready(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedNotifications(t, a)
	items := stream(outboxItems(t, a, 0))
	wantA := arrivalsOf(t, a)
	if len(wantA) != 10 {
		t.Fatalf("the writer queued %v, want 10 arrivals", wantA)
	}
	for _, tc := range []struct {
		name    string
		batches []int // sizes of the windows the items come in
	}{
		{"in one window", []int{len(items)}},
		{"one item at a time", []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := openTest(t, t.TempDir())
			applyInBatches(t, b, items, tc.batches...)
			got := arrivalsOf(t, b)
			if !reflect.DeepEqual(got, wantA) {
				t.Fatalf("arrivals of the merge %v, want the writer's %v", got, wantA)
			}
			if d := readNotifyView(t, b).diff(readNotifyView(t, a)); d != "" {
				t.Fatalf("the merge derived other notifications than the writer: %s", d)
			}
			checkConsistent(t, b)

			// A re-seeded relay delivers every change again.
			must(t, b.ResetSyncCursor(relay2))
			applyRemote(t, b, relay2, items)
			if again := arrivalsOf(t, b); !reflect.DeepEqual(again, got) {
				t.Fatalf("arrivals after changes it had came again %v, want %v", again, got)
			}
		})
	}

	t.Run("its own changes coming back", func(t *testing.T) {
		applyRemote(t, a, relay1, items)
		if got := arrivalsOf(t, a); !reflect.DeepEqual(got, wantA) {
			t.Fatalf("arrivals after its own changes came back %v, want %v", got, wantA)
		}
	})
}

// A thread deleted after its notifications were derived takes them out of the centre and the
// unread count, as on a device that only ever saw it deleted; restoring it brings them back.
func TestNotificationsOfADeletedThreadLeaveTheCentre(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedNotifications(t, db)
	setDeleted := func(on bool, at int64) {
		update(t, db, at, func(tx ports.Tx) error {
			d, err := tx.Doc("th_a")
			if err != nil {
				return err
			}
			return d.Thread().SetDeleted(on)
		})
	}
	page := func(member string) model.NotificationPage {
		p, err := db.Notifications(model.NotificationQuery{Member: member, Now: 10_000, Limit: 100})
		must(t, err)
		return p
	}
	setDeleted(true, 8000)
	for member, want := range map[string][]string{
		ana: {"reminder:tk_call:5000"}, // the task outlives its thread
		vic: {},
		ben: {"reminder:tk_cards:6000", "message:m_b2", "assigned:m_b1"},
	} {
		if got := page(member); !reflect.DeepEqual(pageIDs(got), want) || got.Unread != len(want) {
			t.Fatalf("%s's centre after the delete: %v (unread %d), want %v", member, pageIDs(got), got.Unread, want)
		}
	}
	setDeleted(false, 9000)
	if got := pageIDs(page(ana)); !reflect.DeepEqual(got, seededNotifications[ana]) {
		t.Fatalf("Ana's centre after the restore: %v, want %v", got, seededNotifications[ana])
	}
}
