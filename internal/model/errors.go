package model

import (
	"errors"
	"fmt"
)

// Code classifies an error for the UI and for callers that branch on it.
type Code string

// Error codes. Each maps to a different reaction in the UI.
const (
	CodeForbidden   Code = "forbidden"    // the member's role or brands do not allow it
	CodeNotFound    Code = "not_found"    // the thing is gone or never existed
	CodeInvalid     Code = "invalid"      // the input is wrong; the sentence says how
	CodeConflict    Code = "conflict"     // the state changed underneath; retry
	CodeLocked      Code = "locked"       // another Huddle is using this data
	CodeCorrupt     Code = "corrupt"      // stored data cannot be read
	CodeUnavailable Code = "unavailable"  // a resource (disk, relay) is not there now
	CodeNoWorkspace Code = "no_workspace" // first run: nothing set up yet
	CodeInternal    Code = "internal"     // a bug; the sentence says what to do
)

// Error is an error that reaches a person: a code and a plain sentence saying what happened and
// what to do. Err keeps the technical cause for logs.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s (%v)", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, &Error{Code: c}) match any Error with code c.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Message == ""
}

// Errorf builds an Error with a formatted sentence.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap builds an Error that keeps cause for the logs.
func Wrap(code Code, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause}
}

// CodeOf returns the code of err, CodeInternal for an error that carries none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// Sentinels for errors.Is.
var (
	ErrForbidden = &Error{Code: CodeForbidden}
	ErrNotFound  = &Error{Code: CodeNotFound}
	ErrInvalid   = &Error{Code: CodeInvalid}
	ErrLocked    = &Error{Code: CodeLocked}
	ErrCorrupt   = &Error{Code: CodeCorrupt}
)
