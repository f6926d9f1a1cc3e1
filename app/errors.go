package app

import (
	"encoding/json"
	"errors"
	"log/slog"

	"huddle/internal/model"
)

// UIError is what a bound method's rejected promise carries: its Error() is JSON
// {"code": "...", "message": "..."}, which the frontend bridge turns back into an Error with a
// code. Messages are plain sentences a receptionist understands.
type UIError struct {
	Code    model.Code `json:"code"`
	Message string     `json:"message"`
}

func (e *UIError) Error() string {
	b, _ := json.Marshal(e)
	return string(b)
}

// toUI converts any error for the UI. Coded errors keep their sentence; anything else is a bug
// and is logged with its cause, while the person gets a sentence that says what to do.
func toUI(log *slog.Logger, op string, err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		if me.Err != nil {
			log.Warn(op, "code", me.Code, "err", me.Err)
		}
		return &UIError{Code: me.Code, Message: me.Message}
	}
	log.Error(op, "err", err)
	return &UIError{Code: model.CodeInternal,
		Message: "Something went wrong on this computer and the action was not saved. Try again; if it keeps happening, restart Huddle."}
}
