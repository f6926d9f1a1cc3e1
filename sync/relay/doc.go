// Package relay is Huddle's relay: a real NATS server with JetStream that carries changes
// between a workspace's devices, and the keys that decide who may use it.
//
// Trust uses NATS decentralized auth. Each workspace has its own operator, a system account and
// one account for the workspace; the account is the isolation boundary between workspaces, so a
// relay that serves several of them never mixes their subjects or streams. The workspace's first
// device (the "host") keeps the three seeds in an Authority, runs the embedded relay (Start),
// and signs one user JWT per device (Authority.IssueUser), which travels to the new device inside
// an Invite. A device without a user JWT signed by the workspace's account cannot connect.
//
// A relay needs only public material, the Trust (operator, system account and account JWTs), so
// the same workspace can also be served by `huddle relay` on an always-on machine (Main) or by an
// existing NATS deployment (Trust.NATSConfig). Device credentials are ordinary NATS .creds files.
//
// Things about operator mode and JetStream that are easy to get wrong, and why the code is as it
// is:
//   - An account JWT has JetStream switched off unless it carries JetStream limits; the server
//     then answers every JetStream request with "JetStream not enabled for account". The
//     workspace account is issued with unlimited JetStream limits, the system account with none
//     (the server refuses to start JetStream on a system account that has them).
//   - In Options, port 0 means the default 4222; a random port is server.RANDOM_PORT (-1).
//   - The embedded server reports start-up failures (port taken, store unusable) only through
//     its logger's Fatalf and then keeps "running" without listening, so Start watches the
//     logger instead of waiting for a readiness timeout.
//   - JetStream's file store fsyncs every two minutes by default; the relay sets SyncAlways so an
//     acknowledged publish survives a power cut, not only a crash.
//   - The server does not lock its store folder; two relays on one folder would corrupt it, so
//     Start holds a lock file there (on Unix) for as long as it runs.
//   - Connections are not encrypted (no TLS yet). Credentials never cross the wire (the device
//     signs a server nonce with its seed), but message contents do in the clear.
package relay
