package relay

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// childEnv makes the test binary run Main instead of the tests: the child-process tests
// re-execute it to send real signals to a real `huddle relay`.
const childEnv = "HUDDLE_RELAY_TEST_MAIN_ARGS"

func TestMain(m *testing.M) {
	if raw, ok := os.LookupEnv(childEnv); ok {
		var args []string
		if err := json.Unmarshal([]byte(raw), &args); err != nil {
			os.Stderr.WriteString("bad " + childEnv + ": " + err.Error() + "\n")
			os.Exit(3)
		}
		os.Exit(Main(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// testWait bounds every wait in these tests; it is a guard against hangs, never a measurement.
const testWait = 30 * time.Second

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testWait)
	t.Cleanup(cancel)
	return ctx
}

func newAuthority(t *testing.T, name string) Authority {
	t.Helper()
	a, err := NewAuthority("ws-"+name, name)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func trustOf(t *testing.T, a Authority) Trust {
	t.Helper()
	tr, err := a.Trust()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func issue(t *testing.T, a Authority, device string) Creds {
	t.Helper()
	c, err := a.IssueUser(device)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// startRelay runs a relay for a on a random loopback port in dir, stopped when the test ends.
func startRelay(t *testing.T, a Authority, dir string) *Server {
	t.Helper()
	s, err := Start(Config{Dir: dir, Listen: "127.0.0.1:0", Trust: trustOf(t, a), Log: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	return s
}

func connect(t *testing.T, url string, opts ...nats.Option) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// testLogger sends the relay's logs to the test log, shown only when a test fails.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}
