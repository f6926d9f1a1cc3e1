//go:build unix

package relay

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"
)

var readyURL = regexp.MustCompile(`msg="relay ready".*(nats://127\.0\.0\.1:\d+)`)

// relayProc is a `huddle relay` child process: this test binary re-executed into Main.
type relayProc struct {
	cmd     *exec.Cmd
	url     string        // loopback URL from its "relay ready" log line
	drained chan struct{} // closed when its stderr reached EOF, i.e. it exited
}

// relayProcess starts `huddle relay` with args and waits until it reports ready.
func relayProcess(t *testing.T, args ...string) *relayProc {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(raw))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &relayProc{cmd: cmd, drained: make(chan struct{})}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.drained
			cmd.Wait()
		}
	})

	found := make(chan string, 1)
	go func() {
		defer close(p.drained)
		// Keeps reading after "ready" so the child never blocks on a full pipe; Wait must
		// not run before this loop ends (it closes the pipe).
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			t.Log("relay: " + sc.Text())
			if m := readyURL.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case p.url = <-found:
		return p
	case <-p.drained:
		t.Fatal("relay exited before it was ready")
	case <-time.After(testWait):
		t.Fatal("relay did not report ready")
	}
	return nil
}

// stop sends SIGTERM and returns the exit status.
func (p *relayProc) stop(t *testing.T) int {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.drained:
	case <-time.After(testWait):
		t.Fatal("relay did not stop on SIGTERM")
	}
	err := p.cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

func TestRelayCommandServesDevicesAndStopsCleanlyOnSIGTERM(t *testing.T) {
	a := newAuthority(t, "salon")
	creds := issue(t, a, "desk")
	data := filepath.Join(t.TempDir(), "relay-data") // created by the relay

	p := relayProcess(t, "--data", data, "--trust", writeTrustFile(t, a), "--listen", "127.0.0.1:0")
	nc := connect(t, p.url, creds.Option())
	if err := nc.Publish("hello", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	if code := p.stop(t); code != 0 {
		t.Fatalf("exit status %d after SIGTERM, want 0", code)
	}

	// The trust was kept in the data folder: a restart needs only --data.
	p = relayProcess(t, "--data", data, "--listen", "127.0.0.1:0")
	connect(t, p.url, creds.Option()).Close()
	if code := p.stop(t); code != 0 {
		t.Fatalf("exit status %d after SIGTERM, want 0", code)
	}
}
