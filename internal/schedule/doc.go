// Package schedule sends scheduled replies exactly once. The replies themselves are thread
// entries written by internal/inbox; this package decides which device sends one and when:
// a Runner on every device sends those that are due, outside the workspace's quiet hours,
// after claiming each on the relay (Claims), so that with several devices online one sends
// it, and with its author's device offline another does. The Service is what people do to
// their scheduled replies: list, edit, send now, cancel. docs/architecture.md, "Scheduled
// messages", has the reasoning.
package schedule
