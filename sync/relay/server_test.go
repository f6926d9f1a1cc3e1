package relay

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
)

func TestRelayFsyncsEveryWrite(t *testing.T) {
	s := startRelay(t, newAuthority(t, "salon"), t.TempDir())
	if !s.Sync() {
		t.Fatal("JetStream does not fsync every write")
	}
}

func TestRelayKeepsMessagesAcrossRestart(t *testing.T) {
	a := newAuthority(t, "salon")
	dir := t.TempDir()
	creds := issue(t, a, "desk")
	ctx := testContext(t)

	s := startRelay(t, a, dir)
	nc := connect(t, s.ClientURL(), creds.Option())
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "CHANGES", Subjects: []string{"changes.>"}}); err != nil {
		t.Fatal(err)
	}
	ack, err := js.Publish(ctx, "changes.a", []byte("kept"))
	if err != nil {
		t.Fatal(err)
	}
	nc.Close()
	s.Shutdown()

	s2 := startRelay(t, a, dir)
	js2, err := jetstream.New(connect(t, s2.ClientURL(), creds.Option()))
	if err != nil {
		t.Fatal(err)
	}
	stream, err := js2.Stream(ctx, "CHANGES")
	if err != nil {
		t.Fatalf("stream gone after restart: %v", err)
	}
	msg, err := stream.GetMsg(ctx, ack.Sequence)
	if err != nil || string(msg.Data) != "kept" {
		t.Fatalf("message gone after restart: %v", err)
	}
}

func TestStartOnTakenPortSaysWhatToDo(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	_, err = Start(Config{Dir: t.TempDir(), Listen: l.Addr().String(), Trust: trustOf(t, newAuthority(t, "salon")), Log: testLogger(t)})
	if !errors.Is(err, ErrPortInUse) || model.CodeOf(err) != model.CodeUnavailable {
		t.Fatalf("want ErrPortInUse, got %v", err)
	}
	want := "Another program is using port " + strconv.Itoa(port)
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--relay-listen HOST:PORT") {
		t.Fatalf("error does not say what to do: %v", err)
	}
}

func TestSecondRelayOnSameFolderIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the store lock is Unix-only")
	}
	a := newAuthority(t, "salon")
	dir := t.TempDir()
	startRelay(t, a, dir)
	_, err := Start(Config{Dir: dir, Listen: "127.0.0.1:0", Trust: trustOf(t, a)})
	if model.CodeOf(err) != model.CodeLocked {
		t.Fatalf("want a locked error, got %v", err)
	}
}

func TestStartOnUnusableFolderSaysSo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Start(Config{Dir: file, Listen: "127.0.0.1:0", Trust: trustOf(t, newAuthority(t, "salon"))})
	if model.CodeOf(err) != model.CodeUnavailable || !strings.Contains(err.Error(), file) {
		t.Fatalf("want an unavailable error naming the folder, got %v", err)
	}
}

func TestStartWithUnusableStoreSaysSo(t *testing.T) {
	dir := t.TempDir()
	// JetStream keeps its files in DIR/jetstream; a file there makes the store unopenable.
	if err := os.WriteFile(filepath.Join(dir, "jetstream"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Start(Config{Dir: dir, Listen: "127.0.0.1:0", Trust: trustOf(t, newAuthority(t, "salon")), Log: testLogger(t)})
	if model.CodeOf(err) != model.CodeUnavailable || !strings.Contains(err.Error(), "message store") {
		t.Fatalf("want an unavailable store error, got %v", err)
	}
	// The failed start released the folder: fixed, it starts.
	if err := os.Remove(filepath.Join(dir, "jetstream")); err != nil {
		t.Fatal(err)
	}
	startRelay(t, newAuthority(t, "salon"), dir)
}

func TestStartRefusesBadTrustAndListen(t *testing.T) {
	a := newAuthority(t, "salon")
	good := trustOf(t, a)
	foreign := trustOf(t, newAuthority(t, "garage"))
	for name, cfg := range map[string]Config{
		"no trust":        {Dir: t.TempDir(), Listen: "127.0.0.1:0"},
		"foreign account": {Dir: t.TempDir(), Listen: "127.0.0.1:0", Trust: Trust{Operator: good.Operator, SystemAccount: good.SystemAccount, Accounts: foreign.Accounts}},
		"foreign system":  {Dir: t.TempDir(), Listen: "127.0.0.1:0", Trust: Trust{Operator: good.Operator, SystemAccount: foreign.SystemAccount, Accounts: good.Accounts}},
		"bad listen":      {Dir: t.TempDir(), Listen: "4222", Trust: good},
	} {
		if _, err := Start(cfg); model.CodeOf(err) != model.CodeInvalid {
			t.Errorf("%s: want an invalid error, got %v", name, err)
		}
	}
}

func TestShutdownTwiceIsSafe(t *testing.T) {
	s := startRelay(t, newAuthority(t, "salon"), t.TempDir())
	s.Shutdown()
	s.Shutdown()
}

func TestURLsOfARelayOnOneAddress(t *testing.T) {
	s := startRelay(t, newAuthority(t, "salon"), t.TempDir())
	want := "nats://127.0.0.1:" + strconv.Itoa(s.Port())
	if got := s.URLs(); len(got) != 1 || got[0] != want {
		t.Fatalf("URLs = %v, want [%s]", got, want)
	}
	if s.ClientURL() != want {
		t.Fatalf("ClientURL = %s, want %s", s.ClientURL(), want)
	}
}

func TestURLsOfARelayOnEveryInterfaceEndWithLoopback(t *testing.T) {
	a := newAuthority(t, "salon")
	s, err := Start(Config{Dir: t.TempDir(), Listen: "0.0.0.0:0", Trust: trustOf(t, a)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	port := ":" + strconv.Itoa(s.Port())
	urls := s.URLs()
	if urls[len(urls)-1] != "nats://127.0.0.1"+port || s.ClientURL() != "nats://127.0.0.1"+port {
		t.Fatalf("URLs = %v, ClientURL = %s", urls, s.ClientURL())
	}
	creds := issue(t, a, "desk")
	for _, u := range urls {
		if !strings.HasSuffix(u, port) || strings.Contains(u, "0.0.0.0") {
			t.Fatalf("unusable URL %s in %v", u, urls)
		}
		connect(t, u, creds.Option()) // every advertised address answers, from here at least
	}
}
