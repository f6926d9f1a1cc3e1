//go:build linux

package desktop

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

func TestBusWithoutNotificationServiceKeepsNotificationsInTheApp(t *testing.T) {
	startPrivateBus(t, nil)
	n, logs := newLogged(t)
	if n.Available() {
		t.Fatal("Available() = true on a bus where nothing provides notifications")
	}
	if err := n.Notify("New message", "Ana wrote", false); err != nil {
		t.Fatalf("Notify on an unavailable desktop = %v, want nil", err)
	}
	assertOneWarning(t, logs, "no notification service")
}

func TestActivatableNotificationServiceCountsAsAvailable(t *testing.T) {
	// The bus would start this service on the first notification; the test sends none.
	startPrivateBus(t, map[string]string{
		notificationsName + ".service": "[D-BUS Service]\nName=" + notificationsName + "\nExec=/bin/false\n",
	})
	n, logs := newLogged(t)
	if !n.Available() {
		t.Fatalf("Available() = false though the bus can start a notification service; log:\n%s", logs)
	}
	if logs.Len() > 0 {
		t.Fatalf("an available desktop should log nothing, got:\n%s", logs)
	}
}

func TestBusSocketInRuntimeDirIsFound(t *testing.T) {
	address, dir := startPrivateBus(t, nil)
	serveNotifications(t, address, false)
	unsetenv(t, "DBUS_SESSION_BUS_ADDRESS")
	t.Setenv("XDG_RUNTIME_DIR", dir)
	n, logs := newLogged(t)
	if !n.Available() {
		t.Fatalf("Available() = false with a notification service on $XDG_RUNTIME_DIR/bus; log:\n%s", logs)
	}
}

func TestNotifyAsksForSoundOnlyWhenTold(t *testing.T) {
	address, _ := startPrivateBus(t, nil)
	server := serveNotifications(t, address, false)
	n, logs := newLogged(t)
	if !n.Available() {
		t.Fatalf("Available() = false with a running notification service; log:\n%s", logs)
	}

	if err := n.Notify("Ben mentioned you", "Refunds: can you check?", true); err != nil {
		t.Fatal(err)
	}
	loud := server.next(t)
	if err := n.Notify("Ana replied", "Booking moved to 3pm", false); err != nil {
		t.Fatal(err)
	}
	quiet := server.next(t)

	if loud.app != "Huddle" || loud.summary != "Ben mentioned you" || loud.body != "Refunds: can you check?" {
		t.Fatalf("server got app %q, summary %q, body %q", loud.app, loud.summary, loud.body)
	}
	// beeep's only sound is Alert: a critical notification with the "bell" sound.
	if got := loud.hints["sound-name"]; got.Value() != "bell" {
		t.Fatalf("with sound: sound-name hint = %v, want bell", got)
	}
	if got := loud.hints["urgency"]; got.Value() != byte(2) {
		t.Fatalf("with sound: urgency hint = %v, want 2 (critical, as beeep.Alert sends it)", got)
	}
	if _, ok := quiet.hints["sound-name"]; ok {
		t.Fatal("without sound: sound-name hint sent")
	}
	if got := quiet.hints["urgency"]; got.Value() != byte(1) {
		t.Fatalf("without sound: urgency hint = %v, want 1 (normal)", got)
	}
}

func TestBodyIsEscapedOnlyForAServiceThatReadsMarkup(t *testing.T) {
	const body = "<3 thanks & see you at <b>3pm</b>"
	for _, tc := range []struct {
		name         string
		capabilities []string
		want         string
	}{
		{"markup", []string{"body", "body-markup"}, "&lt;3 thanks &amp; see you at &lt;b&gt;3pm&lt;/b&gt;"},
		{"plain text", []string{"body"}, body},
	} {
		t.Run(tc.name, func(t *testing.T) {
			address, _ := startPrivateBus(t, nil)
			server := serveNotifications(t, address, false, tc.capabilities...)
			n, _ := newLogged(t)
			if err := n.Notify("Ana <ana@example.com>", body, false); err != nil {
				t.Fatal(err)
			}
			got := server.next(t)
			if got.body != tc.want {
				t.Fatalf("body = %q, want %q", got.body, tc.want)
			}
			if got.summary != "Ana <ana@example.com>" {
				t.Fatalf("summary = %q: a summary is never markup and must arrive as written", got.summary)
			}
		})
	}
}

