package bench

import (
	"flag"
	"os"
	"testing"

	"go.uber.org/goleak"
)

var watchdog = flag.Duration("framebench.watchdog", Watchdog, "fail a transfer that makes no progress for this long")

// TestMain checks that no test or benchmark leaves a goroutine behind: every
// transfer's writer, echo and watchdog must have returned.
func TestMain(m *testing.M) {
	if IsPeerChild() { // the proc transport's child peer: this binary, re-executed
		os.Exit(RunPeerChild())
	}
	flag.Parse()
	Watchdog = *watchdog
	goleak.VerifyTestMain(m)
	os.Exit(0)
}
