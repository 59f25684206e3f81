package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/sys/unix"

	"framebench/bench"
	"framebench/strategies"
)

const seedUsage = `usage: framebench seed [-format text|markdown|csv] [-save PREFIX] [flags]

Reproduces the seed document side by side: one message of N characters
('0' * N, the seed's message) goes once through an os.pipe,
  - in CPython (scripts/seed.py): pickle.load on an unbuffered pipe (the
    seed's program), on a buffered one, and the seed's length-prefixed fix;
  - in Go: stream, buffered, oneread and lenprefix with the pickle codec;
at sizes crossing the pipe's 65,536 bytes. Each outcome is ok or fail with
the error; a failure cannot hang (the seed's sender blocks forever on the
full pipe: CPython trials run in their own interpreter with a timeout, Go
transfers under the watchdog). -save results/seed writes results/seed.md
and results/seed.csv from the same run.

flags:
`

// seedVariants are the rows of the table, in order: side, key, description.
var seedVariants = []struct{ side, key, desc string }{
	{"CPython", "unbuffered", "pickle.load, unbuffered pipe (the seed)"},
	{"CPython", strategies.Buffered.Name(), "pickle.load, buffered pipe (fix 1)"},
	{"CPython", strategies.LenPrefix.Name(), `"!L" length + pickle.dumps (fix 2)`},
	{"Go", strategies.Stream.Name(), "stream: og-rek Decoder on the pipe"},
	{"Go", strategies.Buffered.Name(), "buffered: Decoder over a bufio.Reader"},
	{"Go", strategies.OneRead.Name(), "oneread: one Read per message"},
	{"Go", strategies.LenPrefix.Name(), "lenprefix: the seed's fix"},
}

// seedResult is one trial: one variant, one size.
type seedResult struct {
	Side      string  `json:"side"`
	Variant   string  `json:"variant"`
	Size      int     `json:"size"`
	Outcome   string  `json:"outcome"` // ok, fail, timeout, wrong, crash
	Error     string  `json:"error"`
	After     string  `json:"after"` // what the seed warns about, after a failure
	WireBytes int64   `json:"wire_bytes"`
	Seconds   float64 `json:"seconds"`
	Python    string  `json:"python"`
}

func runSeed(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("seed", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, seedUsage); fs.PrintDefaults() }
	format := fs.String("format", "text", "output `format`: text, markdown or csv")
	save := fs.String("save", "", "also write `PREFIX`.md and PREFIX.csv (e.g. results/seed)")
	python := fs.String("python", "python3", "the CPython `command`")
	script := fs.String("script", "", "`path` of scripts/seed.py (default: found from the current directory up)")
	sizeList := fs.String("sizes", "65516,65535,65536,65537,1048576", "message sizes in characters, comma-separated")
	timeout := fs.Duration("timeout", 10*time.Second, "how long one trial may take")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("seed: unexpected argument %q", fs.Arg(0))}
	}
	render, ok := seedFormats[*format]
	if !ok {
		return usageError{fmt.Sprintf("seed: -format %q: text, markdown or csv", *format)}
	}
	var sizes []int
	for _, s := range strings.Split(*sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			return usageError{fmt.Sprintf("seed: -sizes: bad size %q", s)}
		}
		sizes = append(sizes, n)
	}

	res, pyErr := seedPython(*python, *script, sizes, *timeout)
	if pyErr != nil {
		fmt.Fprintf(stderr, "framebench seed: no CPython results: %v\n", pyErr)
	}
	res = append(res, seedGo(sizes, *timeout)...)
	env := seedEnv(res, pyErr)
	if *save != "" {
		for ext, r := range map[string]func(io.Writer, []seedResult, []int, []string) error{".md": seedMarkdown, ".csv": seedCSV} {
			var b bytes.Buffer
			if err := r(&b, res, sizes, env); err != nil {
				return err
			}
			if err := os.WriteFile(*save+ext, b.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	return render(stdout, res, sizes, env)
}

// seedPython runs scripts/seed.py and reads its JSON lines.
func seedPython(python, script string, sizes []int, timeout time.Duration) ([]seedResult, error) {
	if _, err := exec.LookPath(python); err != nil {
		return nil, err
	}
	if script == "" {
		var err error
		if script, err = findUp(filepath.Join("scripts", "seed.py")); err != nil {
			return nil, err
		}
	}
	var list []string
	for _, n := range sizes {
		list = append(list, strconv.Itoa(n))
	}
	cmd := exec.Command(python, script, "-sizes", strings.Join(list, ","), "-timeout", strconv.FormatFloat(timeout.Seconds(), 'f', -1, 64))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %s", script, err, strings.TrimSpace(stderr.String()))
	}
	var res []seedResult
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		r := seedResult{Side: "CPython"}
		if err := dec.Decode(&r); err != nil {
			return res, fmt.Errorf("%s: %v", script, err)
		}
		res = append(res, r)
	}
	return res, nil
}

