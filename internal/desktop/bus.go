//go:build !darwin && !windows

package desktop

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/godbus/dbus/v5"
)

const (
	notificationsName = "org.freedesktop.Notifications"
	notificationsPath = dbus.ObjectPath("/org/freedesktop/Notifications")
)

// sessionBusAddress returns the address of a running session bus, or "" when there is none.
// It only looks: asking godbus or libnotify instead would run dbus-launch when there is no
// bus, and the dbus-daemon it starts outlives the app.
func sessionBusAddress() string {
	if address := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); address != "" {
		return address
	}
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		return ""
	}
	socket := filepath.Join(dir, "bus")
	if info, err := os.Stat(socket); err != nil || info.Mode()&fs.ModeSocket == 0 {
		return ""
	}
	return "unix:path=" + dbus.EscapeBusAddressValue(socket)
}

// dialBus connects to the bus at address. The connection closes when ctx ends, so a bus that
// stops answering in the middle of the handshake cannot hold the caller; callers close it too.
func dialBus(ctx context.Context, address string) (*dbus.Conn, error) {
	return dbus.Connect(address, dbus.WithContext(ctx))
}

// hasNotificationService reports whether a notification service runs on the bus or would be
// started by it on the first notification.
func hasNotificationService(ctx context.Context, conn *dbus.Conn) (bool, error) {
	bus := conn.BusObject()
	var owned bool
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, notificationsName).Store(&owned); err != nil {
		return false, err
	}
	if owned {
		return true, nil
	}
	var activatable []string
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&activatable); err != nil {
		return false, err
	}
	return slices.Contains(activatable, notificationsName), nil
}

// newSender returns a sender, or nil and the reason the desktop cannot show notifications.
// beeep finds the bus through godbus, which reads DBUS_SESSION_BUS_ADDRESS and otherwise
// only /run/user/<uid>/bus before it runs dbus-launch: the address found here is put in the
// environment, so beeep talks to exactly the bus checked and never starts a daemon.
func newSender() (*sender, string) {
	address := sessionBusAddress()
	if address == "" {
		return nil, "no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus is not a socket); start Huddle from a desktop session to get pop-ups"
	}
	if strings.HasPrefix(address, "autolaunch:") {
		return nil, "no desktop session bus (DBUS_SESSION_BUS_ADDRESS asks for a new one to be started, which would outlive Huddle); start Huddle from a desktop session to get pop-ups"
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	conn, err := dialBus(ctx, address)
	if err != nil {
		return nil, fmt.Sprintf("the desktop session bus did not answer: %v", err)
	}
	defer conn.Close()
	found, err := hasNotificationService(ctx, conn)
	if err != nil {
		return nil, fmt.Sprintf("the desktop session bus did not say whether a notification service runs: %v", err)
	}
	if !found {
		return nil, "no notification service runs on the desktop session bus; start one (your desktop's own, or e.g. dunst) to get pop-ups"
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if err := os.Setenv("DBUS_SESSION_BUS_ADDRESS", address); err != nil {
			return nil, fmt.Sprintf("could not point notifications at the desktop session bus: %v", err)
		}
	}
	return newSenderWith(speaksMarkup(ctx, conn)), ""
}

// speaksMarkup reports whether a running service reads bodies as markup; one that does not
// say (or is not started yet) gets plain text.
func speaksMarkup(ctx context.Context, conn *dbus.Conn) bool {
	var capabilities []string
	err := conn.Object(notificationsName, notificationsPath).
		CallWithContext(ctx, notificationsName+".GetCapabilities", 0).Store(&capabilities)
	return err == nil && slices.Contains(capabilities, "body-markup")
}
