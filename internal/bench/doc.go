// Package bench measures Huddle against the performance targets of the design brief (section
// 9): local write latency, inbox pages and counts, opening a long thread, cold start time and
// memory, and the size of the data folder, on generated workspaces of 10k and 100k threads.
//
// Everything lives in files built only with the bench tag, so `go test ./...` never runs it:
//
//	make bench   # go test -tags bench -run '^TestBench' -v ./internal/bench/, then docs/benchmarks.md
//
// Each figure is printed as one line `BENCH <name> <value> <unit>`, which
// build/scripts/benchreport collects. Workspaces are generated through the real store
// (localdb.Update with the internal/crdt accessors) into temporary folders, so nothing is
// cached between runs. Benchmarks report; they never assert timings.
//
// cmd/seedstore writes the same kind of workspace into a folder the app opens, signed in as
// its Owner: the UI benchmarks (frontend/e2e-bench) time the inbox on it.
package bench
