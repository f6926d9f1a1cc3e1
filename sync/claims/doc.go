// Package claims keeps, on the workspace's relay, which device acts on each scheduled message,
// so that a message goes exactly once however many devices are online when it falls due.
//
// The claims live in a JetStream key-value bucket per workspace (Bucket), one key per message.
// A device claims a message with a key-value create, which the relay grants to the first device
// only; every later claim, from any device, reads back the one that holds. A send and a cancel
// claim the same key, so they cannot both win. The bucket is on disk, keeps one value per key
// and never expires it: a claim is forever, like the send it stands for.
//
// A device that cannot reach the relay gets schedule.ErrUnreachable at once and must not act:
// it cannot know whether another device already did.
package claims
