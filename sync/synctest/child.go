package synctest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"

	"huddle/internal/ports"
	"huddle/localdb"
	"huddle/sync/relay"
	"huddle/sync/replicator"
)

// A child device is a device in another process: the test binary run again, which opens a
// store WITH fsync, syncs it, and runs random operations, printing "ACK <message-id>" on
// stdout after each operation that wrote a message has returned. The parent kills it with
// SIGKILL whenever it likes and starts it again on the same folder: every ACKed message must
// survive that, reach the relay, and reach every other device.
//
// A test package that uses children calls RunChildIfAsked first thing in its TestMain.

const childEnv = "HUDDLE_SYNCTEST_CHILD"

// ChildConfig is what a child device runs with.
type ChildConfig struct {
	Dir          string      `json:"dir"`
	URL          string      `json:"url"`
	Creds        relay.Creds `json:"creds"`
	Workspace    string      `json:"workspace"`
	CompactAfter int         `json:"compactAfter"`
	Seed         uint64      `json:"seed"`
	Ops          int         `json:"ops"` // after them, the child publishes its outbox and exits
	World        World       `json:"world"`
	ClockStart   time.Time   `json:"clockStart"`
}

// ChildConfig returns the configuration for running this device in a child process: its
// folder, relay and credentials. The device's store must be closed while the child runs.
func (d *Device) ChildConfig(seed uint64, ops int, w World) ChildConfig {
	return ChildConfig{Dir: d.Dir, URL: d.relay.URL(), Creds: d.creds, Workspace: d.Workspace,
		CompactAfter: d.CompactAfter, Seed: seed, Ops: ops, World: w}
}

// RunChildIfAsked runs the child device and exits when this process was started as one;
// otherwise it returns at once.
func RunChildIfAsked() {
	raw := os.Getenv(childEnv)
	if raw == "" {
		return
	}
	os.Exit(runChild(raw))
}

func runChild(raw string) int {
	var cfg ChildConfig
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "child: bad configuration:", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})).With("device", "child")
	db, err := localdb.Open(cfg.Dir, localdb.Options{Logger: log}) // NoSync false: every commit is fsynced
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: open the store:", err)
		return 2
	}
	defer db.Close()
	nc, err := nats.Connect(cfg.URL, cfg.Creds.Option(), nats.MaxReconnects(-1), nats.RetryOnFailedConnect(true),
		nats.ReconnectWait(50*time.Millisecond), nats.Name("child"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: connect:", err)
		return 2
	}
	defer nc.Close()
	rep := replicator.New(replicator.Config{Store: db, Workspace: cfg.Workspace, Log: log,
		CompactAfter: cfg.CompactAfter, Retry: 100 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		rep.Run(ctx, nc)
	}()
	defer func() { cancel(); <-done }()

	op := &Operator{DB: db, Clock: &ports.StepClock{T: cfg.ClockStart, Step: time.Millisecond}, World: cfg.World,
		Rand: rand.New(rand.NewPCG(cfg.Seed, 0xC41D))}
	parent := os.Getppid()
	for range cfg.Ops {
		if os.Getppid() != parent {
			return 3 // the test is gone: stop writing
		}
		id, err := op.Op(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 1
		}
		if id != "" {
			// One write(2) per line: a pipe never shows half of it.
			if _, err := os.Stdout.WriteString("ACK " + id + "\n"); err != nil {
				return 1
			}
		}
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		n, err := db.OutboxLen()
		if err == nil && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "child: the outbox did not empty:", n, err)
			return 1
		}
	}
	_, _ = os.Stdout.WriteString("DONE\n")
	return 0
}

// Child is a running child device.
type Child struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	read   chan struct{} // closed when stdout is at its end

	mu   sync.Mutex // mu protects acks, done
	acks []string
	done bool

	reaped  sync.Once // the process is waited for once, by Kill or Wait
	waitErr error
}

// StartChild starts a child device. It may be called from any goroutine.
func StartChild(cfg ChildConfig) (*Child, error) {
	raw, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"="+string(raw))
	c := &Child{cmd: cmd, stderr: &syncBuffer{}, read: make(chan struct{})}
	cmd.Stderr = c.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start a child device: %w", err)
	}
	go c.readAcks(out)
	return c, nil
}

// readAcks collects complete lines from the child's stdout until it closes.
func (c *Child) readAcks(out io.Reader) {
	defer close(c.read)
	r := bufio.NewReader(out)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return // a line cut short by a kill was never acknowledged
		}
		line = strings.TrimSpace(line)
		c.mu.Lock()
		if id, ok := strings.CutPrefix(line, "ACK "); ok {
			c.acks = append(c.acks, id)
		} else if line == "DONE" {
			c.done = true
		}
		c.mu.Unlock()
	}
}

// Acks returns the message IDs the child has acknowledged so far.
func (c *Child) Acks() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.acks...)
}

// WaitAcks waits until the child has acknowledged at least n messages, and fails when it
// exits first or timeout passes.
func (c *Child) WaitAcks(n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for len(c.Acks()) < n {
		select {
		case <-c.read:
			return fmt.Errorf("the child device ended after %d of %d acknowledgements:\n%s", len(c.Acks()), n, c.stderr.tail())
		case <-time.After(2 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the child device acknowledged %d of %d messages within %v", len(c.Acks()), n, timeout)
		}
	}
	return nil
}

// reap waits for the process to end and its output to be read; any number of goroutines may.
func (c *Child) reap() error {
	c.reaped.Do(func() {
		<-c.read
		c.waitErr = c.cmd.Wait()
	})
	return c.waitErr
}

// Kill kills the child with SIGKILL, wherever it is, and waits until it is gone. It fails
// when the child had failed by itself.
func (c *Child) Kill() error {
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	err := c.reap()
	var ee *exec.ExitError
	if errors.As(err, &ee) && !ee.Exited() { // killed, as asked
		return nil
	}
	if err != nil {
		return fmt.Errorf("the child device failed before it was killed: %w\n%s", err, c.stderr.tail())
	}
	return nil // it had finished
}

// Wait waits for the child to finish its operations and publish them, and fails unless it
// did so cleanly.
func (c *Child) Wait() error {
	if err := c.reap(); err != nil {
		return fmt.Errorf("the child device failed: %w\n%s", err, c.stderr.tail())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.done {
		return errors.New("the child device exited without finishing")
	}
	return nil
}

// syncBuffer is a bytes.Buffer safe for the writer goroutine of exec and a reader.
type syncBuffer struct {
	mu sync.Mutex // mu protects b
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// tail returns the last few KB written.
func (s *syncBuffer) tail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.b.Bytes()
	if len(b) > 4096 {
		b = b[len(b)-4096:]
	}
	return string(b)
}
