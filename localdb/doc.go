// Package localdb is Huddle's local store: Automerge documents kept in Badger (per document the
// latest snapshot plus the changes since), the read models the UI lists from (thread summaries,
// message timelines, clients, tasks, the workspace) with their indexes and per-member view
// counters, the outbox of local changes waiting for the relay, change subscriptions, and
// device-local settings that never sync. keys.go holds the whole key schema.
//
// Every write, a local Update or a remote Apply, lands in ONE Badger transaction: the change
// bytes, the read-model rows, index and counter deltas and (for local writes) the outbox
// entries. A write is acknowledged only after that transaction committed, so the read models
// never disagree with the documents and a crash loses nothing that was acknowledged.
//
// What arrives from the relay goes through ApplyRemote (remote.go), a window at a time in
// stream order, committed in runs of whole documents with the sync cursor in the last. A
// change that comes before its dependencies (which a compaction on the relay makes normal)
// is parked until its document receives them; bad input (damaged, oversized, of an unknown
// document, or leaving its document unreadable) is quarantined with a log line and the
// cursor moves past it.
// Snapshot gives a document's state with the cursor it is consistent with, for compaction.
//
// Durability: commits wait for fsync by default; Options.NoSync turns that off. The rule was
// "keep fsync if a commit's fsync costs under about a millisecond". Measured on the reference
// 2-core VM (ext4) with the low-memory Badger settings used here: a bare commit of ~20 small
// keys took p50 0.35–0.46 ms with fsync against 0.065 ms without, so fsync stays on, and an
// acknowledged write survives a power cut, not just a killed process. The price shows in the
// tail: a whole local write (message into a cached thread, 100k-thread store) ran p50
// 0.6–1.5 ms and p99 10–36 ms with fsync, against p50 0.3–0.4 ms and p99 3–16 ms without,
// because an fsync waits behind Badger's own background flushes. Without fsync a killed
// process still loses nothing (Badger's log is a shared memory map the kernel keeps), but a
// power cut can lose the last seconds.
//
// Full disk: Badger writes its log and tables through memory maps, and a mapped write to a
// full disk kills the process (SIGBUS) rather than failing. Writes are therefore refused,
// with model.CodeUnavailable and a plain sentence, once less than 128 MB remain.
//
// Reads never touch Automerge: they serve the read models. Automerge documents are loaded only
// to write or merge, and at most Options.DocCache of them stay alive, because their memory
// lives in C where the Go garbage collector cannot see it.
//
// One process owns a data folder: a second Open fails with model.CodeLocked. Open never
// repairs, truncates or re-initialises a folder it cannot read: it fails with
// model.CodeCorrupt and leaves the files as they were.
package localdb
