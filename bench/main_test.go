package bench

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"framebench/strategies"

	"go.uber.org/goleak"
)

var (
	watchdog    = flag.Duration("framebench.watchdog", Watchdog, "fail a transfer that makes no progress for this long")
	writePolicy = flag.String("framebench.writepolicy", "measure", "the header writers' `policy` (strategies.ParsePolicy), or measure: measure it before the benchmarks run")
)

// TestMain checks that no test or benchmark leaves a goroutine behind: every
// transfer's writer, echo and watchdog must have returned.
func TestMain(m *testing.M) {
	if IsPeerChild() { // the proc transport's child peer: this binary, re-executed
		os.Exit(RunPeerChild())
	}
	flag.Parse()
	Watchdog = *watchdog
	if err := setWritePolicy(os.Stdout, *writePolicy, flag.Lookup("test.bench").Value.String() != ""); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	goleak.VerifyTestMain(m)
	os.Exit(0)
}

// setWritePolicy sets WritePolicy from the -framebench.writepolicy flag:
// a policy as strategies.ParsePolicy reads it, or "measure", which
// measures one with DefaultWriteMeasure when benchmarks are to run. The
// policy in use is printed as a configuration line, so that every result
// file says which write paths its framing took.
func setWritePolicy(w io.Writer, flagValue string, benchmarks bool) error {
	source := "given"
	if flagValue == "measure" {
		if !benchmarks {
			return nil
		}
		start := time.Now()
		c, err := MeasureWritePolicy(bareTransports(), DefaultWriteMeasure)
		if err != nil {
			return err
		}
		WritePolicy = c.Policy
		source = fmt.Sprintf("measured in %.1fs", time.Since(start).Seconds())
		for _, line := range c.Lines {
			kind, rest, _ := strings.Cut(line, " ")
			fmt.Fprintf(w, "writepolicy-%s: %s\n", strings.ToLower(kind), rest)
		}
	} else {
		p, err := strategies.ParsePolicy(flagValue)
		if err != nil {
			return fmt.Errorf("-framebench.writepolicy: %w", err)
		}
		WritePolicy = p
	}
	fmt.Fprintf(w, "writepolicy: %s\nwritepolicy-source: %s\n", WritePolicy, source)
	return nil
}
