package localdb

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// seedInbox writes the fixture inbox every view test reads:
//
//	th_a brand 1, open, assigned to Ana, VIP, sms, read by Ana
//	th_b brand 1, open, unassigned, mentions Ana, followed by Olga, email, a client message
//	th_c brand 2, open, assigned to Ben, Ana a read-only participant
//	th_d brand 2, resolved, assigned to Ben
//	th_e brand 1, resolved, unassigned, VIP
//	th_f brand 2, open, unassigned, watched by Vic
//	th_g brand 1, open, assigned to Ana, deleted
func seedInbox(t *testing.T, db *DB) {
	seedWorkspace(t, db)
	for _, s := range []threadSpec{
		{id: "th_a", brand: brand1, assignee: ana, labels: []string{"lb_vip"}, createdAt: 100, readBy: map[string]int64{ana: 200}},
		{id: "th_b", brand: brand1, channel: model.ChannelEmail, mentioned: []string{ana}, followers: []string{olga}, createdAt: 110,
			messages: []model.Message{msg("m_b1", model.KindMessage, "", "Is Friday free?", 115)}},
		{id: "th_c", brand: brand2, assignee: ben, participants: map[string]model.Access{ana: model.AccessRead}, createdAt: 120},
		{id: "th_d", brand: brand2, assignee: ben, resolved: true, createdAt: 130},
		{id: "th_e", brand: brand1, labels: []string{"lb_vip"}, resolved: true, createdAt: 140},
		{id: "th_f", brand: brand2, watchers: []string{vic}, createdAt: 150},
		{id: "th_g", brand: brand1, assignee: ana, createdAt: 160},
	} {
		createThread(t, db, s)
	}
	update(t, db, 170, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_g")
		return d.Thread().SetDeleted(true)
	})
}

func TestEveryViewListsWhatItsMemberMaySeeNewestFirstAndCountsAgree(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	want := map[string]map[model.View][]string{
		olga: {model.ViewMine: {}, model.ViewMentioned: {}, model.ViewUnassigned: {"th_f", "th_b"},
			model.ViewAll: {"th_f", "th_c", "th_b", "th_a"}, model.ViewResolved: {"th_e", "th_d"}, model.ViewFollowed: {"th_b"}},
		ana: {model.ViewMine: {"th_a"}, model.ViewMentioned: {"th_b"}, model.ViewUnassigned: {"th_b"},
			model.ViewAll: {"th_c", "th_b", "th_a"}, model.ViewResolved: {"th_e"}, model.ViewFollowed: {}},
		ben: {model.ViewMine: {"th_c"}, model.ViewMentioned: {}, model.ViewUnassigned: {"th_f"},
			model.ViewAll: {"th_f", "th_c"}, model.ViewResolved: {"th_d"}, model.ViewFollowed: {}},
		vic: {model.ViewMine: {}, model.ViewMentioned: {}, model.ViewUnassigned: {"th_f", "th_b"},
			model.ViewAll: {"th_f", "th_b", "th_a"}, model.ViewResolved: {"th_e"}, model.ViewFollowed: {}},
		dee: {model.ViewMine: {}, model.ViewMentioned: {}, model.ViewUnassigned: {}, model.ViewAll: {},
			model.ViewResolved: {}, model.ViewFollowed: {}},
	}
	for member, views := range want {
		counts, err := db.Counts(member)
		must(t, err)
		for view, ids := range views {
			t.Run(member+"/"+string(view), func(t *testing.T) {
				page, err := db.Threads(model.ThreadQuery{Member: member, View: view})
				must(t, err)
				if got := threadIDs(page); !reflect.DeepEqual(got, ids) {
					t.Fatalf("listed %v, want %v", got, ids)
				}
				unread := 0
				for _, th := range page.Threads {
					if th.UnreadFor(member) {
						unread++
					}
				}
				if c := counts[view]; c.Total != len(ids) || c.Unread != unread {
					t.Fatalf("count %+v, want total %d unread %d", c, len(ids), unread)
				}
			})
		}
	}
	if c, _ := db.Counts(ana); c[model.ViewMine].Unread != 0 || c[model.ViewAll].Unread != 2 {
		t.Fatalf("Ana read th_a: counts %+v", c)
	}
	checkConsistent(t, db)
}

