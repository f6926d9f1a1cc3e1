// Package desktop raises the operating system's own notifications (the pop-ups outside the
// window) for things the app wants a person to notice. When the desktop cannot show them,
// the app keeps working and its notifications stay inside the window.
//
// On Linux and the BSDs it speaks the freedesktop notification protocol over the session
// D-Bus itself; on macOS and Windows it goes through github.com/gen2brain/beeep (see
// send_dbus.go for why Linux does not).
//
// Clicks: beeep gives the app no way to learn that a notification was clicked. On Linux its
// Notify sends org.freedesktop.Notifications.Notify with no actions, ignores the returned id
// and closes its signal listener (esiqveland/notify) straight after sending, so an
// ActionInvoked signal never reaches the app; on macOS (terminal-notifier or osascript) and
// Windows (toast) it only fires and forgets. "Clicking the notification opens the thread" is
// therefore not possible through beeep. On Linux it is possible with this package's own D-Bus
// call: add a "default" action, keep one bus connection open for the app's life, and map
// ActionInvoked(id, "default") back to the thread (the server decides which click invokes
// it; dunst's default is a middle click). esiqveland/notify, beeep's own dependency, already
// has that listener (WithOnAction). macOS and Windows would need another library.
package desktop
