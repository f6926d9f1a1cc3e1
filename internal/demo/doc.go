// Package demo seeds a believable workspace — a two-location hair salon with its team, a few
// hundred clients, their conversations over the last two months, notes, assignments, labels,
// snippets and tasks — for first-run demos, screenshots and performance checks. It writes
// only through the team, inbox and tasks services, so every rule the app enforces holds for
// the demo data too, and it is deterministic from its seed (content and times; generated IDs
// are ULIDs and differ between runs).
package demo