func TestFiltersNarrowAViewWithinTheMembersAccess(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	cases := []struct {
		name string
		q    model.ThreadQuery
		want []string
	}{
		{"brand 1", model.ThreadQuery{Member: olga, BrandID: brand1}, []string{"th_b", "th_a"}},
		{"brand 2", model.ThreadQuery{Member: olga, BrandID: brand2}, []string{"th_f", "th_c"}},
		{"assignee", model.ThreadQuery{Member: olga, AssigneeID: ana}, []string{"th_a"}},
		{"assigned yes", model.ThreadQuery{Member: olga, Assigned: "yes"}, []string{"th_c", "th_a"}},
		{"assigned no", model.ThreadQuery{Member: olga, Assigned: "no"}, []string{"th_f", "th_b"}},
		{"label", model.ThreadQuery{Member: olga, Label: "lb_vip"}, []string{"th_a"}},
		{"channel", model.ThreadQuery{Member: olga, Channel: model.ChannelEmail}, []string{"th_b"}},
		{"resolved with label", model.ThreadQuery{Member: olga, View: model.ViewResolved, Label: "lb_vip"}, []string{"th_e"}},
		{"resolved by assignee", model.ThreadQuery{Member: olga, View: model.ViewResolved, AssigneeID: ben}, []string{"th_d"}},
		{"two filters", model.ThreadQuery{Member: olga, BrandID: brand1, Assigned: "no"}, []string{"th_b"}},
		{"participant sees one thread of a foreign brand", model.ThreadQuery{Member: ana, BrandID: brand2}, []string{"th_c"}},
		{"agent without the brand sees none of it", model.ThreadQuery{Member: ben, BrandID: brand1}, []string{}},
		{"watcher sees the watched thread", model.ThreadQuery{Member: vic, BrandID: brand2}, []string{"th_f"}},
		{"mine with a channel", model.ThreadQuery{Member: ana, View: model.ViewMine, Channel: model.ChannelEmail}, []string{}},
		{"unknown label", model.ThreadQuery{Member: olga, Label: "lb_none"}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page, err := db.Threads(c.q)
			must(t, err)
			if got := threadIDs(page); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("listed %v, want %v", got, c.want)
			}
		})
	}
}

func TestThreadQueriesRejectBadInput(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	for name, c := range map[string]struct {
		q    model.ThreadQuery
		code model.Code
	}{
		"no member":      {model.ThreadQuery{}, model.CodeInvalid},
		"unknown member": {model.ThreadQuery{Member: "mb_x"}, model.CodeForbidden},
		"unknown view":   {model.ThreadQuery{Member: olga, View: "later"}, model.CodeInvalid},
		"bad assigned":   {model.ThreadQuery{Member: olga, Assigned: "maybe"}, model.CodeInvalid},
		"bad cursor":     {model.ThreadQuery{Member: olga, Cursor: "!!"}, model.CodeInvalid},
	} {
		if _, err := db.Threads(c.q); model.CodeOf(err) != c.code {
			t.Errorf("%s: %v, want %s", name, err, c.code)
		}
	}
}

