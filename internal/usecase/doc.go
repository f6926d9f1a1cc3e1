// Package usecase holds what the inbox, tasks and team use cases share and would otherwise
// each keep a copy of: finding the acting member, running a store write (alone, joined into a
// batch, or split into chunks the store can commit), and turning store failures into
// sentences. The rules themselves live in the use-case packages and in policy.
package usecase
