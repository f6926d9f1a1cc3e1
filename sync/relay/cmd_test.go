package relay

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
)

// runMain runs Main in-process and returns its exit status and output.
func runMain(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeTrustFile saves a's trust where `huddle relay --trust` can read it.
func writeTrustFile(t *testing.T, a Authority) string {
	t.Helper()
	raw, err := json.MarshalIndent(trustOf(t, a), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "relay-trust.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMainHelpExplainsTheFlags(t *testing.T) {
	for _, flag := range []string{"--help", "-h"} {
		code, stdout, _ := runMain(flag)
		if code != 0 {
			t.Fatalf("%s: exit %d", flag, code)
		}
		for _, want := range []string{"--listen", "--data", "--trust", "--print-config", "always on"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s: help does not mention %q", flag, want)
			}
		}
	}
}

func TestMainWithoutTrustOnEmptyFolderExits2(t *testing.T) {
	code, _, stderr := runMain("--data", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "needs --trust FILE") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestMainRejectsBadFlags(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown flag":   {"--data", t.TempDir(), "--port", "4222"},
		"no data":        {"--listen", "0.0.0.0:4222"},
		"bad listen":     {"--data", t.TempDir(), "--listen", "4222"},
		"stray argument": {"--data", t.TempDir(), "serve"},
	} {
		code, _, stderr := runMain(args...)
		if code != 2 || !strings.HasPrefix(stderr, "huddle relay: ") || !strings.Contains(stderr, "--help") {
			t.Errorf("%s: exit %d, stderr %q", name, code, stderr)
		}
	}
}

func TestMainWithDamagedTrustFileFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trust.json")
	if err := os.WriteFile(path, []byte(`{"operator":"nope"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runMain("--data", t.TempDir(), "--trust", path)
	if code != 1 || !strings.Contains(stderr, "Export it again") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestMainPrintsAConfigNATSServerAccepts(t *testing.T) {
	trust := writeTrustFile(t, newAuthority(t, "salon"))
	dir := t.TempDir()
	code, stdout, stderr := runMain("--data", dir, "--trust", trust, "--listen", "127.0.0.1:4333", "--print-config")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	conf := filepath.Join(t.TempDir(), "nats.conf")
	if err := os.WriteFile(conf, []byte(stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	opts, err := server.ProcessConfigFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Port != 4333 || opts.StoreDir != dir || !opts.SyncAlways {
		t.Fatalf("port %d, store %q, sync always %v", opts.Port, opts.StoreDir, opts.SyncAlways)
	}
	// Printing is read-only: no trust copy is kept.
	if _, err := os.Stat(filepath.Join(dir, trustFileName)); !os.IsNotExist(err) {
		t.Fatalf("--print-config wrote into the data folder: %v", err)
	}
}

func TestMainOnTakenPortNamesTheListenFlag(t *testing.T) {
	a := newAuthority(t, "salon")
	s := startRelay(t, a, t.TempDir())
	code, _, stderr := runMain("--data", t.TempDir(), "--trust", writeTrustFile(t, a), "--listen", strings.TrimPrefix(s.ClientURL(), "nats://"))
	if code != 1 || !strings.Contains(stderr, "--listen HOST:PORT") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
