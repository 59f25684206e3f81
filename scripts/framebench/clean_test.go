package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"framebench/report"
)

// A raw file with both forms benchstat cannot read: a cell that broke
// after its first run left a "broken:" line and go test's 0-iteration NaN
// line (before the bench package failed such cells), and, without -v, go
// test printed a name and then --- FAIL on one line.
const dirtyRaw = `cpu: test
BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B-2 	--- FAIL: BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B-2
    bench_test.go:34: broken: short read: one read returned 5 of 16 bytes
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B-2 	 100	 50 ns/op	 0.32 MB/s
    bench_test.go:34: broken: short read: one read returned 4 of 16 bytes
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B-2 	 0	 NaN ns/op	 0 B/op
BenchmarkStream/transport=tcp/codec=raw/strategy=none/payload=blob/size=16B-2 	 100	 40 ns/op	 0.40 MB/s
`

// TestReportClean: -clean drops the 0-iteration lines and nothing else,
// Load reads the same results and broken cells before and after, a second
// run drops nothing, and a NaN with iterations is an error that leaves the
// file as it was.
func TestReportClean(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(path, []byte(dirtyRaw), 0o640); err != nil {
		t.Fatal(err)
	}
	before, err := report.Load([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"dropped 1 result lines of 0 iterations and 1 names", "dropped 0 result lines of 0 iterations and 0 names"} {
		var stderr bytes.Buffer
		if err := run(new(bytes.Buffer), &stderr, []string{"report", "-clean", path}); err != nil {
			t.Fatalf("report -clean (run %d): %v", i+1, err)
		}
		if !strings.Contains(stderr.String(), path+": "+want) {
			t.Errorf("run %d: stderr %q, want %q", i+1, stderr.String(), want)
		}
	}
	got, _ := os.ReadFile(path)
	var want []string
	for _, l := range strings.Split(dirtyRaw, "\n") {
		if _, status, ok := strings.Cut(l, "\t--- "); ok {
			l = "--- " + status
		}
		if !strings.Contains(l, "NaN") {
			want = append(want, l)
		}
	}
	if string(got) != strings.Join(want, "\n") {
		t.Errorf("cleaned file:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("cleaned file mode %v, want 0640 kept", st.Mode().Perm())
	}
	after, err := report.Load([]string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Skips) != 2 || !reflect.DeepEqual(after.Skips, before.Skips) || len(after.Results) != len(before.Results) {
		t.Errorf("after cleaning: %d results, skips %+v; before: %d results, skips %+v; want the same, two broken cells", len(after.Results), after.Skips, len(before.Results), before.Skips)
	}
	for _, sk := range after.Skips {
		if sk.Kind != report.Broken {
			t.Errorf("skip %+v, want broken", sk)
		}
	}

	bad := dirtyRaw + "BenchmarkX-2 \t 5\t NaN ns/op\n"
	if err := os.WriteFile(path, []byte(bad), 0o666); err != nil {
		t.Fatal(err)
	}
	err = run(new(bytes.Buffer), new(bytes.Buffer), []string{"report", "-clean", path})
	if want := path + ":9: X-2: NaN ns/op is not a finite, non-negative measurement"; err == nil || err.Error() != want {
		t.Errorf("report -clean on a NaN with iterations: %v, want %s", err, want)
	}
	if got, _ := os.ReadFile(path); string(got) != bad {
		t.Errorf("a failed -clean changed the file")
	}
	if err := run(new(bytes.Buffer), new(bytes.Buffer), []string{"report", "-clean", "-o", "x", path}); err == nil || exitCode(err) != 2 {
		t.Errorf("report -clean -o: %v, want a usage error", err)
	}
}

// benchstatLimits bound each benchstat run of TestResultsBenchstat: the
// committed raw files need about 10 MB and a second each; the files with
// NaN lines took 24 GB.
const (
	benchstatMemKB   = 1 << 20 // ulimit -v, in KiB: 1 GiB of address space
	benchstatTimeout = 60 * time.Second
)

// TestResultsBenchstat runs benchstat itself over every raw.txt under
// results/, with its default projection and with the README's, under a
// memory limit and a timeout: each must succeed. A file with a NaN line
// must not, or the limits would prove nothing.
func TestResultsBenchstat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds benchstat")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh for ulimit")
	}
	benchstat := buildBenchstat(t)
	var raws []string
	filepath.WalkDir("../../results", func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "raw.txt" {
			raws = append(raws, path)
		}
		return err
	})
	if len(raws) == 0 {
		t.Fatal("no raw.txt under results/")
	}
	for _, raw := range raws {
		for _, args := range [][]string{{raw}, {"-col", "/strategy", "-row", "/size@num", "-table", "/transport", raw}} {
			if out, err := limitedBenchstat(benchstat, args...); err != nil {
				t.Errorf("benchstat %q: %v\n%s", args, err, out[:min(len(out), 2000)])
			}
		}
	}
	nan := filepath.Join(t.TempDir(), "nan.txt")
	os.WriteFile(nan, []byte("BenchmarkS/s=a-2 1 10 ns/op\nBenchmarkS/s=a-2 1 11 ns/op\nBenchmarkS/s=a-2 1 12 ns/op\n"+
		"BenchmarkS/s=b-2 1 10 ns/op\nBenchmarkS/s=b-2 0 NaN ns/op\nBenchmarkS/s=b-2 1 13 ns/op\n"), 0o666)
	if _, err := limitedBenchstat(benchstat, "-col", "/s", nan); err == nil {
		t.Errorf("benchstat read a file with a NaN line within the limits: they prove nothing")
	}
}

func buildBenchstat(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "benchstat")
	if out, err := exec.Command("go", "build", "-o", bin, "golang.org/x/perf/cmd/benchstat").CombinedOutput(); err != nil {
		t.Fatalf("building benchstat: %v\n%s", err, out)
	}
	return bin
}

// limitedBenchstat runs benchstat under benchstatMemKB and benchstatTimeout.
func limitedBenchstat(benchstat string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), benchstatTimeout)
	defer cancel()
	script := fmt.Sprintf(`ulimit -v %d && exec "$@"`, benchstatMemKB)
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, "sh", benchstat}, args...)...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return out, ctx.Err()
	}
	return out, err
}
