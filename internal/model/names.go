package model

import "strings"

// MaxName bounds every name people type (clients, contacts, teammates, locations, labels,
// the workspace) and thread subjects, so one paste cannot fill a list row with a novel.
const MaxName = 120

// CleanName trims a name, collapses its spaces and checks its length; what names the thing
// for the sentence ("client", "location").
func CleanName(s, what string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", Errorf(CodeInvalid, "Give the %s a name.", what)
	}
	if len([]rune(s)) > MaxName {
		return "", Errorf(CodeInvalid, "The %s's name is too long; keep it under %d characters.", what, MaxName)
	}
	return s, nil
}
