package bench_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"framebench/bench"
	"framebench/report"
)

// TestBrokenReadByReport breaks BenchmarkBrokenProbe in a child process at
// each kind of call that breaks it in TestBrokenLaterRun (a skip on the
// first run, a failure on a later one) and checks that report reads the
// output's cell as broken, not failed. It is an external test: report
// orders by the registries of bench.
func TestBrokenReadByReport(t *testing.T) {
	if os.Getenv(bench.BrokenProbeEnv) != "" {
		t.Skip("in the probe's child")
	}
	for _, tc := range []struct{ count, at int }{{1, 1}, {1, 2}, {3, 3}, {3, 4}} {
		t.Run("count="+strconv.Itoa(tc.count)+"/at="+strconv.Itoa(tc.at), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkBrokenProbe$",
				"-test.benchtime=100x", "-test.v", "-test.count="+strconv.Itoa(tc.count))
			cmd.Env = append(os.Environ(), bench.BrokenProbeEnv+"="+strconv.Itoa(tc.at))
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "raw.txt")
			if err := os.WriteFile(path, out, 0o666); err != nil {
				t.Fatal(err)
			}
			set, err := report.Load([]string{"raw=" + path}, nil) // the path holds "=": label it
			if err != nil {
				t.Fatal(err)
			}
			sk, ok := set.Index(0).Broken[report.Cell{Bench: "BrokenProbe", Size: "16B"}]
			if !ok || sk.Kind != report.Broken {
				t.Errorf("report: cell recorded as %+v (found %v), want kind %q:\n%s", sk, ok, report.Broken, out)
			}
		})
	}
}
