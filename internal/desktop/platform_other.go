//go:build darwin || windows

package desktop

// newSender: macOS and Windows have no bus to check; beeep always has a way to show.
func newSender() (*sender, string) { return newSenderWith(false), "" }
