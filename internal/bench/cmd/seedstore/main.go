//go:build bench

// Command seedstore writes a generated workspace of N threads into a data folder and signs its
// Owner in on that folder's device, so `huddle --data DIR` opens straight into the inbox. The
// UI benchmarks (frontend/e2e-bench) use it for their 100k-thread workspace:
//
//	go run -tags bench ./internal/bench/cmd/seedstore -threads 100000 DIR
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"huddle/app"
	"huddle/internal/bench"
	"huddle/localdb"
)

func main() {
	threads := flag.Int("threads", 100_000, "how many threads to generate")
	seed := flag.Uint64("seed", 100, "random seed: the same seed gives the same workspace")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "Usage: seedstore [-threads N] [-seed S] DIR   (DIR must be empty or missing)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *threads, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "seedstore:", err)
		os.Exit(1)
	}
}

func run(dir string, threads int, seed uint64) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	s, err := bench.SeedStore(context.Background(), dir, threads, seed)
	if err != nil {
		return err
	}
	if err := signIn(dir, s.OwnerID); err != nil {
		return fmt.Errorf("sign the Owner in: %w", err)
	}
	fmt.Printf("seedstore: %d threads (%d resolved), %d messages in %s, in %.1f s\n",
		s.Threads, s.Resolved, s.Messages, dir, s.Took.Seconds())
	return nil
}

// signIn names the member the app shows on this folder's device, as `--demo` does for its
// Owner: without it the app asks who is at the desk.
func signIn(dir, memberID string) error {
	db, err := localdb.Open(dir, localdb.Options{})
	if err != nil {
		return err
	}
	err = db.SetLocalSetting(app.SettingMember, memberID)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
