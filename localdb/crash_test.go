package localdb

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
)

// The crash tests re-run this test binary as a child process that uses a store; the variable
// says which child role to play and in which folder.
const (
	childRoleEnv = "LOCALDB_TEST_CHILD_ROLE"
	childDirEnv  = "LOCALDB_TEST_CHILD_DIR"
)

func startChild(t *testing.T, test, role, dir string) (*exec.Cmd, io.WriteCloser, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childRoleEnv+"="+role, childDirEnv+"="+dir)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	must(t, err)
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, stdin, bufio.NewScanner(stdout)
}

func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	if os.Getenv(childRoleEnv) == "writer" {
		runWriterChild(os.Getenv(childDirEnv))
		return
	}
	dir := t.TempDir()
	cmd, _, out := startChild(t, "TestAcknowledgedWritesSurviveKill9", "writer", dir)
	killAfter := 150 + rand.IntN(250)
	type ack struct{ doc, item string }
	var acks []ack
	killed := false
	for out.Scan() {
		f := strings.Fields(out.Text())
		if len(f) != 3 || f[0] != "ACK" {
			continue // go test's own output
		}
		acks = append(acks, ack{f[1], f[2]})
		if len(acks) == killAfter && !killed {
			must(t, cmd.Process.Kill()) // SIGKILL: no deferred code, no Close
			killed = true
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("the writer stopped after %d writes before it was killed", len(acks))
	}
	if state := cmd.ProcessState; state.Success() {
		t.Fatal("the writer exited cleanly; it should have been killed")
	}

	db := openTest(t, dir)
	perDoc := map[string]int{}
	for _, a := range acks {
		perDoc[a.doc]++
		switch model.TypeOf(a.doc) {
		case model.DocThread:
			ms, err := db.Messages(a.doc)
			must(t, err)
			if !slices.ContainsFunc(ms, func(m model.Message) bool { return m.ID == a.item }) {
				t.Fatalf("acknowledged message %s of %s lost", a.item, a.doc)
			}
		case model.DocTask:
			if _, err := db.Task(a.doc); err != nil {
				t.Fatalf("acknowledged task %s lost: %v", a.doc, err)
			}
		case model.DocWorkspace:
			if _, err := db.Workspace(); err != nil {
				t.Fatalf("acknowledged workspace lost: %v", err)
			}
		}
	}
	checkConsistent(t, db)
	entries, err := db.Outbox(0, 0)
	must(t, err)
	got := map[string]int{}
	for _, e := range entries {
		got[e.DocID]++
	}
	for doc, n := range perDoc {
		if got[doc] < n {
			t.Fatalf("%s: %d acknowledged writes, %d outbox entries", doc, n, got[doc])
		}
	}
	// At most the one write in flight at the kill committed without being acknowledged.
	if len(entries) > len(acks)+1 {
		t.Fatalf("%d outbox entries for %d acknowledged writes", len(entries), len(acks))
	}
	t.Logf("killed after %d acknowledged writes; %d outbox entries", len(acks), len(entries))
}

// runWriterChild writes until it is killed, printing each write once Update acknowledged it.
func runWriterChild(dir string) {
	db, err := Open(dir, Options{Logger: quiet}) // the default: fsync on
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	ackf := func(doc, item string) { fmt.Fprintf(os.Stdout, "ACK %s %s\n", doc, item) }
	err = db.Update(ctx, time.UnixMilli(1), func(tx ports.Tx) error {
		d, err := tx.Doc(model.WorkspaceDocID)
		if err != nil {
			return err
		}
		if err := d.Workspace().Create("Crash salon", 1); err != nil {
			return err
		}
		for _, m := range fixtureMembers() {
			if err := d.Workspace().PutMember(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		os.Exit(2)
	}
	ackf(model.WorkspaceDocID, "-")
	deadline := time.Now().Add(time.Minute) // a safety net should the parent never kill us
	for i := 0; time.Now().Before(deadline); i++ {
		ms := int64(1000 + i)
		thread := fmt.Sprintf("th_%04d", i/4)
		item := fmt.Sprintf("m_%05d", i)
		err := db.Update(ctx, time.UnixMilli(ms), func(tx ports.Tx) error {
			if i%7 == 3 {
				thread = fmt.Sprintf("tk_%05d", i)
				d, err := tx.Doc(thread)
				if err != nil {
					return err
				}
				return d.Task().Create(model.Task{Title: "call", BrandID: brand1, AssigneeID: ana, DueAt: ms})
			}
			d, err := tx.Doc(thread)
			if err != nil {
				return err
			}
			if ok, _ := d.Exists(); !ok {
				if err := buildThread(d, threadSpec{id: thread, brand: brand1, channel: model.ChannelSMS, createdAt: ms}); err != nil {
					return err
				}
			}
			if i%5 == 0 {
				if err := d.Thread().SetAssignee(ana); err != nil {
					return err
				}
			}
			return d.Thread().AddMessage(msg(item, model.KindMessage, "", "write "+item, ms))
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "child write:", err)
			os.Exit(2)
		}
		ackf(thread, item)
	}
	os.Exit(3)
}

func TestSecondOpenFromAnotherProcessFailsWithLockedError(t *testing.T) {
	if os.Getenv(childRoleEnv) == "holder" {
		db, err := Open(os.Getenv(childDirEnv), Options{Logger: quiet})
		if err != nil {
			os.Exit(2)
		}
		fmt.Println("READY")
		_, _ = io.Copy(io.Discard, os.Stdin) // hold the store until the parent closes stdin
		db.Close()
		return
	}
	dir := t.TempDir()
	cmd, stdin, out := startChild(t, "TestSecondOpenFromAnotherProcessFailsWithLockedError", "holder", dir)
	for out.Scan() && out.Text() != "READY" {
	}
	before := folderContents(t, dir)
	_, err := Open(dir, Options{Logger: quiet})
	if model.CodeOf(err) != model.CodeLocked || !strings.Contains(err.Error(), "Huddle is already running with this data folder ("+dir+")") {
		t.Fatalf("open while another process holds the folder: %v", err)
	}
	after := folderContents(t, dir)
	delete(before, dir+"/LOCK") // the holder's pid file is the holder's business
	delete(after, dir+"/LOCK")
	if len(before) != len(after) {
		t.Fatal("the failed open changed the folder")
	}
	stdin.Close()
	must(t, cmd.Wait())
	openTest(t, dir) // free again once the other process is gone
}
