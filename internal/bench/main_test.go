//go:build bench

package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/localdb"
)

// Cold start runs in a child process — this test binary again, with coldEnvDir set — so the
// memory of the generation and of the other measurements does not count: the child opens the
// store, reads the first inbox page (the All view) and the counts, and reports the time from
// Open to both answers (process start-up is not counted) and its peak RSS.
const (
	coldEnvDir    = "HUDDLE_BENCH_COLDSTART_DIR"
	coldEnvMember = "HUDDLE_BENCH_COLDSTART_MEMBER"
	coldPrefix    = "COLDSTART "
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(coldEnvDir); dir != "" {
		os.Exit(coldStartChild(dir, os.Getenv(coldEnvMember)))
	}
	os.Exit(m.Run())
}

// coldStart is what one child measured.
type coldStart struct {
	OpenMs   float64 `json:"openMs"`
	PageMs   float64 `json:"pageMs"`
	CountsMs float64 `json:"countsMs"`
	TotalMs  float64 `json:"totalMs"` // Open through first page and counts
	Rows     int     `json:"rows"`
	HWMMB    float64 `json:"hwmMB"` // peak RSS (VmHWM) after the first page and counts
	RSSMB    float64 `json:"rssMB"`
	HeapMB   float64 `json:"heapMB"` // Go heap in use at that point
}

func coldStartChild(dir, member string) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "cold start:", err)
		return 1
	}
	t0 := time.Now()
	db, err := localdb.Open(dir, localdb.Options{Logger: quietLogger()})
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	t1 := time.Now()
	page, err := db.Threads(model.ThreadQuery{Member: member, View: model.ViewAll, Limit: 50})
	if err != nil {
		return fail(err)
	}
	t2 := time.Now()
	if _, err := db.Counts(member); err != nil {
		return fail(err)
	}
	t3 := time.Now()
	res := coldStart{OpenMs: ms(t1.Sub(t0)), PageMs: ms(t2.Sub(t1)), CountsMs: ms(t3.Sub(t2)),
		TotalMs: ms(t3.Sub(t0)), Rows: len(page.Threads)}
	if res.HWMMB, err = procStatus("VmHWM"); err != nil {
		return fail(err)
	}
	if res.RSSMB, err = procStatus("VmRSS"); err != nil {
		return fail(err)
	}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	res.HeapMB = float64(mem.HeapInuse) / (1 << 20)
	out, _ := json.Marshal(res)
	fmt.Println(coldPrefix + string(out))
	return 0
}

// runColdStart runs one child against dir as member.
func runColdStart(t *testing.T, dir, member string) coldStart {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), coldEnvDir+"="+dir, coldEnvMember+"="+member)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cold start child: %v\n%s", err, stderr.String())
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, coldPrefix); ok {
			var res coldStart
			if err := json.Unmarshal([]byte(rest), &res); err != nil {
				t.Fatalf("cold start child: %v", err)
			}
			if res.Rows == 0 {
				t.Fatalf("cold start child read an empty first page")
			}
			return res
		}
	}
	t.Fatalf("cold start child printed no result:\n%s\n%s", out, stderr.String())
	return coldStart{}
}

// measureColdStart runs n children and reports the medians.
func measureColdStart(t *testing.T, dir, member, suffix string, n int) {
	var total, open, page, hwm []float64
	for range n {
		r := runColdStart(t, dir, member)
		t.Logf("cold start %s: open %.1f ms, first page %.2f ms (%d rows), counts %.2f ms, total %.1f ms; VmHWM %.1f MiB, VmRSS %.1f MiB, Go heap %.1f MiB",
			suffix, r.OpenMs, r.PageMs, r.Rows, r.CountsMs, r.TotalMs, r.HWMMB, r.RSSMB, r.HeapMB)
		total, open, page, hwm = append(total, r.TotalMs), append(open, r.OpenMs), append(page, r.PageMs), append(hwm, r.HWMMB)
	}
	t.Logf("cold start %s medians: open %.1f ms, first page %.2f ms", suffix, medianF(open), medianF(page))
	report("cold_start_ms_"+suffix, medianF(total), "ms")
	report("cold_start_rss_mb_"+suffix, medianF(hwm), "MB")
}
