// Package notify holds the notification use cases: a member's notification centre, read
// marks, preferences and quiet hours (Service), and the native notifier that tells the member
// signed in on this device of what reaches it, reminders when their time comes, and a digest
// of what quiet hours held back (Dispatcher).
//
// What a notification is, and who gets one, is derived by the store from the documents
// (localdb/notify.go), so every device lists the same ones; the member's read marks and
// preferences live in their private document and sync to their other devices. What this
// device has already raised natively is device-local state, so a notification is raised at
// most once per device.
package notify