func TestThreadsMoveBetweenViewsAsTheyChange(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	change := func(ms int64, id string, fn func(d threadDoc) error) {
		update(t, db, ms, func(tx ports.Tx) error {
			d, err := tx.Doc(id)
			if err != nil {
				return err
			}
			return fn(threadDoc{d.Thread()})
		})
	}
	ids := func(member string, v model.View) []string {
		p, err := db.Threads(model.ThreadQuery{Member: member, View: v})
		must(t, err)
		return threadIDs(p)
	}
	// A new message lifts th_a to the top of All and makes it unread for Ana.
	change(300, "th_a", func(d threadDoc) error { return d.AddMessage(msg("m_a1", model.KindMessage, "", "hello", 300)) })
	if got := ids(ana, model.ViewAll); !reflect.DeepEqual(got, []string{"th_a", "th_c", "th_b"}) {
		t.Fatalf("after a message: %v", got)
	}
	if c, _ := db.Counts(ana); c[model.ViewMine] != (model.Count{Total: 1, Unread: 1}) {
		t.Fatalf("mine count %+v", c[model.ViewMine])
	}
	// Ana reads it.
	change(310, "th_a", func(d threadDoc) error { return d.MarkRead(ana, 310) })
	if c, _ := db.Counts(ana); c[model.ViewMine] != (model.Count{Total: 1, Unread: 0}) {
		t.Fatalf("mine count after reading %+v", c[model.ViewMine])
	}
	// An event line is not activity: the order and preview stay.
	change(320, "th_a", func(d threadDoc) error {
		return d.AddMessage(model.Message{ID: "m_a2", Kind: model.KindEvent, Event: model.EventAssigned, CreatedAt: 320})
	})
	if th, _ := db.Thread("th_a"); th.LastActivityAt != 300 || th.LastPreview != "hello" || th.MessageCount != 1 {
		t.Fatalf("event counted as activity: %+v", th)
	}
	// Resolving moves it to Resolved; reassigning moves it between Mine views.
	change(330, "th_a", func(d threadDoc) error { return d.SetStatus(model.StatusResolved) })
	if got := ids(ana, model.ViewMine); len(got) != 0 {
		t.Fatalf("resolved thread still in Mine: %v", got)
	}
	if got := ids(ana, model.ViewResolved); !reflect.DeepEqual(got, []string{"th_a", "th_e"}) {
		t.Fatalf("resolved: %v", got)
	}
	change(340, "th_a", func(d threadDoc) error {
		if err := d.SetStatus(model.StatusOpen); err != nil {
			return err
		}
		return d.SetAssignee("")
	})
	if got := ids(ana, model.ViewUnassigned); !reflect.DeepEqual(got, []string{"th_a", "th_b"}) {
		t.Fatalf("unassigned: %v", got)
	}
	// A thread without activity sorts by its creation time.
	if th, _ := db.Thread("th_c"); th.LastActivityAt != 120 || th.MessageCount != 0 {
		t.Fatalf("quiet thread %+v", th)
	}
	// Deleting and restoring.
	change(350, "th_b", func(d threadDoc) error { return d.SetDeleted(true) })
	if got := ids(olga, model.ViewAll); slices.Contains(got, "th_b") {
		t.Fatalf("deleted thread listed: %v", got)
	}
	change(360, "th_b", func(d threadDoc) error { return d.SetDeleted(false) })
	if got := ids(olga, model.ViewFollowed); !reflect.DeepEqual(got, []string{"th_b"}) {
		t.Fatalf("restored thread: %v", got)
	}
	checkConsistent(t, db)
}

func TestCountsFollowMembershipAndAccessChanges(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedInbox(t, db)
	putMember := func(ms int64, m model.Member) {
		update(t, db, ms, func(tx ports.Tx) error {
			d, err := tx.Doc(model.WorkspaceDocID)
			if err != nil {
				return err
			}
			return d.Workspace().PutMember(m)
		})
	}
	// Ben gains brand 1: he now sees th_a and th_b too.
	putMember(400, model.Member{ID: ben, Name: "Ben", Role: model.RoleAgent, Brands: []string{brand1, brand2}, Active: true})
	if c, _ := db.Counts(ben); c[model.ViewAll].Total != 4 {
		t.Fatalf("Ben's All after gaining brand 1: %+v", c[model.ViewAll])
	}
	// Dee is reactivated; a new member appears; Ana is deactivated.
	putMember(410, model.Member{ID: dee, Name: "Dee", Role: model.RoleAgent, Brands: []string{brand1}, Active: true})
	putMember(420, model.Member{ID: "mb_new", Name: "New", Role: model.RoleAdmin, Brands: []string{brand2}, Active: true})
	putMember(430, model.Member{ID: ana, Name: "Ana", Role: model.RoleAgent, Brands: []string{brand1}, Active: false})
	for member, all := range map[string]int{dee: 2, "mb_new": 2, ana: 0, olga: 4} {
		c, err := db.Counts(member)
		must(t, err)
		p, _ := db.Threads(model.ThreadQuery{Member: member})
		if c[model.ViewAll].Total != all || len(p.Threads) != all {
			t.Errorf("%s: count %+v, listed %d, want %d", member, c[model.ViewAll], len(p.Threads), all)
		}
	}
	if n := countKeys(t, db, string(keyStale)); n != 0 {
		t.Fatal("stale mark left after the rebuild")
	}
	checkConsistent(t, db)
}

