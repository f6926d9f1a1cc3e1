package relay

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// InviteVersion is the invite format this Huddle writes and the newest it reads.
const InviteVersion = 1

// invitePrefix starts every code. Its digit is the format version, so a future format can be
// recognised as "newer" before its payload is read.
const invitePrefix = "HUDDLE"

// Invite is what a new device pastes to join a workspace: where the relay is and the device's
// own credentials. It carries a secret (the device seed): it should reach one device only.
type Invite struct {
	Version       int      `json:"v"`
	WorkspaceID   string   `json:"workspaceId"`
	WorkspaceName string   `json:"workspaceName"`
	URLs          []string `json:"urls"` // relay addresses, best first
	Creds         Creds    `json:"creds"`
}

// Encode renders the invite as one line, "HUDDLE1-" and the base64url of its JSON, which
// survives chat apps and e-mail (no characters they rewrite, and DecodeInvite drops any line
// breaks they add).
func (i Invite) Encode() string {
	if i.Version == 0 {
		i.Version = InviteVersion
	}
	b, err := json.Marshal(i)
	if err != nil {
		panic(fmt.Sprintf("relay: marshal invite: %v", err)) // only strings and ints: cannot fail
	}
	return fmt.Sprintf("%s%d-%s", invitePrefix, i.Version, base64.RawURLEncoding.EncodeToString(b))
}

// DecodeInvite reads a pasted invite code. Whitespace anywhere in it is ignored, because mail
// and chat programs wrap long lines. Errors are ErrNotInvite, ErrInviteDamaged or
// ErrInviteTooNew, each a sentence for the person pasting.
func DecodeInvite(code string) (Invite, error) {
	code = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code)
	head, payload, ok := strings.Cut(code, "-")
	if len(head) < len(invitePrefix) || !strings.EqualFold(head[:len(invitePrefix)], invitePrefix) {
		return Invite{}, ErrNotInvite
	}
	version, err := strconv.Atoi(head[len(invitePrefix):])
	if err != nil || !ok || version < 1 {
		return Invite{}, ErrInviteDamaged
	}
	if version > InviteVersion {
		return Invite{}, ErrInviteTooNew
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(payload, "="))
	if err != nil {
		return Invite{}, ErrInviteDamaged
	}
	var inv Invite
	if err := json.Unmarshal(raw, &inv); err != nil {
		return Invite{}, ErrInviteDamaged
	}
	if inv.Version > InviteVersion {
		return Invite{}, ErrInviteTooNew
	}
	if inv.Version != version || inv.WorkspaceID == "" || len(inv.URLs) == 0 || inv.Creds.Validate() != nil {
		return Invite{}, ErrInviteDamaged
	}
	return inv, nil
}
