package localdb

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/crdt"
	"huddle/internal/model"
	"huddle/internal/ports"
)

// scheduledReply is Ana's reply on threadID, scheduled to go at sendAt.
func scheduledReply(threadID, id string, sendAt int64) model.Message {
	return model.Message{ID: id, ThreadID: threadID, Kind: model.KindMessage, Direction: model.DirOutbound,
		AuthorID: ana, Body: "See you at 3", CreatedAt: sendAt, Delivery: model.DeliveryScheduled, SendAt: sendAt}
}

// onThread writes to thread th_a at ms.
func onThread(t *testing.T, db *DB, ms int64, fn func(th crdt.Thread) error) {
	t.Helper()
	update(t, db, ms, func(tx ports.Tx) error {
		d, err := tx.Doc("th_a")
		if err != nil {
			return err
		}
		return fn(d.Thread())
	})
}

// scheduleIndex returns the send times in the schedule index, soonest first, after checking
// the index and its size (ixn/) against the message rows: the entries must be exactly those
// of the rows of replies waiting to go.
func scheduleIndex(t *testing.T, db *DB) []int64 {
	t.Helper()
	var got, want []string
	var size int64
	must(t, db.bdb.View(func(txn *badger.Txn) error {
		p := []byte(prefixScheduleIx)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p})
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			got = append(got, string(it.Item().Key()[len(p):]))
		}
		it.Close()
		eachRow(t, txn, prefixMessage, func(raw []byte) {
			var m model.Message
			must(t, decodeRow(raw, &m))
			for _, e := range scheduledEntries(&m) {
				want = append(want, e.sort)
			}
		})
		raw, err := getValue(txn, keyIndexCount(prefixScheduleIx))
		size = int64(u64(raw))
		return err
	}))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("schedule index holds %v, the rows of replies waiting to go say %v", ixReadable(got), ixReadable(want))
	}
	if size != int64(len(got)) {
		t.Fatalf("schedule index size %d, entries %d", size, len(got))
	}
	out := []int64{}
	for _, k := range got {
		out = append(out, int64(u64([]byte(k[:8]))))
	}
	return out
}

// ixReadable shows schedule index entries as "sendAt/createdAt thread message".
func ixReadable(sorts []string) []string {
	out := []string{}
	for _, k := range sorts {
		out = append(out, fmt.Sprintf("%d/%d %s", u64([]byte(k[:8])), u64([]byte(k[8:16])), strings.ReplaceAll(k[16:], sep, " ")))
	}
	return out
}

// rowsOf returns the stored rows of one message: a move must leave exactly one.
func rowsOf(t *testing.T, db *DB, threadID, id string) []model.Message {
	t.Helper()
	ms, err := db.Messages(threadID)
	must(t, err)
	var out []model.Message
	for _, m := range ms {
		if m.ID == id {
			out = append(out, m)
		}
	}
	return out
}

// oneRow returns the one stored row of a message.
func oneRow(t *testing.T, db *DB, id string) model.Message {
	t.Helper()
	rows := rowsOf(t, db, "th_a", id)
	if len(rows) != 1 {
		t.Fatalf("message %s has %d rows: %+v", id, len(rows), rows)
	}
	return rows[0]
}

