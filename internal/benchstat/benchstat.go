// Package benchstat is what every benchmark package shares: printing a figure in the form
// build/scripts/benchreport collects, and the order statistics the figures are made of.
// Benchmarks report; they never assert timings.
package benchstat

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// Report prints one figure: `BENCH <name> <value> <unit>`.
func Report(name string, value float64, unit string) {
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

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of samples.
func Percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = max(1, min(rank, len(s)))
	return s[rank-1]
}

// MedianF returns the (lower) median of xs.
func MedianF(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(math.Ceil(0.5*float64(len(s))))-1]
}

// Ms is d in milliseconds.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
