package relay

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
)

func TestNATSConfigIsAcceptedByNATSServer(t *testing.T) {
	a := newAuthority(t, `Salon "Chez Nous"`)
	tr := trustOf(t, a)
	// Quotes and backslashes must survive the config language's string escapes.
	store := filepath.Join(t.TempDir(), `odd "store" \ dir`)
	conf := filepath.Join(t.TempDir(), "nats-server.conf")
	if err := os.WriteFile(conf, []byte(tr.NATSConfig("127.0.0.1:0", store)), 0o600); err != nil {
		t.Fatal(err)
	}
	opts, err := server.ProcessConfigFile(conf)
	if err != nil {
		t.Fatalf("nats-server rejects the config: %v\n%s", err, tr.NATSConfig("127.0.0.1:0", store))
	}
	if len(opts.TrustedOperators) != 1 || opts.SystemAccount == "" || !opts.JetStream ||
		!opts.SyncAlways || opts.StoreDir != store || opts.Host != "127.0.0.1" {
		t.Fatalf("config read back wrong: operators %d, system %q, jetstream %v, sync always %v, store %q, host %q",
			len(opts.TrustedOperators), opts.SystemAccount, opts.JetStream, opts.SyncAlways, opts.StoreDir, opts.Host)
	}

	// The same options run a server that admits the workspace's devices: the preload works.
	opts.Port = server.RANDOM_PORT
	opts.NoLog, opts.NoSigs = true, true
	ns, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	ns.Start()
	t.Cleanup(func() { ns.Shutdown(); ns.WaitForShutdown() })
	if !ns.ReadyForConnections(testWait) {
		t.Fatal("nats-server with the generated config did not start")
	}
	js, err := jetstream.New(connect(t, ns.ClientURL(), issue(t, a, "desk").Option()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(testContext(t), jetstream.StreamConfig{Name: "S", Subjects: []string{"s"}}); err != nil {
		t.Fatalf("JetStream under the generated config: %v", err)
	}
}

func TestNATSConfigDefaults(t *testing.T) {
	conf := trustOf(t, newAuthority(t, "salon")).NATSConfig("", "")
	if !strings.Contains(conf, `listen: "0.0.0.0:4222"`) || strings.Contains(conf, "store_dir") {
		t.Fatalf("unexpected defaults:\n%s", conf)
	}
}

func TestTrustFileRoundTrips(t *testing.T) {
	tr := trustOf(t, newAuthority(t, "salon"))
	raw, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseTrust(raw)
	if err != nil {
		t.Fatal(err)
	}
	if back.Operator != tr.Operator || back.SystemAccount != tr.SystemAccount || len(back.Accounts) != 1 || back.Accounts[0] != tr.Accounts[0] {
		t.Fatal("trust changed through JSON")
	}
	if names := back.WorkspaceNames(); len(names) != 1 || names[0] != "salon" {
		t.Fatalf("WorkspaceNames = %v", names)
	}
}

func TestParseTrustRejectsDamagedFiles(t *testing.T) {
	tr := trustOf(t, newAuthority(t, "salon"))
	other := trustOf(t, newAuthority(t, "garage"))
	cases := map[string]Trust{
		"empty":             {},
		"no accounts":       {Operator: tr.Operator, SystemAccount: tr.SystemAccount},
		"foreign operator":  {Operator: other.Operator, SystemAccount: tr.SystemAccount, Accounts: tr.Accounts},
		"system as account": {Operator: tr.Operator, SystemAccount: tr.SystemAccount, Accounts: []string{tr.SystemAccount}},
		"damaged account":   {Operator: tr.Operator, SystemAccount: tr.SystemAccount, Accounts: []string{tr.Accounts[0][:len(tr.Accounts[0])-5]}},
	}
	for name, c := range cases {
		raw, _ := json.Marshal(c)
		if _, err := ParseTrust(raw); !errors.Is(err, ErrBadTrust) {
			t.Errorf("%s: want ErrBadTrust, got %v", name, err)
		}
	}
	if _, err := ParseTrust([]byte("not json")); !errors.Is(err, ErrBadTrust) {
		t.Errorf("not JSON: want ErrBadTrust, got %v", err)
	}
}
