package team

import (
	"fmt"
	"regexp"
	"strings"

	"huddle/internal/model"
)

// Palette holds the avatar and brand colours: soft, distinguishable, readable with white
// initials. New members take the least used one so a small team gets different colours.
var Palette = []string{
	"#E07A5F", "#3D8B7D", "#8E7CC3", "#E9A03B", "#4A90C2", "#D46A92",
	"#6BA368", "#C9784F", "#5C6BC0", "#B5838D", "#2A9D8F", "#A3785F",
}

var (
	handleRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,29}$`)
	colorRe  = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// fold maps the accented letters common in staff names to plain ones, so "Léa" becomes @lea
// and a keyboard without accents can still mention her.
var fold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ą", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ę", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ć", "c", "č", "c", "ñ", "n", "ń", "n", "ł", "l", "ś", "s", "š", "s",
	"ź", "z", "ż", "z", "ž", "z", "ý", "y", "ÿ", "y", "ß", "ss", "æ", "ae", "œ", "oe",
)

// deriveHandle makes a handle from the first name, numbered when taken: ana, ana2, ana3.
func deriveHandle(name string, taken map[string]bool) string {
	first := strings.Fields(strings.ToLower(name))
	base := ""
	if len(first) > 0 {
		for _, r := range fold.Replace(first[0]) {
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				base += string(r)
			}
		}
	}
	if base == "" {
		base = "member"
	}
	if len(base) > 24 {
		base = base[:24]
	}
	h := base
	for n := 2; taken[h]; n++ {
		h = fmt.Sprintf("%s%d", base, n)
	}
	return h
}

// chooseHandle returns the handle a new member gets: the one asked for, checked, or a derived
// one. Handles stay unique across deactivated members too, so old mentions keep one meaning.
func chooseHandle(ws model.Workspace, asked, name string) (string, error) {
	taken := map[string]bool{}
	owner := map[string]string{}
	for _, m := range ws.Members {
		taken[m.Handle] = true
		owner[m.Handle] = m.Name
	}
	if asked = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(asked), "@")); asked == "" {
		return deriveHandle(name, taken), nil
	}
	if !handleRe.MatchString(asked) {
		return "", model.Errorf(model.CodeInvalid, "A handle uses only letters, digits, dots, dashes and underscores, with no spaces, like @ana.")
	}
	if taken[asked] {
		return "", model.Errorf(model.CodeInvalid, "The handle @%s is taken by %s; choose another.", asked, owner[asked])
	}
	return asked, nil
}

// chooseColor checks an asked colour or picks the least used palette colour.
func chooseColor(asked string, used []string) (string, error) {
	if asked != "" {
		if !colorRe.MatchString(asked) {
			return "", model.Errorf(model.CodeInvalid, "Pick a colour from the palette.")
		}
		return strings.ToUpper(asked), nil
	}
	count := map[string]int{}
	for _, c := range used {
		count[strings.ToUpper(c)]++
	}
	best := Palette[0]
	for _, c := range Palette {
		if count[c] < count[best] {
			best = c
		}
	}
	return best, nil
}