// The index and its size follow each step of a scheduled reply's life, on the device that
// writes it, on one that merges each change as it comes, and on one that catches up on
// several changes at once (a merge names the messages it changed, and the old row of a moved
// reply must be found from its creation time before the merge).
func TestTheScheduleIndexFollowsAReplyThroughEditSendAndCancelOnEveryDevice(t *testing.T) {
	a := openTest(t, t.TempDir())
	live := openTest(t, t.TempDir())
	late := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	createThread(t, a, threadSpec{id: "th_a", brand: brand1, createdAt: 100,
		messages: []model.Message{msg("m_in", model.KindMessage, "", "Can I come at 3?", 100)}})
	seq := replicate(t, a, live, 0)

	type step struct {
		name string
		ms   int64
		do   func(th crdt.Thread) error
		want []int64 // send times in the index
	}
	steps := []step{
		{"schedule two", 200, func(th crdt.Thread) error {
			if err := th.AddMessage(scheduledReply("th_a", "m1", 10_000)); err != nil {
				return err
			}
			return th.AddMessage(scheduledReply("th_a", "m2", 12_000))
		}, []int64{10_000, 12_000}},
		{"edit m1's text only", 250, func(th crdt.Thread) error { return th.EditScheduled("m1", "See you at 4", 10_000) },
			[]int64{10_000, 12_000}},
		{"move m1 later", 300, func(th crdt.Thread) error { return th.EditScheduled("m1", "See you at 4", 20_000) },
			[]int64{12_000, 20_000}},
		{"send m2 early", 400, func(th crdt.Thread) error { return th.MarkSent("m2", "See you at 3", 400) },
			[]int64{20_000}},
		{"cancel m1", 500, func(th crdt.Thread) error { return th.CancelScheduled("m1", olga, 500) },
			[]int64{}},
	}
	var lateSplit uint64 // a's outbox after "move m1 later": the first window of the late device
	for _, s := range steps {
		onThread(t, a, s.ms, s.do)
		seq = replicate(t, a, live, seq)
		for name, db := range map[string]*DB{"writer": a, "merging": live} {
			if got := scheduleIndex(t, db); !slices.Equal(got, s.want) {
				t.Fatalf("%s, %s: index at %v, want %v", s.name, name, got, s.want)
			}
		}
		if s.name == "move m1 later" {
			lateSplit = seq
		}
	}
	for name, db := range map[string]*DB{"writer": a, "merging": live} {
		if m1 := oneRow(t, db, "m1"); m1.CreatedAt != 20_000 || m1.Delivery != model.DeliveryCancelled || m1.IsActivity() {
			t.Fatalf("%s: cancelled m1 %+v", name, m1)
		}
		if m2 := oneRow(t, db, "m2"); m2.CreatedAt != 400 || m2.SentAt != 400 || !m2.IsActivity() {
			t.Fatalf("%s: sent m2 %+v", name, m2)
		}
		th, err := db.Thread("th_a")
		must(t, err)
		if th.MessageCount != 2 || th.LastActivityAt != 400 || th.LastPreview != "See you at 3" {
			t.Fatalf("%s: the sent reply is the thread's last activity, the cancelled one is none: %+v", name, th)
		}
	}

	items := stream(outboxItems(t, a, 0))
	applyRemote(t, late, relay1, items[:lateSplit])
	if got := scheduleIndex(t, late); !slices.Equal(got, []int64{12_000, 20_000}) {
		t.Fatalf("caught up to the move: index at %v", got)
	}
	oneRow(t, late, "m1")
	applyRemote(t, late, relay1, items[lateSplit:])
	if got := scheduleIndex(t, late); len(got) != 0 {
		t.Fatalf("caught up: index at %v", got)
	}
	if !reflect.DeepEqual(mustMessages(t, late), mustMessages(t, a)) {
		t.Fatalf("timelines differ:\n%+v\n%+v", mustMessages(t, late), mustMessages(t, a))
	}
}

func mustMessages(t *testing.T, db *DB) []model.Message {
	t.Helper()
	ms, err := db.Messages("th_a")
	must(t, err)
	return ms
}

// Two devices move a reply at once, then one sends it while the other moves it again: each
// merge must leave one row and the entry (or none) that row implies, the same on both.
func TestConcurrentMovesAndASendMergeToOneRowAndOneEntry(t *testing.T) {
	a := openTest(t, t.TempDir())
	b := openTest(t, t.TempDir())
	seedWorkspace(t, a)
	createThread(t, a, threadSpec{id: "th_a", brand: brand1, createdAt: 100,
		messages: []model.Message{scheduledReply("th_a", "m1", 10_000)}})
	seqA := replicate(t, a, b, 0)
	var seqB uint64
	exchange := func() {
		seqA = replicate(t, a, b, seqA)
		seqB = replicate(t, b, a, seqB)
	}

	onThread(t, a, 200, func(th crdt.Thread) error { return th.EditScheduled("m1", "from a", 20_000) })
	onThread(t, b, 210, func(th crdt.Thread) error { return th.EditScheduled("m1", "from b", 30_000) })
	exchange()
	ra, rb := oneRow(t, a, "m1"), oneRow(t, b, "m1")
	if !reflect.DeepEqual(ra, rb) || !ra.Pending() {
		t.Fatalf("after two moves the devices hold\n%+v\n%+v", ra, rb)
	}
	ia, ib := scheduleIndex(t, a), scheduleIndex(t, b)
	if !slices.Equal(ia, ib) || len(ia) != 1 || ia[0] != ra.SendAt {
		t.Fatalf("after two moves the indexes are %v and %v for a reply due at %d", ia, ib, ra.SendAt)
	}

	onThread(t, a, 300, func(th crdt.Thread) error { return th.MarkSent("m1", ra.Body, 300) })
	onThread(t, b, 310, func(th crdt.Thread) error { return th.EditScheduled("m1", "too late", 40_000) })
	exchange()
	ra, rb = oneRow(t, a, "m1"), oneRow(t, b, "m1")
	if !reflect.DeepEqual(ra, rb) || ra.SentAt != 300 || ra.Pending() {
		t.Fatalf("after a send and a move the devices hold\n%+v\n%+v", ra, rb)
	}
	if ia, ib := scheduleIndex(t, a), scheduleIndex(t, b); len(ia)+len(ib) != 0 {
		t.Fatalf("a sent reply is still in the index: %v, %v", ia, ib)
	}
}