func TestStaleCountersAreRebuiltOnOpen(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	seedInbox(t, db)
	// What a crash between the membership write and its rebuild leaves behind.
	must(t, db.bdb.Update(func(txn badgerTxn) error {
		if err := txn.Set(keyStale, []byte{1}); err != nil {
			return err
		}
		return txn.Set([]byte(keyCounter(ana, string(model.ViewAll), false)), appendU64(nil, 99))
	}))
	must(t, db.Close())
	db = openTest(t, dir)
	if c, _ := db.Counts(ana); c[model.ViewAll].Total != 3 {
		t.Fatalf("counts not rebuilt: %+v", c[model.ViewAll])
	}
	checkConsistent(t, db)
}

func TestPagesFollowEachOtherWithoutGapsOrRepeats(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	var wantAna, wantAll []string
	for i := range 130 {
		id := fmt.Sprintf("th_%03d", i)
		s := threadSpec{id: id, brand: brand1, createdAt: int64(1000 + i/3)} // ties: three per millisecond
		if i%2 == 1 {
			s.brand = brand2
			if i%5 == 0 {
				s.participants = map[string]model.Access{ana: model.AccessWrite}
			}
		}
		createThread(t, db, s)
		wantAll = append(wantAll, id)
		if s.brand == brand1 || s.participants != nil {
			wantAna = append(wantAna, id)
		}
	}
	newestFirst := func(ids []string) []string {
		out := slices.Clone(ids)
		slices.SortStableFunc(out, func(a, b string) int {
			ia, ib := 0, 0
			fmt.Sscanf(a, "th_%d", &ia)
			fmt.Sscanf(b, "th_%d", &ib)
			if ia/3 != ib/3 {
				return ib/3 - ia/3
			}
			return ia - ib
		})
		return out
	}
	for _, c := range []struct {
		member string
		limit  int
		want   []string
	}{{olga, 0, newestFirst(wantAll)}, {ana, 7, newestFirst(wantAna)}} {
		var got []string
		cursor, pages := "", 0
		for {
			p, err := db.Threads(model.ThreadQuery{Member: c.member, Cursor: cursor, Limit: c.limit})
			must(t, err)
			pages++
			if limit := limitOf(c.limit); len(p.Threads) > limit || (p.Next != "" && len(p.Threads) != limit) {
				t.Fatalf("page of %d with next %q", len(p.Threads), p.Next)
			}
			got = append(got, threadIDs(p)...)
			if cursor = p.Next; cursor == "" {
				break
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Fatalf("%s: paged through\n%v\nwant\n%v", c.member, got, c.want)
		}
		if c.member == olga && pages != 3 {
			t.Fatalf("%d pages of the default 50 for 130 threads", pages)
		}
	}
}

// Writes add their counter and index-size deltas to values the store remembers from earlier
// commits instead of reading them back, and take a thread's last activity from the message
// they wrote when it is the newest; the derived keys must stay true through counter rebuilds
// (membership changes), failed writes, reopening and back-dated messages.
func TestDerivedKeysStayTrueThroughRebuildsFailedWritesAndBackdatedMessages(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	seedWorkspace(t, db)
	r := rand.New(rand.NewPCG(7, 7))
	const threads = 24
	for i := range threads {
		createThread(t, db, threadSpec{id: fmt.Sprintf("th_%02d", i), brand: []string{brand1, brand2}[i%2],
			createdAt: int64(10 + i), resolved: i%3 == 0, assignee: []string{"", ana, ben}[i%3]})
	}
	ms := int64(100)
	sent := map[string][]string{} // thread → IDs of its messages
	edits := []func(id string, d crdt.Thread) error{
		func(id string, d crdt.Thread) error { return d.SetStatus(model.StatusResolved) },
		func(id string, d crdt.Thread) error { return d.SetStatus(model.StatusOpen) },
		func(id string, d crdt.Thread) error { return d.SetAssignee([]string{"", ana, ben, olga}[r.IntN(4)]) },
		func(id string, d crdt.Thread) error { return d.SetLabel("lb_vip", r.IntN(2) == 0) },
		func(id string, d crdt.Thread) error { return d.MarkRead([]string{ana, ben, olga, vic}[r.IntN(4)], ms) },
		func(id string, d crdt.Thread) error { return d.SetFollower(olga, r.IntN(2) == 0) },
		func(id string, d crdt.Thread) error { return d.SetDeleted(r.IntN(4) == 0) },
		func(id string, d crdt.Thread) error { // now, or back-dated (an import), any kind
			kind := []model.Kind{model.KindMessage, model.KindNote, model.KindEvent}[r.IntN(3)]
			m := msg(fmt.Sprintf("m_%d", ms), kind, "", fmt.Sprint("body ", ms), ms-int64(r.IntN(3))*40)
			sent[id] = append(sent[id], m.ID)
			return d.AddMessage(m)
		},
		func(id string, d crdt.Thread) error {
			if ids := sent[id]; len(ids) > 0 {
				return d.SetDelivery(ids[r.IntN(len(ids))], model.DeliveryFailed)
			}
			return d.MarkRead(olga, ms)
		},
	}
	edit := func(n int) {
		for range n {
			ms++
			id := fmt.Sprintf("th_%02d", r.IntN(threads))
			update(t, db, ms, func(tx ports.Tx) error {
				d, err := tx.Doc(id)
				if err != nil {
					return err
				}
				return edits[r.IntN(len(edits))](id, d.Thread())
			})
		}
	}
	edit(150)
	checkConsistent(t, db)
	if db.sums.Len() == 0 {
		t.Fatal("no counter values remembered")
	}
	// Ben gains brand 1: the counters are rebuilt from the rows, then written to again.
	update(t, db, ms, func(tx ports.Tx) error {
		d, err := tx.Doc(model.WorkspaceDocID)
		if err != nil {
			return err
		}
		return d.Workspace().PutMember(model.Member{ID: ben, Name: "Ben", Handle: "ben", Role: model.RoleAgent,
			Brands: []string{brand1, brand2}, Active: true})
	})
	edit(100)
	checkConsistent(t, db)
	// A write that fails after changing a thread keeps nothing.
	err := db.Update(t.Context(), at(ms+1), func(tx ports.Tx) error {
		d, err := tx.Doc("th_01")
		if err != nil {
			return err
		}
		if err := d.Thread().SetStatus(model.StatusResolved); err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	if err == nil {
		t.Fatal("the failing write succeeded")
	}
	edit(100)
	checkConsistent(t, db)
	must(t, db.Close())
	db = openTest(t, dir)
	edit(100)
	checkConsistent(t, db)
}

func TestBrandCountsAreOpenThreadsPerBrandTheMemberSees(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_1", brand: brand1, createdAt: 10})
	createThread(t, db, threadSpec{id: "th_2", brand: brand1, createdAt: 20, resolved: true})
	createThread(t, db, threadSpec{id: "th_3", brand: brand2, createdAt: 30})
	createThread(t, db, threadSpec{id: "th_4", brand: brand2, createdAt: 40})
	for member, want := range map[string]map[string]int{
		olga: {brand1: 1, brand2: 2},
		ana:  {brand1: 1}, // brand 2 is not hers, not even as a zero
	} {
		got, err := db.BrandCounts(member)
		must(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", member, got, want)
		}
	}
}
