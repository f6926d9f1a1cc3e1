// Package replicator moves a device's document changes through the workspace's relay stream:
// it publishes the local outbox in order, applies the stream to the local store in order from
// a cursor the store keeps with the applied changes, compacts documents into snapshots, and
// re-seeds a relay that lost its data. The wire format is in protocol.go and
// docs/architecture.md ("Sync protocol").
package replicator
