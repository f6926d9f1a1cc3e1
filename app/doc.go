// Package app is the thin Wails façade: one bound service per UI area (inbox, thread, tasks,
// clients, workspace). Services translate between the UI and the use cases in internal/: DTOs
// in, DTOs out, errors as a code plus a plain sentence. The Wails runtime is reached only
// through the Emitter interface, so every service is testable without a window.
package app
