package relay

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
)

// Authority holds the keys of one workspace's relay trust. Only the host device has it: the
// caller stores it as JSON in a device-local setting and never syncs it, because whoever holds
// AccountSeed can let any device into the workspace.
type Authority struct {
	WorkspaceID   string `json:"workspaceId"`
	WorkspaceName string `json:"workspaceName"`
	OperatorSeed  string `json:"operatorSeed"` // nkey seed, "SO…"
	SystemSeed    string `json:"systemSeed"`   // nkey seed of the system account, "SA…"
	AccountSeed   string `json:"accountSeed"`  // nkey seed of the workspace account, "SA…"
}

// NewAuthority creates fresh operator, system-account and workspace-account keys.
func NewAuthority(workspaceID, workspaceName string) (Authority, error) {
	if strings.TrimSpace(workspaceID) == "" {
		return Authority{}, errors.New("relay: NewAuthority needs a workspace ID")
	}
	op, err := nkeys.CreateOperator()
	if err != nil {
		return Authority{}, fmt.Errorf("relay: create operator key: %w", err)
	}
	sys, err := nkeys.CreateAccount()
	if err != nil {
		return Authority{}, fmt.Errorf("relay: create system account key: %w", err)
	}
	acc, err := nkeys.CreateAccount()
	if err != nil {
		return Authority{}, fmt.Errorf("relay: create account key: %w", err)
	}
	a := Authority{WorkspaceID: workspaceID, WorkspaceName: workspaceName}
	for _, k := range []struct {
		kp  nkeys.KeyPair
		dst *string
	}{{op, &a.OperatorSeed}, {sys, &a.SystemSeed}, {acc, &a.AccountSeed}} {
		seed, err := k.kp.Seed()
		if err != nil {
			return Authority{}, fmt.Errorf("relay: read new key: %w", err)
		}
		*k.dst = string(seed)
	}
	return a, nil
}

// String hides the seeds, so logging an Authority by accident leaks nothing.
func (a Authority) String() string {
	return fmt.Sprintf("relay.Authority{workspace %q, seeds redacted}", a.WorkspaceID)
}

// LogValue hides the seeds from slog for the same reason.
func (a Authority) LogValue() slog.Value {
	return slog.GroupValue(slog.String("workspace", a.WorkspaceID))
}

// keys decodes the three seeds, checking each is the kind of key it claims to be.
func (a Authority) keys() (op, sys, acc nkeys.KeyPair, err error) {
	decode := func(seed string, want nkeys.PrefixByte, what string) (nkeys.KeyPair, error) {
		kp, err := nkeys.FromSeed([]byte(seed))
		if err != nil {
			return nil, fmt.Errorf("relay: the workspace's %s key is damaged: %w", what, err)
		}
		pub, err := kp.PublicKey()
		if err != nil || !nkeys.IsValidPublicKey(pub) || nkeys.Prefix(pub) != want {
			return nil, fmt.Errorf("relay: the workspace's %s key is the wrong kind of key", what)
		}
		return kp, nil
	}
	if op, err = decode(a.OperatorSeed, nkeys.PrefixByteOperator, "operator"); err != nil {
		return
	}
	if sys, err = decode(a.SystemSeed, nkeys.PrefixByteAccount, "system account"); err != nil {
		return
	}
	acc, err = decode(a.AccountSeed, nkeys.PrefixByteAccount, "account")
	return
}

// Trust signs the JWTs a relay needs to accept this workspace's devices. The JWTs differ from
// call to call (they carry their issue time) but name the same keys, so every Trust made from
// one Authority accepts the same devices.
func (a Authority) Trust() (Trust, error) {
	opKP, sysKP, accKP, err := a.keys()
	if err != nil {
		return Trust{}, err
	}
	opPub, _ := opKP.PublicKey()
	sysPub, _ := sysKP.PublicKey()
	accPub, _ := accKP.PublicKey()

	oc := jwt.NewOperatorClaims(opPub)
	oc.Name = "Huddle " + a.WorkspaceID
	oc.SystemAccount = sysPub
	opJWT, err := oc.Encode(opKP)
	if err != nil {
		return Trust{}, fmt.Errorf("relay: sign operator: %w", err)
	}

	sc := jwt.NewAccountClaims(sysPub)
	sc.Name = "SYS"
	sysJWT, err := sc.Encode(opKP)
	if err != nil {
		return Trust{}, fmt.Errorf("relay: sign system account: %w", err)
	}

	ac := jwt.NewAccountClaims(accPub)
	ac.Name = a.WorkspaceName
	if ac.Name == "" {
		ac.Name = a.WorkspaceID
	}
	ac.Description = "Huddle workspace " + a.WorkspaceID
	// Without JetStream limits the account has JetStream switched off. Negative is unlimited;
	// the relay's disk is the only bound that matters for a team inbox.
	ac.Limits.JetStreamLimits = jwt.JetStreamLimits{
		MemoryStorage: jwt.NoLimit,
		DiskStorage:   jwt.NoLimit,
		Streams:       jwt.NoLimit,
		Consumer:      jwt.NoLimit,
		MaxAckPending: jwt.NoLimit,
	}
	accJWT, err := ac.Encode(opKP)
	if err != nil {
		return Trust{}, fmt.Errorf("relay: sign account: %w", err)
	}
	return Trust{Operator: opJWT, SystemAccount: sysJWT, Accounts: []string{accJWT}}, nil
}

