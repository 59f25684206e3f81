package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The inputs are real runs of a small slice (framebench run -bench …
// -count 6 -benchtime 10ms), two runs of the same cells: run.txt and
// new.txt. They hold broken cells (oneread) and every workload.

// TestReportGolden checks report's output in each format against
// testdata/*.golden; go test -run TestReportGolden -update rewrites them.
func TestReportGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"text.golden", []string{"testdata/run.txt"}},
		{"markdown.golden", []string{"-format", "markdown", "-filter", "/codec:raw .unit:(sec/op OR B/s)", "testdata/run.txt"}},
		{"csv.golden", []string{"-format", "csv", "testdata/run.txt"}},
		{"json.golden", []string{"-format", "json", "-filter", "/transport:pipe /codec:raw .unit:(B/s OR wire-bytes/op)", "testdata/run.txt"}},
		{"compare.golden", []string{"old=testdata/run.txt", "new=testdata/new.txt"}},
		{"projection.golden", []string{"-table", ".name", "-row", "/transport /size@num", "-col", "/strategy@(none lenprefix msgio)", "-filter", "/codec:raw .unit:B/s", "testdata/run.txt"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(&stdout, &stderr, append([]string{"report"}, tc.args...)); err != nil {
				t.Fatalf("report %q: %v", tc.args, err)
			}
			got := stdout.String()
			if stderr.Len() > 0 {
				got += "--- stderr\n" + stderr.String()
			}
			checkGolden(t, filepath.Join("testdata", tc.golden), got)
		})
	}
}

// TestReportRun checks the run report (-o, with the first lines of a fault
// campaign's CSV) against testdata/run-report.golden.md and that every
// chart it embeds was written as SVG and PNG.
func TestReportRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2026-11-27-quick")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/run.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "raw.txt"), raw, 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(&stdout, &stderr, []string{"report", "-out", dir, "-faults", "testdata/faults.csv", filepath.Join(dir, "raw.txt")}); err != nil {
		t.Fatalf("report -out: %v", err)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/run-report.golden.md", string(readme))
	charts := 0
	for _, line := range strings.Split(string(readme), "\n") {
		_, svg, ok := strings.Cut(line, "](")
		if !ok || !strings.HasPrefix(line, "![") {
			continue
		}
		svg = strings.TrimSuffix(svg, ")")
		for _, name := range []string{svg, strings.TrimSuffix(svg, ".svg") + ".png"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || len(data) < 1000 {
				t.Errorf("chart %s: %d bytes, %v", name, len(data), err)
			}
		}
		charts++
	}
	// per transport (pipe, tcp): throughput and overhead of the reference
	// strategies and of the peers, throughput of the codec-bound ones;
	// ping-pong latency on pipe
	if charts != 11 {
		t.Errorf("README embeds %d charts, want 11", charts)
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, firstDiff(string(want), got))
	}
}

// firstDiff shows the first differing line of want and got.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + wl + "\ngot:  " + gl
		}
	}
	return "(same lines)"
}

// TestReportCSVMatchesBenchstat runs benchstat itself (built from the
// x/perf version go.mod pins) and report -format csv on the same files and
// projections: the outputs, numbers and warnings, must be identical.
// benchstat reads copies of the inputs without the 0-iteration NaN lines
// that go test prints for cells skipped after their first run: it loops
// forever on them, and report drops them.
func TestReportCSVMatchesBenchstat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds benchstat")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	tmp := t.TempDir()
	benchstat := filepath.Join(tmp, "benchstat")
	if out, err := exec.Command("go", "build", "-o", benchstat, "golang.org/x/perf/cmd/benchstat").CombinedOutput(); err != nil {
		t.Fatalf("building benchstat: %v\n%s", err, out)
	}
	if err := os.Mkdir(filepath.Join(tmp, "testdata"), 0o777); err != nil {
		t.Fatal(err)
	}
	noResult := regexp.MustCompile(`(?m)^Benchmark\S+\s+0\s.*\n`)
	for _, name := range []string{"run.txt", "new.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, "testdata", name), noResult.ReplaceAll(data, nil), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"-table", ".name /transport", "-row", "/size@num", "-col", "/strategy", "testdata/run.txt"},
		{"-table", ".name /transport", "-row", "/size@num", "-col", "/strategy", "-filter", "/codec:gob", "testdata/run.txt"},
		{"-table", ".config", "-row", ".fullname", "-col", ".file", "testdata/run.txt", "testdata/new.txt"},
		{"-table", ".name /transport", "-row", "/strategy /size@num", "-col", ".file", "old=testdata/run.txt", "new=testdata/new.txt"},
		{"-table", ".name", "-row", "/codec /size@num", "-col", "/payload", "-filter", ".name:Codec", "testdata/run.txt"},
		{"-table", ".name /transport /codec", "-row", "/size@num", "-col", "/strategy@(none lenprefix msgio)", "testdata/run.txt", "testdata/new.txt"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(&stdout, &stderr, append([]string{"report", "-format", "csv"}, args...)); err != nil {
			t.Fatalf("report -format csv %q: %v", args, err)
		}
		cmd := exec.Command(benchstat, append([]string{"-format", "csv"}, args...)...)
		cmd.Dir = tmp
		var bsOut, bsErr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &bsOut, &bsErr
		if err := cmd.Run(); err != nil {
			t.Fatalf("benchstat %q: %v\n%s", args, err, bsErr.String())
		}
		if stdout.String() != bsOut.String() {
			t.Errorf("report -format csv %q differs from benchstat:\n%s", args, firstDiff(bsOut.String(), stdout.String()))
		}
		if stderr.String() != bsErr.String() {
			t.Errorf("report -format csv %q warnings differ from benchstat's:\n%s", args, firstDiff(bsErr.String(), stderr.String()))
		}
		if !strings.Contains(stdout.String(), "e-0") {
			t.Errorf("report -format csv %q: no sec/op values in the output:\n%s", args, stdout.String())
		}
	}
}