// NextScheduled is asked for what comes after a pass: what is due at or before it is that
// pass's work, and a reply that is no longer waiting is not a reason to wake up.
func TestNextScheduledSkipsSendTimesAtOrBeforeAfterAndRepliesNoLongerWaiting(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_a", brand: brand1, createdAt: 100, messages: []model.Message{
		scheduledReply("th_a", "m5", 5_000), scheduledReply("th_a", "m6", 6_000), scheduledReply("th_a", "m6b", 6_000),
		scheduledReply("th_a", "m7", 7_000), scheduledReply("th_a", "m8", 8_000), scheduledReply("th_a", "m9", 9_000)}})
	onThread(t, db, 200, func(th crdt.Thread) error {
		if err := th.MarkSent("m8", "See you at 3", 200); err != nil {
			return err
		}
		return th.CancelScheduled("m9", ana, 200)
	})
	for _, c := range []struct {
		after, want int64
		ok          bool
	}{
		{-1, 5_000, true}, {0, 5_000, true}, {4_999, 5_000, true}, {5_000, 6_000, true},
		{5_999, 6_000, true}, {6_000, 7_000, true}, {7_000, 0, false}, {1 << 62, 0, false},
	} {
		at, ok, err := db.NextScheduled(c.after)
		must(t, err)
		if at != c.want || ok != c.ok {
			t.Errorf("NextScheduled(%d) = %d, %v; want %d, %v", c.after, at, ok, c.want, c.ok)
		}
	}
}

// A pass takes the replies due by its time, soonest first and at most as many as it asks
// for, each with its thread; a deleted thread's replies never go.
func TestScheduledRepliesAreTheDueOnesSoonestFirstWithoutDeletedThreads(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	createThread(t, db, threadSpec{id: "th_a", brand: brand1, createdAt: 100, messages: []model.Message{scheduledReply("th_a", "ma", 5_000)}})
	createThread(t, db, threadSpec{id: "th_b", brand: brand2, createdAt: 110, messages: []model.Message{scheduledReply("th_b", "mb", 4_000)}})
	createThread(t, db, threadSpec{id: "th_c", brand: brand1, createdAt: 120, messages: []model.Message{scheduledReply("th_c", "mc", 3_000)}})
	update(t, db, 130, func(tx ports.Tx) error {
		d, _ := tx.Doc("th_c")
		return d.Thread().SetDeleted(true)
	})
	ids := func(upTo int64, limit int) []string {
		rs, err := db.ScheduledReplies(upTo, limit)
		must(t, err)
		out := []string{}
		for _, r := range rs {
			if r.Thread.ID != r.Message.ThreadID || !r.Message.Pending() {
				t.Fatalf("listed %+v", r)
			}
			out = append(out, r.Message.ID)
		}
		return out
	}
	for _, c := range []struct {
		upTo  int64
		limit int
		want  []string
	}{
		{3_999, 10, []string{}}, {4_000, 10, []string{"mb"}}, {5_000, 10, []string{"mb", "ma"}}, {5_000, 1, []string{"mb"}},
	} {
		if got := ids(c.upTo, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("ScheduledReplies(%d, %d) = %v, want %v", c.upTo, c.limit, got, c.want)
		}
	}
}
