package notify_test

import (
	"fmt"
	"huddle/internal/desktop/desktoptest"
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
)

func TestAnAssignmentAndAMentionAreRaisedOnceForTheMemberSignedIn(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	_, err := f.in.AddNote(f.ctx, f.olga.ID, f.thread.ID, "@ana can you call her back?")
	f.must(err)
	_, err = f.in.AddNote(f.ctx, f.olga.ID, f.thread.ID, "@ben this one is for Ben")
	f.must(err)
	f.tick(0)
	got := f.desk.Take()
	want := []desktoptest.Shown{
		{Title: "Assigned to you: Maria Lopez", Body: "Olga Owner assigned you the conversation with Maria Lopez.", Sound: true},
		{Title: "Olga Owner mentioned you", Body: "On Maria Lopez: “@ana can you call her back?”", Sound: true},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("shown %+v, want %+v", got, want)
	}
	f.tick(time.Second)
	if again := f.desk.Take(); len(again) != 0 {
		t.Fatalf("raised twice: %+v", again)
	}
	// Ana assigning herself is nobody's news.
	f.must(f.in.Assign(f.ctx, f.ana.ID, f.thread.ID, f.ana.ID))
	f.tick(0)
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("Ana was told of her own doing: %+v", got)
	}
}

func TestOnlyTheMemberSignedInIsToldAndOthersNewsIsNotKeptForLater(t *testing.T) {
	f := newFixture(t)
	f.signedIn = f.ben.ID
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	f.tick(0)
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("Ben's desk showed Ana's news: %+v", got)
	}
	f.signedIn = f.ana.ID // Ana sits down later: her centre has it, her desk stays quiet
	f.tick(time.Second)
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("Ana's news of before she sat down was raised: %+v", got)
	}
	if got := f.list(f.ana.ID); len(got.Items) != 1 {
		t.Fatalf("Ana's centre lists %d", len(got.Items))
	}
}

func TestPreferencesChooseWhatIsRaised(t *testing.T) {
	f := newFixture(t)
	p := model.DefaultNotifyPrefs
	p.Assigned, p.Sound = false, false
	f.must(f.notify.SetPrefs(f.ctx, f.ana.ID, p))
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	_, err := f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Is Friday free?")
	f.must(err)
	f.tick(0)
	got := f.desk.Take()
	if len(got) != 1 || got[0].Title != "New message from Maria Lopez" || got[0].Body != "Is Friday free?" || got[0].Sound {
		t.Fatalf("with assignments off and no sound: %+v", got)
	}

	// Threads Ana follows tell her only when she asks for more than her own.
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ben.ID))
	f.must(f.in.Follow(f.ctx, f.ana.ID, f.thread.ID, true))
	_, err = f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Hello?")
	f.must(err)
	f.tick(0)
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("only-assigned raised a followed thread: %+v", got)
	}
	p.OnlyAssigned = false
	f.must(f.notify.SetPrefs(f.ctx, f.ana.ID, p))
	_, err = f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Anyone?")
	f.must(err)
	f.tick(0)
	if got := f.desk.Take(); len(got) != 1 || got[0].Body != "Anyone?" {
		t.Fatalf("a followed thread with only-assigned off: %+v", got)
	}
}

func TestQuietHoursHoldEverythingAndADigestFollows(t *testing.T) {
	for _, whose := range []string{"member", "workspace"} {
		t.Run(whose, func(t *testing.T) {
			f := newFixture(t)
			q := model.QuietHours{On: true, From: "08:30", To: "10:00"} // the fixture's day starts at 9:00
			if whose == "member" {
				p := model.DefaultNotifyPrefs
				p.Quiet = q
				f.must(f.notify.SetPrefs(f.ctx, f.ana.ID, p))
			} else {
				f.must(f.notify.SetWorkspaceQuiet(f.ctx, f.olga.ID, q))
			}
			f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
			_, err := f.in.AddNote(f.ctx, f.olga.ID, f.thread.ID, "@ana please call")
			f.must(err)
			_, err = f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Is Friday free?")
			f.must(err)
			next := f.tick(0)
			if got := f.desk.Take(); len(got) != 0 {
				t.Fatalf("raised in quiet hours: %+v", got)
			}
			if end := time.Date(2025, 3, 1, 10, 0, 0, 0, time.Local); !next.Equal(end) {
				t.Fatalf("next pass at %v, want the end of quiet hours %v", next, end)
			}
			// A restart in between loses nothing: what was held is on disk.
			f.dispatcher = f.newDispatcher()
			f.tick(30 * time.Minute)
			if got := f.desk.Take(); len(got) != 0 {
				t.Fatalf("raised in quiet hours after a restart: %+v", got)
			}
			f.tick(time.Hour + time.Minute)
			got := f.desk.Take()
			want := []desktoptest.Shown{{Title: "While you were away", Body: "1 conversation and 1 mention while you were away.", Sound: true}}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("after quiet hours: %+v, want %+v", got, want)
			}
			f.tick(time.Hour + 2*time.Minute)
			if got := f.desk.Take(); len(got) != 0 {
				t.Fatalf("the digest came twice: %+v", got)
			}
		})
	}
}