// findUp looks for rel in the current directory and its parents.
func findUp(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%s not found here or above: pass -script", rel)
		}
		dir = parent
	}
}

// seedGo sends one message of each size once over os.Pipe with each Go
// strategy and the pickle codec, under the watchdog.
func seedGo(sizes []int, timeout time.Duration) []seedResult {
	env := bench.Env{Watchdog: timeout}
	var res []seedResult
	for _, v := range seedVariants {
		if v.side != "Go" {
			continue
		}
		for _, n := range sizes {
			r := seedResult{Side: "Go", Variant: v.key, Size: n, Outcome: "ok"}
			c := bench.Cell{Bench: bench.Stream, Transport: bench.Pipe.Name, Codec: strategies.Pickle.Name(), Strategy: v.key, Payload: strategies.Blob, Size: n}
			t0 := time.Now()
			l, err := env.Open(c)
			if err == nil {
				var st bench.Stats
				st, err = l.Transfer(0, 1, true)
				l.Close()
				r.WireBytes = st.WireBytes
			}
			r.Seconds = time.Since(t0).Seconds()
			if err != nil {
				// The reader's error; the writer's that follows ("use of closed file") is its echo.
				msg, _, _ := strings.Cut(err.Error(), " (writer: ")
				r.Outcome, r.Error = "fail", strings.TrimPrefix(msg, "bench: "+c.Name()+": ")
				if errors.Is(err, bench.ErrStuck) {
					r.Outcome = "timeout"
				}
			}
			res = append(res, r)
		}
	}
	return res
}

// seedEnv describes where and how the results were made.
func seedEnv(res []seedResult, pyErr error) []string {
	env := []string{"date: " + time.Now().UTC().Format("2006-01-02 15:04 UTC")}
	if commit := gitCommit(); commit != "" {
		env = append(env, "commit: "+commit)
	}
	env = append(env, fmt.Sprintf("go: %s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH))
	py := "python: none (" + fmt.Sprint(pyErr) + ")"
	for _, r := range res {
		if r.Python != "" {
			py = "python: CPython " + r.Python
			break
		}
	}
	env = append(env, py)
	var u unix.Utsname
	if unix.Uname(&u) == nil {
		env = append(env, "kernel: "+unix.ByteSliceToString(u.Sysname[:])+" "+unix.ByteSliceToString(u.Release[:]))
	}
	env = append(env, fmt.Sprintf("cpus: %d", runtime.NumCPU()))
	if n, err := bench.PipeCapacity(); err == nil {
		env = append(env, fmt.Sprintf("pipe capacity: %d bytes", n))
	}
	return env
}

// gitCommit is the checkout's commit, marked if the tree has changes.
func gitCommit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return ""
	}
	commit := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		commit += " (with uncommitted changes)"
	}
	return commit
}

var seedFormats = map[string]func(io.Writer, []seedResult, []int, []string) error{
	"text": seedText, "markdown": seedMarkdown, "csv": seedCSV,
}