// TestReportBadInput checks that each bad input gives a one-line error
// that names the file or the flag, and the exit status.
func TestReportBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // the whole error
		code int
	}{
		{[]string{"testdata/missing.txt"}, "open testdata/missing.txt: no such file or directory", 1},
		{[]string{"testdata/run.txt", "testdata/missing.txt"}, "open testdata/missing.txt: no such file or directory", 1},
		{[]string{"testdata/bad"}, "testdata/bad: is a directory, want a benchmark file", 1},
		{[]string{"testdata/bad/empty.txt"}, "testdata/bad/empty.txt: no benchmark results", 1},
		{[]string{"testdata/bad/nobench.txt"}, "testdata/bad/nobench.txt: no benchmark results", 1},
		{[]string{"testdata/bad/syntax.txt"}, "testdata/bad/syntax.txt:3: parsing iteration count: invalid syntax", 1},
		{[]string{"testdata/bad/nounit.txt"}, "testdata/bad/nounit.txt:1: missing units", 1},
		{[]string{"testdata/bad/unit.txt"}, "testdata/bad/unit.txt:1: expected key=value", 1},
		{[]string{"-row", "/sise", "testdata/run.txt"}, "report: -row: unknown key /sise (have /codec /payload /size /strategy /transport commit cpu date go goarch gomaxprocs goos kernel pipe-capacity pkg preset) (framebench help report)", 2},
		{[]string{"-table", ".name cpus", "testdata/run.txt"}, "report: -table: unknown key cpus (have /codec /payload /size /strategy /transport commit cpu date go goarch gomaxprocs goos kernel pipe-capacity pkg preset) (framebench help report)", 2},
		{[]string{"-col", "/strategy@(none", "testdata/run.txt"}, `report: -col "/strategy@(none": syntax error: missing ) at offset 15 (framebench help report)`, 2},
		{[]string{"-col", "/size@weird", "testdata/run.txt"}, `report: -col "/size@weird": syntax error: unknown order "weird" at offset 6 (framebench help report)`, 2},
		{[]string{"-filter", "/codec:(raw", "testdata/run.txt"}, `report: -filter "/codec:(raw": syntax error: value list must be separated by OR at offset 11 (framebench help report)`, 2},
		{[]string{"-filter", "/codec:nope", "testdata/run.txt"}, `report: -filter "/codec:nope": no benchmark results match (framebench help report)`, 2},
		{[]string{"-format", "html", "testdata/run.txt"}, `report: -format "html": want text, markdown, csv, json (framebench help report)`, 2},
		{[]string{"-nosuchflag", "testdata/run.txt"}, "report: flag provided but not defined: -nosuchflag (framebench help report)", 2},
		{nil, "report: no input file (framebench help report)", 2},
		{[]string{"/dev/zero"}, "/dev/zero:1: line longer than 65535 bytes, the most report reads", 1},
	} {
		var stdout, stderr bytes.Buffer
		err := run(&stdout, &stderr, append([]string{"report"}, tc.args...))
		if err == nil {
			t.Errorf("report %q: no error, want %q", tc.args, tc.want)
			continue
		}
		if err.Error() != tc.want || exitCode(err) != tc.code {
			t.Errorf("report %q: error %q, exit %d; want %q, exit %d", tc.args, err, exitCode(err), tc.want, tc.code)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("report %q: error has more than one line: %q", tc.args, err)
		}
	}
}

// TestReportOldOutFlag: -o, the old name the committed run reports cite,
// is -out.
func TestReportOldOutFlag(t *testing.T) {
	err := run(new(bytes.Buffer), new(bytes.Buffer), []string{"report", "-o", t.TempDir(), "-clean", "testdata/run.txt"})
	if err == nil || !strings.Contains(err.Error(), "-clean and -out: give one of them") {
		t.Errorf("report -o DIR -clean: %v, want -o taken for -out", err)
	}
}

// TestReportUnreadable checks a file that exists but cannot be read.
func TestReportUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	path := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(path, []byte("BenchmarkX 1 1 ns/op\n"), 0o200); err != nil {
		t.Fatal(err)
	}
	err := run(new(bytes.Buffer), new(bytes.Buffer), []string{"report", path})
	if err == nil || !strings.Contains(err.Error(), path) || exitCode(err) != 1 {
		t.Errorf("report %s: %v (exit %d), want an error naming the file, exit 1", path, err, exitCode(err))
	}
}
