package localdb

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The search normaliser turns text into the tokens the search index (search.go) stores and a
// query looks up. Both sides must agree exactly, so there is one function for both:
//
//   - letters and digits make up tokens; anything else (spaces, punctuation, emoji, "@", "'")
//     ends one, so "chloé@mail.fr" is chloe, mail, fr and "don't" is don (t is too short);
//   - every letter is lower-cased and stripped of its accents by decomposing it (NFD) and
//     dropping the combining marks, so "Éloïse" and "eloise" are one token; letters that do
//     not decompose (ø, ß, ł) stay as they are;
//   - combining marks already in the text (decomposed input) are dropped without ending the
//     token, so composed and decomposed spellings agree;
//   - one-character tokens are dropped: they match too much to be worth an index entry;
//   - a token is cut to maxTokenBytes, so a pasted URL or code cannot make a huge key; a
//     query token is cut the same way and then matches as a prefix.
const (
	minTokenRunes = 2
	maxTokenBytes = 32
	// maxRowTokens bounds the distinct tokens one row adds to the index (a pasted document
	// would otherwise add thousands of keys to one write); the words past it are not found.
	maxRowTokens = 512
)

// token is one normalised word and where it came from in the original text (byte offsets),
// for snippets.
type token struct {
	text       string
	start, end int
}

// tokenize returns the tokens of s in order, repeats included.
func tokenize(s string) []token {
	var out []token
	var b strings.Builder
	start, runes := -1, 0
	flush := func(end int) {
		if start >= 0 && runes >= minTokenRunes {
			out = append(out, token{text: cut(b.String()), start: start, end: end})
		}
		b.Reset()
		start, runes = -1, 0
	}
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent: part of the word, not of the token
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		runes++
		if r < utf8.RuneSelf {
			b.WriteByte(byte(unicode.ToLower(r)))
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(unicode.ToLower(d))
			}
		}
	}
	flush(len(s))
	return out
}

// cut shortens a token to maxTokenBytes without splitting a character.
func cut(t string) string {
	if len(t) <= maxTokenBytes {
		return t
	}
	n := maxTokenBytes
	for n > 0 && !utf8.RuneStart(t[n]) {
		n--
	}
	return t[:n]
}

// stopWords are the function words of the languages a shop writes in (English and French)
// that are in most messages: an index entry for them would cost every write several keys and
// find nothing anyone looks for. They are not indexed and a query skips them as finished
// words; typed as the last word, they still match as the start of longer words ("the" finds
// "theo", "there"). Words that are also names or things (son, don, will) are not in the list.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		about all also am an and any are as at be been but by can could did do does for from
		get got had has have he her him his hi how if in into is it its just let me my of on
		or our she so than that the their them then there these they this to too up us very
		was we were what when where which who with would you your ve ll re
		au aux avec ce ces cette dans de des du elle en est et il ils je la le les leur lui ma
		mais me mes moi mon ne nous ou par pas pour qu que qui sa se ses sur ta te toi ton tu un
		une vos votre vous`) {
		stopWords[w] = true
	}
}

// distinctTokens returns the distinct tokens of the texts that are not stop words, at most
// maxRowTokens of them, in order of first appearance.
func distinctTokens(texts ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range texts {
		for _, t := range tokenize(s) {
			if len(out) == maxRowTokens {
				return out
			}
			if !seen[t.text] && !stopWords[t.text] {
				seen[t.text] = true
				out = append(out, t.text)
			}
		}
	}
	return out
}

// terms is a parsed search query: every word must be in a row; the last one is the word the
// person is still typing, so it matches any token it starts. Finished stop words are dropped.
type terms struct {
	exact []string // distinct, in query order, without last
	last  string
}

func parseTerms(q string) (terms, bool) {
	toks := tokenize(q)
	if len(toks) == 0 {
		return terms{}, false
	}
	t := terms{last: toks[len(toks)-1].text}
	seen := map[string]bool{t.last: true}
	for _, k := range toks[:len(toks)-1] {
		if !seen[k.text] && !stopWords[k.text] {
			seen[k.text] = true
			t.exact = append(t.exact, k.text)
		}
	}
	return t, true
}

// matchesToken reports whether a row token satisfies one of the terms.
func (t terms) matchesToken(tok string) bool {
	if strings.HasPrefix(tok, t.last) {
		return true
	}
	for _, e := range t.exact {
		if tok == e {
			return true
		}
	}
	return false
}

// hasLast reports whether some token of the texts starts with the last term: the one
// condition an index walk over the exact terms does not already guarantee.
func (t terms) hasLast(texts ...string) bool {
	for _, s := range texts {
		for _, k := range tokenize(s) {
			if strings.HasPrefix(k.text, t.last) {
				return true
			}
		}
	}
	return false
}

const (
	snippetRunes  = 120 // about two lines of the results panel
	snippetBefore = 30  // runes of context kept before the first match
)

// snippet returns about snippetRunes of body, on one line, around the first word that matches
// t, with "…" where it was cut.
func snippet(body string, t terms) string {
	s := strings.Join(strings.Fields(body), " ")
	at := 0
	for _, k := range tokenize(s) {
		if t.matchesToken(k.text) {
			at = k.start
			break
		}
	}
	r := []rune(s)
	match := utf8.RuneCountInString(s[:at])
	from := max(0, match-snippetBefore)
	// Start at a word when the cut falls inside one.
	if from > 0 {
		for i := from; i < match; i++ {
			if r[i-1] == ' ' {
				from = i
				break
			}
		}
	}
	to := min(len(r), from+snippetRunes)
	out := string(r[from:to])
	if from > 0 {
		out = "…" + out
	}
	if to < len(r) {
		out += "…"
	}
	return out
}