// seedGrid is the table: one row per variant, one column per size.
func seedGrid(res []seedResult, sizes []int, cell func(seedResult) string) [][]string {
	var rows [][]string
	for _, v := range seedVariants {
		row := []string{v.side, v.desc}
		found := false
		for _, n := range sizes {
			s := "n/a"
			for _, r := range res {
				if r.Side == v.side && r.Variant == v.key && r.Size == n {
					s, found = cell(r), true
				}
			}
			row = append(row, s)
		}
		if found {
			rows = append(rows, row)
		}
	}
	return rows
}

func outcome(r seedResult) string { return r.Outcome }

func seedHeader(sizes []int) []string {
	h := []string{"side", "how the message is read"}
	for _, n := range sizes {
		h = append(h, strconv.Itoa(n))
	}
	return h
}

func seedText(w io.Writer, res []seedResult, sizes []int, env []string) error {
	fmt.Fprintf(w, "The seed, reproduced: one message of N chars over an os.pipe (%s)\n\n", strings.Join(env, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range append([][]string{seedHeader(sizes)}, seedGrid(res, sizes, outcome)...) {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nfailures:")
	for _, r := range res {
		if r.Outcome != "ok" {
			fmt.Fprintf(w, "  %s %s %d: %s", r.Side, r.Variant, r.Size, r.Error)
			if r.After != "" {
				fmt.Fprintf(w, " (then: %s)", r.After)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

func seedMarkdown(w io.Writer, res []seedResult, sizes []int, env []string) error {
	row := func(cells []string) { fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | ")) }
	sep := func(n int) { fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", n)) }
	fmt.Fprint(w, "# The seed, reproduced: pickle over a pipe, CPython and Go\n\n")
	fmt.Fprint(w, "Made by `framebench seed -save results/seed` (scripts/seed.py for CPython); do not edit.\n\n")
	for _, e := range env {
		fmt.Fprintf(w, "- %s\n", e)
	}
	fmt.Fprint(w, "\nOne message of N characters (`'0' * N`, the seed's message) goes once through an `os.pipe`, "+
		"from a thread (CPython) or a goroutine (Go) to a reader that takes it as the row says. "+
		"CPython pickles with `pickle.dump(obj, f, -1)` (protocol 5), Go with og-rek (protocol 4). "+
		"Columns are N.\n\n")
	row(seedHeader(sizes))
	sep(len(sizes) + 2)
	for _, r := range seedGrid(res, sizes, func(r seedResult) string {
		if r.Outcome == "ok" {
			return "ok"
		}
		return "**" + r.Outcome + "**"
	}) {
		row(r)
	}
	fmt.Fprint(w, "\n## Failures\n\n")
	row([]string{"side", "variant", "N", "error", "afterwards"})
	sep(5)
	for _, r := range res {
		if r.Outcome != "ok" {
			row([]string{r.Side, r.Variant, strconv.Itoa(r.Size), mdEscape(r.Error), mdEscape(r.After)})
		}
	}
	fmt.Fprint(w, "\n## Bytes on the wire\n\nThe message as pickled, framing included: "+
		"a reader that takes it with one read fails once this passes the pipe's capacity.\n\n")
	row(seedHeader(sizes))
	sep(len(sizes) + 2)
	for _, r := range seedGrid(res, sizes, func(r seedResult) string { return strconv.FormatInt(r.WireBytes, 10) }) {
		row(r)
	}
	return nil
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func seedCSV(w io.Writer, res []seedResult, _ []int, _ []string) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"side", "variant", "size", "outcome", "error", "after", "wire_bytes", "seconds"})
	for _, r := range res {
		cw.Write([]string{r.Side, r.Variant, strconv.Itoa(r.Size), r.Outcome, r.Error, r.After,
			strconv.FormatInt(r.WireBytes, 10), strconv.FormatFloat(r.Seconds, 'f', 6, 64)})
	}
	cw.Flush()
	return cw.Error()
}
