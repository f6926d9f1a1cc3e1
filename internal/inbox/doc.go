// Package inbox holds the conversation use cases: clients and their chats, threads on every
// channel, inbound messages, replies, internal notes with @mentions, assignment (one assignee
// at most, who must reach the client's brand), resolving and reopening, labels, participants,
// watchers, followers, read markers and announcements; and the reads the inbox screens use,
// with access checked. Rules of the design brief live here; who-may-do-what lives in
// internal/policy. Reads are served by the store's read models, never by Automerge documents.
//
// What "closed" means for a client's chat: DESIGN says a client's chat cannot be closed or
// deleted. Resolving is a status of the conversation, not of the chat: a resolved chat leaves
// the open views and reopens on the next message, so resolving a chat is allowed. Closing means
// taking the chat away (deleting or archiving it); that only happens when the client itself is
// deleted, so every client always has exactly one chat to write to.
package inbox
