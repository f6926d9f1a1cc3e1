package relay

import (
	"errors"

	"huddle/internal/model"
)

// Errors a person may see carry a model code and a sentence that says what to do. The
// sentinels match with errors.Is; the ones built with model.Errorf also give model.CodeOf.
var (
	// ErrNotInvite: the pasted text is not an invite code at all.
	ErrNotInvite = model.Errorf(model.CodeInvalid,
		"This is not a Huddle invite code. An invite code starts with HUDDLE1-; ask whoever invited you to send it again.")
	// ErrInviteDamaged: an invite code that was cut short or changed on the way.
	ErrInviteDamaged = model.Errorf(model.CodeInvalid,
		"This invite code is damaged or incomplete. Copy the whole code again and paste it.")
	// ErrInviteTooNew: an invite from a later Huddle whose format this one cannot read.
	ErrInviteTooNew = model.Errorf(model.CodeInvalid,
		"This invite comes from a newer version of Huddle. Update Huddle, then paste the invite again.")
	// ErrBadCreds: text that is not a usable NATS credentials file.
	ErrBadCreds = model.Errorf(model.CodeInvalid,
		"These relay credentials are damaged or incomplete. Copy the whole credentials file again.")
	// ErrBadTrust: a relay trust that is not a valid chain of operator and accounts.
	ErrBadTrust = model.Errorf(model.CodeInvalid,
		"This relay trust file is damaged or incomplete. Export it again from Huddle.")

	// ErrPortInUse is inside the error Start returns when another program holds the port.
	ErrPortInUse = errors.New("the relay's port is in use")
	// ErrBadListen is inside the error returned for a listen address that is not HOST:PORT.
	ErrBadListen = errors.New("the relay's listen address is not HOST:PORT")

	errStoreLocked = errors.New("another relay is using this folder")
)
