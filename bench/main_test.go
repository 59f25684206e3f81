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
	watchdog    = flag.Duration("framebench.watchdog", DefaultWatchdog, "fail a transfer that makes no progress for this long")
	writePolicy = flag.String("framebench.writepolicy", "measure", "the header writers' `policy` (strategies.ParsePolicy), or measure: measure it before the benchmarks run")
	remote      = flag.String("framebench.remote", "", "also run the stream and ping-pong cells against a \"framebench peer serve\" at `host:port` (the remote transport)")
)

// env is the Env of every benchmark and test, made by TestMain from the
// flags before any runs; tests that need another make their own.
var env Env

// TestMain checks that no test or benchmark leaves a goroutine behind: every
// transfer's writer, echo and watchdog must have returned.
func TestMain(m *testing.M) {
	if IsPeerChild() { // the proc transport's child peer: this binary, re-executed
		os.Exit(RunPeerChild())
	}
	flag.Parse()
	env = Env{Watchdog: *watchdog, Remote: *remote}
	var err error
	if env.Write, err = writePolicyFlag(os.Stdout, *writePolicy, flag.Lookup("test.bench").Value.String() != ""); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	goleak.VerifyTestMain(m)
	os.Exit(0)
}

// writePolicyFlag returns the write policy that the -framebench.writepolicy
// flag names: a policy as strategies.ParsePolicy reads it, or "measure",
// which measures one with DefaultWriteMeasure when benchmarks are to run
// (nil otherwise). The policy in use is printed as a configuration line,
// so that every result file says which write paths its framing took.
func writePolicyFlag(w io.Writer, flagValue string, benchmarks bool) (*strategies.WritePolicy, error) {
	source := "given"
	var policy *strategies.WritePolicy
	if flagValue == "measure" {
		if !benchmarks {
			return nil, nil
		}
		start := time.Now()
		c, err := MeasureWritePolicy(bareTransports(Transports), DefaultWriteMeasure)
		if err != nil {
			return nil, err
		}
		policy = c.Policy
		source = fmt.Sprintf("measured in %.1fs", time.Since(start).Seconds())
		for _, line := range c.Lines {
			kind, rest, _ := strings.Cut(line, " ")
			fmt.Fprintf(w, "writepolicy-%s: %s\n", strings.ToLower(kind), rest)
		}
	} else {
		p, err := strategies.ParsePolicy(flagValue)
		if err != nil {
			return nil, fmt.Errorf("-framebench.writepolicy: %w", err)
		}
		policy = p
	}
	fmt.Fprintf(w, "writepolicy: %s\nwritepolicy-source: %s\n", policy, source)
	return policy, nil
}
