// Package team holds the use cases that shape a workspace: the first run (workspace, first
// location, Owner), brands, members and their roles and brand access, deactivation (which
// re-queues the member's open work), labels and snippets. Every method checks the acting member
// with internal/policy and returns *model.Error with a sentence a receptionist understands.
package team
