//go:build bench

package bench

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
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

func median(samples []time.Duration) time.Duration { return percentile(samples, 50) }

// dirSize returns the bytes a folder takes on disk (allocated blocks) and the sum of its
// files' lengths.
func dirSize(dir string) (onDisk, apparent int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		apparent += info.Size()
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			onDisk += st.Blocks * 512
		} else {
			onDisk += info.Size()
		}
		return nil
	})
	return onDisk, apparent, err
}

// logLoad records the machine's load average: the benchmarks share two cores with whatever
// else runs, and a busy machine shows up first in the p99 figures.
func logLoad(t interface{ Logf(string, ...any) }, when string) {
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		t.Logf("load average %s: %s", when, strings.TrimSpace(string(b)))
	}
}

// procStatus reads a kB field (VmHWM, VmRSS, ...) of /proc/self/status, in MiB.
func procStatus(field string) (float64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != field {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		if err != nil {
			return 0, err
		}
		return kb / 1024, nil
	}
	return 0, fmt.Errorf("%s not in /proc/self/status", field)
}
