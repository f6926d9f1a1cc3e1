package usecase_test

import (
	"context"
	"testing"
	"time"

	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/usecase"
)

// RunPasses runs a pass at once, after a change, on a wake and at the time a pass asked for,
// and returns when its context ends.
func TestRunPassesRunsOnStartChangeWakeAndTheTimeAsked(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	changes, wake := make(chan model.Change), make(chan struct{})
	passes := make(chan string, 10)
	n := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		usecase.RunPasses(ctx, changes, wake, ports.SystemClock{}, func(now time.Time) time.Time {
			n++
			passes <- map[int]string{1: "start", 2: "change", 3: "wake", 4: "asked"}[n]
			if n == 3 {
				return now.Add(50 * time.Millisecond)
			}
			return time.Time{} // nothing planned: an hour from now
		})
	}()
	expect := func(what string) {
		t.Helper()
		select {
		case got := <-passes:
			if got != what {
				t.Fatalf("pass %q, want %q", got, what)
			}
		case <-time.After(10 * time.Second): // a guard against hangs, never a measurement
			t.Fatalf("no pass for %q", what)
		}
	}
	expect("start")
	changes <- model.Change{}
	expect("change")
	wake <- struct{}{}
	expect("wake")
	expect("asked")
	cancel()
	<-done
}