// IssueUser makes relay credentials for one device: a fresh user key and a user JWT signed by
// the workspace account, without expiry. The JWT carries no permissions, which NATS reads as
// "everything inside the account" (any subject, the JetStream API, KV buckets): the account
// is the boundary that matters, and an explicit ">" would only add a check to every publish.
func (a Authority) IssueUser(deviceName string) (Creds, error) {
	_, _, accKP, err := a.keys()
	if err != nil {
		return Creds{}, err
	}
	userKP, err := nkeys.CreateUser()
	if err != nil {
		return Creds{}, fmt.Errorf("relay: create device key: %w", err)
	}
	userPub, _ := userKP.PublicKey()
	seed, err := userKP.Seed()
	if err != nil {
		return Creds{}, fmt.Errorf("relay: read device key: %w", err)
	}
	uc := jwt.NewUserClaims(userPub)
	uc.Name = strings.TrimSpace(deviceName)
	if uc.Name == "" {
		uc.Name = "device"
	}
	userJWT, err := uc.Encode(accKP)
	if err != nil {
		return Creds{}, fmt.Errorf("relay: sign device credentials: %w", err)
	}
	return Creds{JWT: userJWT, Seed: string(seed)}, nil
}

// Creds are one device's relay credentials: its user JWT and the seed that proves it owns it.
// The seed never leaves the device except inside the invite that delivered it.
type Creds struct {
	JWT  string `json:"jwt"`
	Seed string `json:"seed"`
}

// ParseCreds reads credentials in the standard NATS .creds format (a decorated user JWT
// followed by a decorated user seed), so a file made with `nsc` for an existing NATS
// deployment works as well as one written by File.
func ParseCreds(text string) (Creds, error) {
	data := []byte(strings.TrimSpace(text))
	userJWT, err := jwt.ParseDecoratedJWT(data)
	if err != nil {
		return Creds{}, ErrBadCreds
	}
	kp, err := jwt.ParseDecoratedUserNKey(data)
	if err != nil {
		return Creds{}, ErrBadCreds
	}
	seed, err := kp.Seed()
	if err != nil {
		return Creds{}, ErrBadCreds
	}
	c := Creds{JWT: userJWT, Seed: string(seed)}
	if err := c.Validate(); err != nil {
		return Creds{}, err
	}
	return c, nil
}

// Validate checks that the JWT is a correctly signed user JWT and that the seed is its key.
// It cannot tell whether a relay will accept them: that depends on the relay's Trust.
func (c Creds) Validate() error {
	uc, err := jwt.DecodeUserClaims(c.JWT)
	if err != nil {
		return ErrBadCreds
	}
	kp, err := nkeys.FromSeed([]byte(c.Seed))
	if err != nil {
		return ErrBadCreds
	}
	pub, err := kp.PublicKey()
	if err != nil || pub != uc.Subject {
		return ErrBadCreds
	}
	return nil
}

// File renders the credentials as a standard NATS .creds file. It returns "" for credentials
// that do not Validate.
func (c Creds) File() string {
	b, err := jwt.FormatUserConfig(c.JWT, []byte(c.Seed))
	if err != nil {
		return ""
	}
	return string(b)
}

// String hides the seed; use File for the .creds text. fmt and loggers call String
// implicitly, and a seed in a log file is a key to the workspace.
func (c Creds) String() string {
	if uc, err := jwt.DecodeUserClaims(c.JWT); err == nil {
		return fmt.Sprintf("relay.Creds{user %s %q, seed redacted}", uc.Subject, uc.Name)
	}
	return "relay.Creds{invalid}"
}

// LogValue hides the seed from slog.
func (c Creds) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Option makes a NATS connection authenticate with these credentials.
func (c Creds) Option() nats.Option { return nats.UserJWTAndSeed(c.JWT, c.Seed) }
