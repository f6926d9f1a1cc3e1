package relay

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
)

func TestIssuedDeviceUsesStreamsAndKeyValue(t *testing.T) {
	a := newAuthority(t, "salon")
	s := startRelay(t, a, t.TempDir())
	nc := connect(t, s.ClientURL(), issue(t, a, "front desk").Option())
	ctx := testContext(t)

	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	stream, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "CHANGES", Subjects: []string{"changes.>"}})
	if err != nil {
		t.Fatalf("create stream: %v", err)
	}
	ack, err := js.Publish(ctx, "changes.thread.1", []byte("hello"))
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	msg, err := stream.GetMsg(ctx, ack.Sequence)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if string(msg.Data) != "hello" || msg.Subject != "changes.thread.1" {
		t.Fatalf("read back %q on %q", msg.Data, msg.Subject)
	}

	// Presence: per-key TTL needs LimitMarkerTTL for watchers to see expiry.
	kv, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: "presence", TTL: time.Minute, LimitMarkerTTL: time.Minute,
	})
	if err != nil {
		t.Fatalf("create KV bucket: %v", err)
	}
	if _, err := kv.Create(ctx, "device1", []byte("online"), jetstream.KeyTTL(30*time.Second)); err != nil {
		t.Fatalf("KV create with TTL: %v", err)
	}
	if e, err := kv.Get(ctx, "device1"); err != nil || string(e.Value()) != "online" {
		t.Fatalf("KV get: %v %v", e, err)
	}
}

func TestPresenceKeyExpiryReachesWatchers(t *testing.T) {
	a := newAuthority(t, "salon")
	s := startRelay(t, a, t.TempDir())
	js, err := jetstream.New(connect(t, s.ClientURL(), issue(t, a, "desk").Option()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	kv, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "presence", LimitMarkerTTL: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	w, err := kv.Watch(ctx, "device1")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if _, err := kv.Create(ctx, "device1", []byte("online"), jetstream.KeyTTL(time.Second)); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case e := <-w.Updates():
			if e != nil && (e.Operation() == jetstream.KeyValueDelete || e.Operation() == jetstream.KeyValuePurge) {
				return // the heartbeat expired and the watcher heard of it
			}
		case <-ctx.Done():
			t.Fatal("the watcher never saw the key expire")
		}
	}
}

func TestIssuedDeviceMayUseAnySubjectInItsAccount(t *testing.T) {
	a := newAuthority(t, "salon")
	s := startRelay(t, a, t.TempDir())
	pub := connect(t, s.ClientURL(), issue(t, a, "laptop").Option())
	sub := connect(t, s.ClientURL(), issue(t, a, "phone").Option())

	got, err := sub.SubscribeSync("any.subject.at.all")
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := pub.Publish("any.subject.at.all", []byte("hi")); err != nil {
		t.Fatal(err)
	}
	m, err := got.NextMsg(testWait)
	if err != nil || string(m.Data) != "hi" {
		t.Fatalf("second device did not receive: %v", err)
	}
}

func TestConnectionWithoutCredsIsRefused(t *testing.T) {
	a := newAuthority(t, "salon")
	s := startRelay(t, a, t.TempDir())
	nc, err := nats.Connect(s.ClientURL())
	if err == nil {
		nc.Close()
		t.Fatal("a device without credentials connected")
	}
	if !errors.Is(err, nats.ErrAuthorization) {
		t.Fatalf("want an authorization error, got %v", err)
	}
}

func TestCredsOfAnotherWorkspaceAreRefused(t *testing.T) {
	s := startRelay(t, newAuthority(t, "salon"), t.TempDir())
	other := issue(t, newAuthority(t, "garage"), "intruder")
	nc, err := nats.Connect(s.ClientURL(), other.Option())
	if err == nil {
		nc.Close()
		t.Fatal("a device of another workspace connected")
	}
	if !errors.Is(err, nats.ErrAuthorization) {
		t.Fatalf("want an authorization error, got %v", err)
	}
}

func TestCredsFileRoundTrips(t *testing.T) {
	c := issue(t, newAuthority(t, "salon"), "desk")
	file := c.File()
	if !strings.Contains(file, "BEGIN NATS USER JWT") || !strings.Contains(file, "BEGIN USER NKEY SEED") {
		t.Fatalf("not a .creds file:\n%s", file)
	}
	for name, text := range map[string]string{
		"as written": file,
		"CRLF":       strings.ReplaceAll(file, "\n", "\r\n"),
		"padded":     "\n\n  " + file + "\n\n",
	} {
		got, err := ParseCreds(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got != c {
			t.Fatalf("%s: round trip changed the credentials", name)
		}
	}
}

func TestParseCredsRejectsDamagedText(t *testing.T) {
	a := newAuthority(t, "salon")
	c, other := issue(t, a, "desk"), issue(t, a, "phone")
	file := c.File()
	for name, text := range map[string]string{
		"empty":        "",
		"garbage":      "hello, this is not a creds file",
		"truncated":    file[:len(file)/2],
		"seed only":    file[strings.Index(file, "************************"):],
		"other's seed": strings.Replace(file, c.Seed, other.Seed, 1),
		"damaged JWT":  strings.Replace(file, c.JWT[20:40], strings.Repeat("A", 20), 1),
		"bare JWT":     c.JWT,
	} {
		_, err := ParseCreds(text)
		if !errors.Is(err, ErrBadCreds) || model.CodeOf(err) != model.CodeInvalid {
			t.Errorf("%s: want ErrBadCreds, got %v", name, err)
		}
	}
}

func TestSecretsStayOutOfLogs(t *testing.T) {
	a := newAuthority(t, "salon")
	c := issue(t, a, "desk")
	inv := Invite{WorkspaceID: a.WorkspaceID, URLs: []string{"nats://x:4222"}, Creds: c}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", inv), fmt.Sprint(a), fmt.Sprintf("%v", &a)} {
		for _, secret := range []string{c.Seed, a.OperatorSeed, a.SystemSeed, a.AccountSeed} {
			if strings.Contains(s, secret) {
				t.Fatalf("a seed is printed: %s", s)
			}
		}
	}
}

func TestAuthorityFromStoredJSONStillAdmitsItsDevices(t *testing.T) {
	a := newAuthority(t, "salon")
	c := issue(t, a, "desk")
	raw, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Authority
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back != a {
		t.Fatal("authority changed through JSON")
	}
	// A new Trust (new JWTs, same keys) admits a device issued before it.
	s := startRelay(t, back, t.TempDir())
	connect(t, s.ClientURL(), c.Option())
}

func TestAuthorityRejectsWrongKeys(t *testing.T) {
	a := newAuthority(t, "salon")
	a.AccountSeed, a.OperatorSeed = a.OperatorSeed, a.AccountSeed
	if _, err := a.Trust(); err == nil {
		t.Fatal("Trust accepted swapped keys")
	}
	if _, err := a.IssueUser("x"); err == nil {
		t.Fatal("IssueUser accepted swapped keys")
	}
	if _, err := NewAuthority(" ", "x"); err == nil {
		t.Fatal("NewAuthority accepted an empty workspace ID")
	}
}
