// Package model holds the plain types every layer of Huddle shares: the nouns of the product
// (workspace, brand, member, client, thread, message, task), the inbox views and queries, and
// the coded errors that reach people. It imports nothing of ours.
package model
