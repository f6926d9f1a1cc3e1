// Package bench measures sync against the performance targets of the design brief (section
// 9): how long a change takes from one device to another through the relay, how fast a
// device that was offline catches up compared with the raw rates of JetStream and Automerge
// measured in the same run, and how long a new device takes to join a 10k-thread workspace.
//
// Everything lives in files built only with the bench tag, so `go test ./...` never runs it:
//
//	make bench   # ./internal/bench/ then ./sync/bench/, then docs/benchmarks.md
//
// Devices are real: each has its own Badger store (opened as the app opens it, with fsync),
// NATS connection and replicator, against an embedded relay (sync/synctest) on loopback.
// Workspaces are generated through the inbox and team use cases, batched with inbox.Batch,
// so every change on the stream is a real Automerge change of a real Huddle document,
// published in the real wire format by the real replicator. Each figure is printed as one
// line `BENCH <name> <value> <unit>`; benchmarks report, they never assert timings.
package bench
