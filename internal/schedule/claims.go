package schedule

import (
	"context"
	"errors"
)

// Action is what a device claims to do with a scheduled message.
type Action string

// Actions. A message has at most one claim: the first device to claim decides whether it goes
// or is cancelled.
const (
	ActionSend   Action = "send"
	ActionCancel Action = "cancel"
)

// Claim says which device took a scheduled message, to do what, and when (unix ms).
type Claim struct {
	MessageID string `json:"messageId"`
	Device    string `json:"device"`
	Action    Action `json:"action"`
	At        int64  `json:"at"`
}

// Claims is where the devices of a workspace agree on who acts on a scheduled message.
type Claims interface {
	// Claim takes messageID for action on behalf of this device, unless some device (this one
	// included) took it before; it returns the claim that holds, which is this one when the
	// returned Device is this device and Action is action. It fails with ErrUnreachable when
	// the agreement cannot be reached now (the relay is configured but not connected).
	Claim(ctx context.Context, messageID string, action Action) (Claim, error)
	// Holder returns the claim on messageID, if any, without taking it.
	Holder(ctx context.Context, messageID string) (c Claim, ok bool, err error)
}

// ErrUnreachable means the relay that keeps the claims cannot be reached now.
var ErrUnreachable = errors.New("the relay cannot be reached, so Huddle cannot make sure a scheduled message goes only once")

// ErrDamaged means the relay holds something for a message that is not a claim Huddle wrote.
// Nobody can tell whether the message went, so no device treats it as won.
var ErrDamaged = errors.New("the relay's record of who sends this scheduled reply is damaged, " +
	"so Huddle will not send it, to avoid sending it twice. Copy its text into a new reply")
