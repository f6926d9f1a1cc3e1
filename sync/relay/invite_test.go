package relay

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"huddle/internal/model"
)

func testInvite(t *testing.T) Invite {
	a := newAuthority(t, "Salon Chez Nous")
	return Invite{
		WorkspaceID:   a.WorkspaceID,
		WorkspaceName: a.WorkspaceName,
		URLs:          []string{"nats://192.168.1.20:4222", "nats://127.0.0.1:4222"},
		Creds:         issue(t, a, "front desk"),
	}
}

func TestInviteRoundTrips(t *testing.T) {
	inv := testInvite(t)
	code := inv.Encode()
	if !strings.HasPrefix(code, "HUDDLE1-") {
		t.Fatalf("code %q does not start with HUDDLE1-", code)
	}
	got, err := DecodeInvite(code)
	if err != nil {
		t.Fatal(err)
	}
	inv.Version = InviteVersion
	if !reflect.DeepEqual(got, inv) {
		t.Fatalf("round trip changed the invite:\n got %+v\nwant %+v", got, inv)
	}
}

func TestInviteSurvivesWrappingAndWhitespace(t *testing.T) {
	inv := testInvite(t)
	code := inv.Encode()
	var wrapped strings.Builder
	wrapped.WriteString("\n\t  ")
	for i := 0; i < len(code); i += 60 {
		wrapped.WriteString(code[i:min(i+60, len(code))])
		wrapped.WriteString("\r\n ")
	}
	wrapped.WriteString("  \n")
	got, err := DecodeInvite(wrapped.String())
	if err != nil {
		t.Fatal(err)
	}
	if got.WorkspaceID != inv.WorkspaceID || got.Creds != inv.Creds {
		t.Fatal("wrapped invite decoded differently")
	}
}

func TestDecodeInviteExplainsBadCodes(t *testing.T) {
	code := testInvite(t).Encode()
	future := func(v int) string {
		b, _ := json.Marshal(map[string]any{"v": v, "workspaceId": "x"})
		return "HUDDLE1-" + base64.RawURLEncoding.EncodeToString(b)
	}
	for name, c := range map[string]struct {
		code string
		want error
	}{
		"empty":             {"", ErrNotInvite},
		"garbage":           {"hello there", ErrNotInvite},
		"a URL":             {"nats://192.168.1.20:4222", ErrNotInvite},
		"truncated":         {code[:len(code)*2/3], ErrInviteDamaged},
		"missing last char": {code[:len(code)-1], ErrInviteDamaged},
		"prefix only":       {"HUDDLE1-", ErrInviteDamaged},
		"no version":        {"HUDDLE-" + code[8:], ErrInviteDamaged},
		"changed char":      {code[:40] + "!" + code[41:], ErrInviteDamaged},
		"newer prefix":      {"HUDDLE2-" + code[8:], ErrInviteTooNew},
		"newer payload":     {future(2), ErrInviteTooNew},
		"no relay":          {future(1), ErrInviteDamaged},
	} {
		_, err := DecodeInvite(c.code)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: want %v, got %v", name, c.want, err)
		}
		if model.CodeOf(err) != model.CodeInvalid {
			t.Errorf("%s: want an invalid-input code, got %v", name, model.CodeOf(err))
		}
	}
}