func TestNewsThatArrivesLateIsSummedUpNotRaisedOneByOne(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	_, err := f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Is Friday free?")
	f.must(err)
	f.tick(2 * time.Hour) // a device that was offline all morning hears of it now
	got := f.desk.Take()
	if len(got) != 1 || got[0].Body != "1 conversation while you were away." {
		t.Fatalf("late news: %+v", got)
	}
	// What is more than a day old is history, not news.
	_, err = f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, "Hello?")
	f.must(err)
	f.tick(25 * time.Hour)
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("a day-old message was raised: %+v", got)
	}
}

func TestABurstBecomesOneSummary(t *testing.T) {
	f := newFixture(t)
	f.must(f.in.Assign(f.ctx, f.olga.ID, f.thread.ID, f.ana.ID))
	for i := range 4 {
		_, err := f.in.LogInbound(f.ctx, f.olga.ID, f.thread.ID, fmt.Sprint("message ", i))
		f.must(err)
	}
	f.tick(0)
	got := f.desk.Take()
	if len(got) != 1 || got[0].Title != "5 new notifications" || got[0].Body != "1 conversation." {
		t.Fatalf("a burst of five: %+v", got)
	}
}

func TestRemindersFireOnceAtTheirTimeAndAfterARestart(t *testing.T) {
	f := newFixture(t)
	f.tick(0) // this device has run for Ana before the reminders are set
	at := start.Add(time.Hour)
	tk, err := f.tasks.Create(f.ctx, f.olga.ID, tasksNew(f, "Call back Maria", at.UnixMilli()))
	f.must(err)
	next := f.tick(0)
	if !next.Equal(at) {
		t.Fatalf("next pass at %v, want the reminder's time %v", next, at)
	}
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("raised before its time: %+v", got)
	}
	f.dispatcher.Tick(at)
	got := f.desk.Take()
	if len(got) != 1 || got[0].Title != "Reminder: Call back Maria" || !strings.Contains(got[0].Body, "Maria Lopez") {
		t.Fatalf("at its time: %+v", got)
	}
	if f.centreChanged == 0 {
		t.Fatal("the centre was not told a reminder came due")
	}
	f.dispatcher.Tick(at.Add(time.Minute))
	f.dispatcher = f.newDispatcher() // a restart
	f.dispatcher.Tick(at.Add(2 * time.Minute))
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("raised twice: %+v", got)
	}

	// Snoozed: a new reminder, raised at its new time.
	_, err = f.tasks.Snooze(f.ctx, f.ana.ID, tk.ID, 10)
	f.must(err)
	f.dispatcher.Tick(f.clock.T.Add(11 * time.Minute))
	if got := f.desk.Take(); len(got) != 1 {
		t.Fatalf("after a snooze: %+v", got)
	}

	// Missed while the app was closed: raised once on the next start.
	_, err = f.tasks.Create(f.ctx, f.olga.ID, tasksNew(f, "Order colour", f.clock.T.Add(20*time.Minute).UnixMilli()))
	f.must(err)
	f.dispatcher = f.newDispatcher()
	f.dispatcher.Tick(f.clock.T.Add(3 * time.Hour))
	if got := f.desk.Take(); len(got) != 1 || got[0].Title != "Reminder: Order colour" {
		t.Fatalf("a reminder missed while closed: %+v", got)
	}
	f.dispatcher.Tick(f.clock.T.Add(3*time.Hour + time.Minute))
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("the missed reminder came twice: %+v", got)
	}
}

func TestAReminderOfBeforeThisDeviceKnewTheMemberIsNotNews(t *testing.T) {
	f := newFixture(t)
	_, err := f.tasks.Create(f.ctx, f.olga.ID, tasksNew(f, "Old task", start.Add(-time.Hour).UnixMilli()))
	f.must(err)
	f.tick(0) // the first pass for Ana on this device
	if got := f.desk.Take(); len(got) != 0 {
		t.Fatalf("an old reminder was raised on a new device: %+v", got)
	}
	if page := f.list(f.ana.ID); len(page.Items) != 1 || page.Items[0].Kind != model.NotifyReminder {
		t.Fatalf("the centre lists %+v", page.Items)
	}
}
