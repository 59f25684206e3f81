package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"framebench/bench"
	"framebench/strategies"
)

const seedAbout = `Reproduces the seed document side by side: one message of N characters
('0' * N, the seed's message) goes once through an os.pipe,
  - in CPython (scripts/seed.py): pickle.load on an unbuffered pipe (the
    seed's program), on a buffered one, and the seed's length-prefixed fix;
  - in Go: stream, buffered, oneread and lenprefix with the pickle codec;
at sizes crossing the pipe's 65,536 bytes. Each outcome is ok or fail with
the error; a failure cannot hang (the seed's sender blocks forever on the
full pipe: CPython trials run in their own interpreter with a timeout, Go
transfers under the watchdog). -out results writes results/seed.md and
results/seed.csv from the same run.`

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

// seedReport is what the seed command renders.
type seedReport struct {
	Header  []string // configuration lines, python's included
	Sizes   []int
	Results []seedResult
}

func runSeed(stdout, stderr io.Writer, args []string) error {
	fs := newFlags("seed", "", seedAbout)
	o := seedRenderers.flags(fs)
	python := fs.String("python", "python3", "the CPython `command`")
	script := fs.String("script", "", "`path` of scripts/seed.py (default: found from the current directory up)")
	sizeList := fs.String("sizes", "65516,65535,65536,65537,1048576", "message sizes in characters, comma-separated")
	timeout := fs.Duration("timeout", 10*time.Second, "how long one trial may take")
	if err := fs.parse(stdout, args, 0, 0); err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	if *timeout <= 0 || *timeout > time.Hour {
		return fs.errorf("-timeout %v: want more than 0, at most 1h", *timeout)
	}
	var rep seedReport
	for _, s := range strings.Split(*sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > 1<<30 {
			return fs.errorf("-sizes: bad size %q: want 0 to 1073741824", s)
		}
		rep.Sizes = append(rep.Sizes, n)
	}
	start := time.Now()
	res, pyErr := seedPython(*python, *script, rep.Sizes, *timeout)
	if pyErr != nil {
		fmt.Fprintf(stderr, "framebench seed: no CPython results: %v\n", pyErr)
	}
	rep.Results = append(res, seedGo(rep.Sizes, *timeout)...)
	rep.Header = append(resultHeader("framebench seed "+strings.Join(args, " "), time.Since(start).Round(time.Second)), pythonLine(res, pyErr))
	if o.out != "" {
		if err := seedRenderers.writeFiles(o.out, rep); err != nil {
			return err
		}
	}
	return seedRenderers.write(stdout, o.format, rep)
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

// pythonLine is the configuration line naming the CPython that ran.
func pythonLine(res []seedResult, pyErr error) string {
	for _, r := range res {
		if r.Python != "" {
			return "python: CPython " + r.Python
		}
	}
	return "python: none (" + fmt.Sprint(pyErr) + ")"
}
