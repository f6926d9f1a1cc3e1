package device

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"huddle/internal/schedule"
	"huddle/sync/claims"
)

// The device is where the schedule runner claims scheduled messages. A device set up for a
// workspace claims on the relay; one that is not (no workspace shared from or to it) is the
// only device, and claims in its own store, so a claim survives a restart there too.

var _ schedule.Claims = (*Device)(nil)

// claimKey is the device-local setting that holds this device's own claim on a message.
func claimKey(messageID string) string { return "schedule.claim." + messageID }

// Claim takes messageID for action unless some device took it before (see schedule.Claims).
func (d *Device) Claim(ctx context.Context, messageID string, action schedule.Action) (schedule.Claim, error) {
	if err := claims.Validate(messageID, action); err != nil {
		return schedule.Claim{}, err
	}
	d.mu.Lock()
	if !d.cfg.configured() {
		defer d.mu.Unlock() // held while claiming: the check and the write are one step
		return d.claimLocallyLocked(messageID, action)
	}
	r, err := d.relayClaimsLocked()
	d.mu.Unlock()
	if err != nil {
		return schedule.Claim{}, err
	}
	// A claim made here before the workspace was shared goes to the relay as it was, so what
	// this device may already have done stays decided.
	local, ok, err := d.localClaim(messageID)
	switch {
	case err != nil:
		return schedule.Claim{}, err
	case ok:
		return r.Create(ctx, local)
	}
	return r.Claim(ctx, messageID, action)
}

// Holder returns the claim on messageID, if any, without taking it.
func (d *Device) Holder(ctx context.Context, messageID string) (schedule.Claim, bool, error) {
	if err := claims.ValidateID(messageID); err != nil {
		return schedule.Claim{}, false, err
	}
	d.mu.Lock()
	if !d.cfg.configured() {
		defer d.mu.Unlock()
		if err := d.unconfiguredLocked(); err != nil {
			return schedule.Claim{}, false, err
		}
		return d.localClaim(messageID)
	}
	r, err := d.relayClaimsLocked()
	d.mu.Unlock()
	if err != nil {
		return schedule.Claim{}, false, err
	}
	c, ok, err := r.Holder(ctx, messageID)
	if err == nil && !ok {
		return d.localClaim(messageID) // made before sharing; the next Claim takes it to the relay
	}
	return c, ok, err
}

// relayClaimsLocked returns the claims over the current connection. Callers hold d.mu.
func (d *Device) relayClaimsLocked() (*claims.Relay, error) {
	if d.nc == nil { // the relay did not start, or the session is being replaced
		return nil, fmt.Errorf("%w (no connection to the relay)", schedule.ErrUnreachable)
	}
	if d.sends == nil || d.sendsConn != d.nc { // kept per connection: it caches the open bucket
		d.sends, d.sendsConn = claims.New(d.nc, d.cfg.Workspace, d.store.DeviceID()), d.nc
	}
	return d.sends, nil
}

// unconfiguredLocked checks that this device really has no sync set-up, rather than one it
// could not read (damaged settings, or Start not run yet): a joined device that claimed by
// itself could send what another device sends too. Callers hold d.mu.
func (d *Device) unconfiguredLocked() error {
	raw, err := d.store.LocalSetting(settingKey)
	if err != nil {
		return err
	}
	if raw != "" {
		return fmt.Errorf("%w (this computer's sync settings are not in use)", schedule.ErrUnreachable)
	}
	return nil
}

// claimLocallyLocked is Claim on a device without a relay. Callers hold d.mu.
func (d *Device) claimLocallyLocked(messageID string, action schedule.Action) (schedule.Claim, error) {
	if err := d.unconfiguredLocked(); err != nil {
		return schedule.Claim{}, err
	}
	if held, ok, err := d.localClaim(messageID); err != nil || ok {
		return held, err
	}
	mine := schedule.Claim{MessageID: messageID, Device: d.store.DeviceID(), Action: action, At: time.Now().UnixMilli()}
	b, err := json.Marshal(mine)
	if err != nil {
		return schedule.Claim{}, err
	}
	if err := d.store.SetLocalSetting(claimKey(messageID), string(b)); err != nil {
		return schedule.Claim{}, fmt.Errorf("recording this computer's claim on scheduled message %s: %w", messageID, err)
	}
	return mine, nil
}

// localClaim reads the claim this device made on messageID while it had no relay.
func (d *Device) localClaim(messageID string) (schedule.Claim, bool, error) {
	raw, err := d.store.LocalSetting(claimKey(messageID))
	if err != nil || raw == "" {
		return schedule.Claim{}, false, err
	}
	c, err := claims.Decode(messageID, []byte(raw))
	return c, err == nil, err
}
