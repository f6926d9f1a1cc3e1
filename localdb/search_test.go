package localdb

import (
	"reflect"
	"slices"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

func TestTokenizeLowersStripsAccentsAndDropsOneLetterWords(t *testing.T) {
	var got []string
	for _, k := range tokenize("Éloïse's  RDV à 10h — chloé@mail.fr, naïve Zoë (x)") {
		got = append(got, k.text)
	}
	want := []string{"eloise", "rdv", "10h", "chloe", "mail", "fr", "naive", "zoe"}
	if !slices.Equal(got, want) {
		t.Fatalf("tokens %q, want %q", got, want)
	}
	// A decomposed spelling (e + combining acute) is the same token as the composed one.
	if d := tokenize("Chloe\u0301"); len(d) != 1 || d[0].text != "chloe" {
		t.Fatalf("decomposed: %+v", d)
	}
}

func TestSnippetCentresOnTheFirstMatch(t *testing.T) {
	body := "Hello there, this is a long message that talks about many things before it finally mentions the balayage appointment we booked for next week, and then goes on for a while."
	tm, _ := parseTerms("balay")
	s := snippet(body, tm)
	if !slices.Contains(tokenTexts(s), "balayage") || s[:3] != "…" {
		t.Fatalf("snippet %q", s)
	}
}

func tokenTexts(s string) []string {
	var out []string
	for _, k := range tokenize(s) {
		out = append(out, k.text)
	}
	return out
}

// seedSearch writes two clients and three threads: th_a (brand 1, Maria), th_b (brand 2,
// Marta, with Ana as a participant) and th_c (brand 1, deleted later by tests that need it).
func seedSearch(t *testing.T, db *DB) {
	seedWorkspace(t, db)
	update(t, db, 10, func(tx ports.Tx) error {
		for _, c := range []model.Client{
			{ID: "cl_maria", BrandID: brand1, Name: "María López", Phones: []string{"+34 612 34 56 78"}},
			{ID: "cl_marta", BrandID: brand2, Name: "Marta Diaz", Emails: []string{"marta@example.com"}},
		} {
			d, err := tx.Doc(c.ID)
			if err != nil {
				return err
			}
			if err := d.Client().Create(c); err != nil {
				return err
			}
		}
		return nil
	})
	createThread(t, db, threadSpec{id: "th_a", brand: brand1, client: "cl_maria", createdAt: 100, messages: []model.Message{
		msg("m_a1", model.KindMessage, "", "Can I book a balayage on Saturday?", 100),
		msg("m_a2", model.KindNote, ana, "She wants the blonde balayage again", 110),
	}})
	createThread(t, db, threadSpec{id: "th_b", brand: brand2, client: "cl_marta", createdAt: 200,
		participants: map[string]model.Access{ana: model.AccessRead}, messages: []model.Message{
			msg("m_b1", model.KindMessage, "", "Do you do a blonde balayage for short hair?", 200),
		}})
	createThread(t, db, threadSpec{id: "th_c", brand: brand1, client: "cl_maria", createdAt: 300, messages: []model.Message{
		msg("m_c1", model.KindMessage, "", "Saturday works, thanks!", 300),
	}})
}

func search(t *testing.T, db *DB, member, text string) model.SearchResult {
	t.Helper()
	res, err := db.Search(model.SearchQuery{Member: member, Text: text})
	must(t, err)
	return res
}

func hitIDs(res model.SearchResult) (clients, threads []string) {
	clients, threads = []string{}, []string{}
	for _, c := range res.Clients {
		clients = append(clients, c.ID)
	}
	for _, h := range res.Threads {
		threads = append(threads, h.ThreadID+"/"+h.MessageID)
	}
	return clients, threads
}

func TestSearchMatchesThePrefixOfTheLastWordAndEveryOtherWordExactly(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedSearch(t, db)
	cases := []struct {
		text             string
		clients, threads []string
	}{
		{"bala", []string{}, []string{"th_b/m_b1", "th_a/m_a2"}}, // newest hit of each thread
		{"BALAYAGE", []string{}, []string{"th_b/m_b1", "th_a/m_a2"}},
		{"blonde bal", []string{}, []string{"th_b/m_b1", "th_a/m_a2"}},
		{"book bal", []string{}, []string{"th_a/m_a1"}},         // both words in one message
		{"can I book a bal", []string{}, []string{"th_a/m_a1"}}, // finished stop words are skipped
		{"the", []string{}, []string{}},                         // a stop word is not indexed…
		{"she wants the", []string{}, []string{"th_a/m_a2"}},    // …but the row of other words is checked
		{"book blonde", []string{}, []string{}},                 // in one thread, never in one message
		{"blond balayage", []string{}, []string{}},              // earlier words are whole words
		{"saturday", []string{}, []string{"th_c/m_c1", "th_a/m_a1"}},
		{"mar", []string{"cl_marta", "cl_maria"}, []string{}}, // by lower-cased name, as listed: í sorts after t
		{"maria lo", []string{"cl_maria"}, []string{}},        // accents do not matter
		{"612", []string{"cl_maria"}, []string{}},
		{"612 34", []string{"cl_maria"}, []string{}},
		{"34612", []string{"cl_maria"}, []string{}}, // the phone's digits alone
		{"example", []string{"cl_marta"}, []string{}},
		{"  ", []string{}, []string{}},
		{"x", []string{}, []string{}},
	}
	for _, c := range cases {
		cl, th := hitIDs(search(t, db, olga, c.text))
		if !slices.Equal(cl, c.clients) || !slices.Equal(th, c.threads) {
			t.Errorf("%q: clients %v threads %v, want %v %v", c.text, cl, th, c.clients, c.threads)
		}
	}
	res := search(t, db, olga, "blonde bal")
	h := res.Threads[1]
	if h.Kind != model.HitNote || h.ClientName != "Client th_a" || h.CreatedAt != 110 || h.Snippet != "She wants the blonde balayage again" {
		t.Fatalf("hit %+v", h)
	}
}

func TestSearchHonoursBrandAccessAndParticipation(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedSearch(t, db)
	for _, c := range []struct {
		member           string
		clients, threads []string
	}{
		{olga, []string{"cl_marta", "cl_maria"}, []string{"th_b/m_b1", "th_a/m_a2"}},
		{ana, []string{"cl_maria"}, []string{"th_b/m_b1", "th_a/m_a2"}}, // th_b: a participant, not its client's file
		{ben, []string{"cl_marta"}, []string{"th_b/m_b1"}},
		{dee, []string{}, []string{}}, // deactivated
	} {
		_, th := hitIDs(search(t, db, c.member, "balayage"))
		cl, _ := hitIDs(search(t, db, c.member, "mar"))
		if !slices.Equal(th, c.threads) || !slices.Equal(cl, c.clients) {
			t.Errorf("%s: clients %v threads %v, want %v %v", c.member, cl, th, c.clients, c.threads)
		}
	}
	if _, err := db.Search(model.SearchQuery{Member: "mb_nobody", Text: "bala"}); model.CodeOf(err) != model.CodeForbidden {
		t.Fatalf("unknown member: %v", err)
	}
}

// byHand runs fn as one projection batch, the way a write would after changing documents.
func byHand(t *testing.T, db *DB, fn func(b *batch) error) {
	t.Helper()
	db.mu.Lock()
	defer db.mu.Unlock()
	b := db.newBatch()
	defer b.txn.Discard()
	must(t, fn(b))
	must(t, db.commitBatch(b))
}

func TestSearchKeysMoveWhenRowsChangeOrGo(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedSearch(t, db)
	// No use case edits a message body yet; the projection's own row writer does what a merge
	// of such an edit would.
	edited := msg("m_a1", model.KindMessage, "", "Can I book highlights on Sunday?", 100)
	byHand(t, db, func(b *batch) error {
		_, err := b.putMessage("th_a", keyMessage("th_a", 100, "m_a1"), &edited, false)
		return err
	})
	if _, th := hitIDs(search(t, db, olga, "saturday")); !slices.Equal(th, []string{"th_c/m_c1"}) {
		t.Fatalf("old words still found: %v", th)
	}
	if _, th := hitIDs(search(t, db, olga, "highlight")); !slices.Equal(th, []string{"th_a/m_a1"}) {
		t.Fatalf("new words not found: %v", th)
	}
	checkSearchKeys(t, db) // not checkConsistent: by hand, the thread rows keep their counts

	gone := edited
	gone.Deleted = true
	byHand(t, db, func(b *batch) error {
		_, err := b.putMessage("th_a", keyMessage("th_a", 100, "m_a1"), &gone, false)
		return err
	})
	if _, th := hitIDs(search(t, db, olga, "highlights")); len(th) != 0 {
		t.Fatalf("a deleted message is found: %v", th)
	}
	byHand(t, db, func(b *batch) error {
		_, err := b.deleteMessage("th_b", keyMessage("th_b", 200, "m_b1"))
		return err
	})
	if _, th := hitIDs(search(t, db, olga, "short hair")); len(th) != 0 {
		t.Fatalf("a removed row is found: %v", th)
	}
	checkSearchKeys(t, db)

	// A renamed client moves; a deleted client and a deleted thread are no longer found.
	update(t, db, 400, func(tx ports.Tx) error {
		d, err := tx.Doc("cl_marta")
		if err != nil {
			return err
		}
		if err := d.Client().SetName("Martina Ruiz"); err != nil {
			return err
		}
		d, err = tx.Doc("cl_maria")
		if err != nil {
			return err
		}
		if err := d.Client().SetDeleted(true); err != nil {
			return err
		}
		d, err = tx.Doc("th_c")
		if err != nil {
			return err
		}
		return d.Thread().SetDeleted(true)
	})
	if cl, _ := hitIDs(search(t, db, olga, "martina")); !slices.Equal(cl, []string{"cl_marta"}) {
		t.Fatalf("renamed client: %v", cl)
	}
	if cl, _ := hitIDs(search(t, db, olga, "diaz")); len(cl) != 0 {
		t.Fatalf("old name still found: %v", cl)
	}
	if cl, th := hitIDs(search(t, db, olga, "saturday maria")); len(cl)+len(th) != 0 {
		t.Fatalf("deleted rows found: %v %v", cl, th)
	}
	if _, th := hitIDs(search(t, db, olga, "thanks")); len(th) != 0 {
		t.Fatalf("a deleted thread's messages are found: %v", th)
	}
	checkSearchKeys(t, db)
}

func TestSearchFindsSubjectsAndKeepsOneHitPerThread(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedSearch(t, db)
	update(t, db, 500, func(tx ports.Tx) error {
		d, err := tx.Doc("th_d")
		if err != nil {
			return err
		}
		return d.Thread().Create(model.Thread{BrandID: brand1, ClientID: "cl_maria", ClientName: "María López",
			Channel: model.ChannelEmail, Subject: "Balayage price list", CreatedAt: 500})
	})
	res := search(t, db, olga, "balayage")
	if _, th := hitIDs(res); !slices.Equal(th, []string{"th_d/", "th_b/m_b1", "th_a/m_a2"}) {
		t.Fatalf("hits %v", th)
	}
	if res.Threads[0].Kind != model.HitSubject || res.Threads[0].Snippet != "Balayage price list" {
		t.Fatalf("subject hit %+v", res.Threads[0])
	}
	res, err := db.Search(model.SearchQuery{Member: olga, Text: "balayage", Limit: 2})
	must(t, err)
	if len(res.Threads) != 2 {
		t.Fatalf("limit 2 gave %d hits", len(res.Threads))
	}
}

func TestRemoteChangesAreIndexedLikeLocalOnes(t *testing.T) {
	a := openTest(t, t.TempDir())
	seedSearch(t, a)
	b := openTest(t, t.TempDir())
	applyRemote(t, b, "main", outboxItems(t, a, 0))
	want := search(t, a, olga, "bala")
	if got := search(t, b, olga, "bala"); !reflect.DeepEqual(got, want) || len(got.Threads) != 2 {
		t.Fatalf("remote store finds %+v, local %+v", got, want)
	}
	checkConsistent(t, b)
}

func TestLastWordStartingManyTokensIsCheckedOnTheRows(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedSearch(t, db)
	createThread(t, db, threadSpec{id: "th_s", brand: brand1, createdAt: 400, messages: []model.Message{
		msg("m_s1", model.KindMessage, "", "Blonde salon sage salt sand sandy sari sash satin sauce savvy", 400),
		msg("m_s2", model.KindMessage, "", "Salon is closed", 410),
	}})
	for text, want := range map[string][]string{
		"blonde sa":  {"th_s/m_s1"}, // "sa" starts more than maxUnion tokens
		"blonde sav": {"th_s/m_s1"},
		"closed sa":  {"th_s/m_s2"},
		"blonde sh":  {"th_b/m_b1"},
	} {
		if _, th := hitIDs(search(t, db, olga, text)); !slices.Equal(th, want) {
			t.Errorf("%q: %v, want %v", text, th, want)
		}
	}
}

func TestStopWordsAreNotIndexed(t *testing.T) {
	if got := distinctTokens("Can you do the balayage on Saturday, or with Léa?"); !slices.Equal(got, []string{"balayage", "saturday", "lea"}) {
		t.Fatalf("tokens %q", got)
	}
	if tm, _ := parseTerms("with the bal"); len(tm.exact) != 0 || tm.last != "bal" {
		t.Fatalf("terms %+v", tm)
	}
}

func TestStoreWithStopWordsInItsSearchIndexLosesThemWhenOpened(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	must(t, err)
	seedSearch(t, db)
	want := search(t, db, olga, "bala")
	// A version 2 store also indexed "the" and "can".
	must(t, db.bdb.Update(func(txn *badger.Txn) error {
		for _, k := range searchKeys(searchMessage, messageSearchSort("th_a", 100, "m_a1"), []string{"can", "the"}) {
			if err := txn.Set([]byte(k), nil); err != nil {
				return err
			}
		}
		return txn.Set(keyIxVersion, appendU64(nil, 2))
	}))
	must(t, db.Close())

	db = openTest(t, dir)
	if got := search(t, db, olga, "bala"); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the upgrade %+v, want %+v", got, want)
	}
	checkConsistent(t, db)
}

func TestStoreFromBeforeTheSearchIndexGainsItWhenOpened(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, Logger: quiet})
	must(t, err)
	seedSearch(t, db)
	want := search(t, db, olga, "bala")
	// Make it look like a version 1 store: no search keys.
	must(t, db.bdb.DropPrefix([]byte(prefixSearch)))
	must(t, db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(keyIxVersion, appendU64(nil, 1))
	}))
	if got := search(t, db, olga, "bala"); len(got.Threads) != 0 {
		t.Fatalf("the index is still there: %+v", got)
	}
	must(t, db.Close())

	db = openTest(t, dir)
	if got := search(t, db, olga, "bala"); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the upgrade %+v, want %+v", got, want)
	}
	checkConsistent(t, db)
}
