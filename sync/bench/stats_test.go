//go:build bench

package bench

import (
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"huddle/internal/benchstat"
)

// The shared helpers, under the short names this package's benchmarks use.
var (
	report     = benchstat.Report
	percentile = benchstat.Percentile
	medianF    = benchstat.MedianF
	ms         = benchstat.Ms
)

// perSecond is a rate of n events over d.
func perSecond(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }

// quietLogger keeps the stores' and replicators' INFO lines out of the benchmark log.
func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// logLoad records the machine's load average: the benchmarks share two cores with whatever
// else runs, and a busy machine shows up first in the p99 figures.
func logLoad(t interface{ Logf(string, ...any) }, when string) {
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		t.Logf("load average %s: %s", when, strings.TrimSpace(string(b)))
	}
}

// rssMB reads the process's resident set size (VmRSS) in MiB; 0 when unknown.
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
