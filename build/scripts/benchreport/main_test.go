package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const sampleLog = `=== RUN   TestBenchAppend
    bench_test.go:42: BENCH append_p50 0.12 ms
    bench_test.go:43: BENCH append_p99 0.9 ms
--- PASS: TestBenchAppend (1.20s)
BENCH cold_start 812 ms
    bench_test.go:50: BENCH rss_idle 215.5 MB extra words
    bench_test.go:51: BENCH broken n/a ms
NOBENCH x 1 ms
    bench_test.go:52: BENCH append_p50 0.11 ms
ok  	huddle/internal/bench	3.1s
`

func TestParse(t *testing.T) {
	var warnings []string
	got, err := Parse(strings.NewReader(sampleLog), func(s string) { warnings = append(warnings, s) })
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{"append_p50", "0.11", "ms"}, // first position, last value
		{"append_p99", "0.9", "ms"},
		{"cold_start", "812", "ms"},
		{"rss_idle", "215.5", "MB"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "broken") {
		t.Errorf("warnings = %q, want one about the non-numeric line", warnings)
	}
}

func TestNotes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"no notes here", ""},
		{"x\n<!-- notes -->\nkeep me\n<!-- /notes -->\ny", "<!-- notes -->\nkeep me\n<!-- /notes -->"},
		{"<!-- notes --> unterminated", ""},
	} {
		if got := Notes(tc.in); got != tc.want {
			t.Errorf("Notes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRender(t *testing.T) {
	m := Machine{CPU: "Test CPU", Cores: 2, Memory: "4.0 GiB", OS: "Debian GNU/Linux 12 (bookworm)", Go: "go1.26"}
	now := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	targets := map[string]string{"a|b": "≤ 2", "unused": "≤ 1"}
	out := Render([]Result{{"a|b", "1.5", "ms"}, {"no_target", "3", "ms"}}, targets, m, "", now)
	for _, want := range []string{
		"2026-01-02 03:04 UTC",
		"Test CPU (2 cores)",
		"4.0 GiB",
		"Debian GNU/Linux 12 (bookworm)",
		"| Name | Value | Unit | Target |",
		`| a\|b | 1.5 | ms | ≤ 2 |`,
		"| no_target | 3 | ms | — |",
		notesBegin, notesEnd,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "unused") {
		t.Errorf("a target without a figure made a row:\n%s", out)
	}
}

func TestRunPreservesNotes(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "bench.log")
	outPath := filepath.Join(dir, "docs", "benchmarks.md")
	if err := os.WriteFile(logPath, []byte(sampleLog), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run([]string{logPath, outPath}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "BENCH cold_start 812 ms\n") {
		t.Errorf("stdout does not echo the figures:\n%s", stdout.String())
	}

	// Hand-edit the notes, regenerate: the notes survive, the table is rewritten.
	data, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), Notes(string(data)), notesBegin+"\nAppend is fast.\n"+notesEnd, 1)
	if err := os.WriteFile(outPath, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logPath, []byte("BENCH only_one 7 ops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{logPath, outPath}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(outPath)
	got := string(data)
	if !strings.Contains(got, "Append is fast.") {
		t.Errorf("notes lost:\n%s", got)
	}
	if !strings.Contains(got, "| only_one | 7 | ops | — |") || strings.Contains(got, "cold_start") {
		t.Errorf("table not regenerated:\n%s", got)
	}
}

func TestRunWithoutBenchLinesKeepsFile(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "bench.log")
	outPath := filepath.Join(dir, "benchmarks.md")
	os.WriteFile(logPath, []byte("FAIL nothing measured\n"), 0o644)
	os.WriteFile(outPath, []byte("old report"), 0o644)
	var stdout, stderr bytes.Buffer
	if err := run([]string{logPath, outPath}, &stdout, &stderr); err == nil {
		t.Fatal("want an error for a log without BENCH lines")
	}
	if data, _ := os.ReadFile(outPath); string(data) != "old report" {
		t.Errorf("report changed to %q", data)
	}
}
