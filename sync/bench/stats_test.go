//go:build bench

package bench

import (
	"fmt"
	"log/slog"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The helpers below repeat internal/bench's (its are in _test files, which cannot be
// imported), so both packages print figures the same way.

// report prints one figure in the form build/scripts/benchreport collects.
func report(name string, value float64, unit string) {
	fmt.Printf("BENCH %s %s %s\n", name, strconv.FormatFloat(value, 'f', decimals(value), 64), unit)
}

// decimals keeps about three significant digits below 10 and none above 1000.
func decimals(v float64) int {
	switch a := math.Abs(v); {
	case a >= 1000:
		return 0
	case a >= 100:
		return 1
	case a >= 10:
		return 2
	}
	return 3
}

// percentile returns the nearest-rank p-th percentile (0 < p <= 100) of samples.
func percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = max(1, min(rank, len(s)))
	return s[rank-1]
}

func medianF(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(math.Ceil(0.5*float64(len(s))))-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

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