func TestNotifyGivesUpOnAServiceThatDoesNotAnswer(t *testing.T) {
	address, _ := startPrivateBus(t, nil)
	serveNotifications(t, address, true)
	n, _ := newLogged(t)
	if !n.Available() {
		t.Fatal("Available() = false with a notification service on the bus")
	}
	n.sender.timeout = 300 * time.Millisecond

	start := time.Now()
	err := n.Notify("New message", "Ana wrote", false)
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("Notify took %s; it must give up after its timeout", took)
	}
	if err == nil || !strings.Contains(err.Error(), "did not answer within") {
		t.Fatalf("Notify = %v, want an error saying the desktop did not answer", err)
	}
}

// busConfig is a session bus that starts only the services of one folder and is otherwise
// the stock session bus policy.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s/bus</listen>
  <servicedir>%s</servicedir>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// startPrivateBus starts a dbus-daemon for this test, whose only activatable services are
// services (file name → content), points DBUS_SESSION_BUS_ADDRESS at it and returns its
// address and the folder holding its socket, "bus". The daemon is killed when the test ends.
func startPrivateBus(t *testing.T, services map[string]string) (address, dir string) {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed (Debian package dbus; build/scripts/setup.sh installs it)")
	}
	// Not t.TempDir: a unix socket path must stay under 108 bytes.
	dir, err = os.MkdirTemp("", "hbus")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	serviceDir := filepath.Join(dir, "services")
	if err := os.Mkdir(serviceDir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, content := range services {
		if err := os.WriteFile(filepath.Join(serviceDir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(config, fmt.Appendf(nil, busConfig, dir, serviceDir), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(daemon, "--config-file="+config, "--nofork", "--nopidfile", "--print-address=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() { // ends at the first line, or when the daemon dies
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- strings.TrimSpace(line)
	}()
	select {
	case address := <-lines:
		if address == "" {
			t.Fatal("dbus-daemon exited without printing its address")
		}
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", address)
		return address, dir
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-daemon printed no address within 10s")
		return "", ""
	}
}

// fakeServer is a notification service that records what it is asked to show.
type fakeServer struct {
	calls        chan notifyCall
	hold         chan struct{} // when not nil, Notify waits on it: a service that stopped answering
	capabilities []string
}

// GetCapabilities implements org.freedesktop.Notifications.GetCapabilities.
func (s *fakeServer) GetCapabilities() ([]string, *dbus.Error) {
	return s.capabilities, nil
}

type notifyCall struct {
	app, summary, body string
	hints              map[string]dbus.Variant
}

// Notify implements org.freedesktop.Notifications.Notify.
func (s *fakeServer) Notify(app string, replaces uint32, icon, summary, body string,
	actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	if s.hold != nil {
		<-s.hold
	}
	s.calls <- notifyCall{app: app, summary: summary, body: body, hints: hints}
	return 1, nil
}

func (s *fakeServer) next(t *testing.T) notifyCall {
	t.Helper()
	select {
	case c := <-s.calls:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("the notification service received nothing")
		return notifyCall{}
	}
}

// serveNotifications runs a fakeServer on the bus at address until the test ends; a silent
// one never answers Notify.
func serveNotifications(t *testing.T, address string, silent bool, capabilities ...string) *fakeServer {
	t.Helper()
	conn, err := dbus.Connect(address)
	if err != nil {
		t.Fatalf("connect the fake notification service: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	server := &fakeServer{calls: make(chan notifyCall, 8), capabilities: capabilities}
	if silent {
		server.hold = make(chan struct{})
		t.Cleanup(func() { close(server.hold) }) // runs before conn.Close
	}
	if err := conn.Export(server, notificationsPath, notificationsName); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(notificationsName, dbus.NameFlagDoNotQueue)
	if err == nil && reply != dbus.RequestNameReplyPrimaryOwner {
		err = errors.New("the name is taken")
	}
	if err != nil {
		t.Fatalf("own %s: %v", notificationsName, err)
	}
	return server
}
