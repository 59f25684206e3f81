package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// Input is one file given to Load.
type Input struct {
	// Label is the file's .file value: the path, the label of a
	// label=path argument, or path#N when a path is given twice.
	Label string
	Path  string
	// Config holds the file-level configuration ("key: value", e.g.
	// "commit: 1a2b3c"), one line per key in the order keys first appear,
	// with the value the last result saw: go test's own cpu: line
	// replaces the one framebench run writes before it.
	Config []string
	// Results counts the benchmark result lines.
	Results int
}

// Set is everything Load read from its files. Results are owned by the Set;
// callers that modify one (a benchproc.Filter does) must Clone it first.
type Set struct {
	Inputs  []Input
	Results []*benchfmt.Result
	// Rounds holds, for each result, the round it was measured in.
	Rounds []Round
	// Units holds the unit metadata ("Unit wire-bytes/op assume=exact").
	Units benchfmt.UnitMetadataMap
	// Skips lists the cells that skipped or failed, as reported by go
	// test -v, in order of appearance.
	Skips []Skip
}

// Load reads benchmark files as benchstat does: each argument is a path or
// label=path, and "-" is standard input (read from stdin). It reads each
// input once, streaming, within MaxLine and MaxInput. It fails with one
// line naming the file (and line) on a file that cannot be read, a line or
// file over those bounds, a malformed benchmark, Unit or round marker line
// (see RoundMarker), a measurement that is NaN, infinite or negative, and
// a file without any benchmark result. Unlike benchstat it drops results
// of 0 iterations: go test prints one for a benchmark that skipped after
// its first run, with NaN ns/op, which would hang the Mann-Whitney U test
// (benchstat itself loops on it; Clean removes them from a file).
func Load(args []string, stdin io.Reader) (*Set, error) {
	if len(args) == 0 {
		return nil, errors.New("no input files")
	}
	s := &Set{}
	var r benchfmt.Reader // one Reader for all files shares their unit metadata, as benchfmt.Files does
	for _, in := range inputs(args) {
		if err := s.read(&r, &in, stdin); err != nil {
			return nil, err
		}
		s.Inputs = append(s.Inputs, in)
	}
	s.Units = r.Units()
	return s, nil
}

// read adds the results, rounds and skips of one input.
func (s *Set) read(r *benchfmt.Reader, in *Input, stdin io.Reader) error {
	f, err := openInput(in.Path, stdin)
	if err != nil {
		return err
	}
	defer f.Close()
	name := in.Path
	if name == "-" {
		name = "standard input"
	}
	skips := NewSkipParser(in.Label)
	var markers []marker
	statusAt := map[int]bool{} // lines where a status follows a name (see cutStatus)
	lines := newLineReader(f, name, func(n int, line []byte) error {
		if status, ok := cutStatus(line); ok {
			statusAt[n] = true
			line = status
		}
		if bytes.HasPrefix(line, []byte(RoundMarker+" ")) {
			m, _, err := parseMarker(name, n, string(line), in.Label)
			markers = append(markers, m)
			return err
		}
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t' || line[0] == '-' || line[0] == 'B') {
			skips.Line(string(line))
		}
		return nil
	})
	r.Reset(lines, name, ".file", in.Label)
	var keys []string
	vals := map[string]string{}
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			if statusAt[rec.Line] {
				continue
			}
			return rec
		case *benchfmt.Result:
			if rec.Iters == 0 {
				continue
			}
			if msg := badValue(rec); msg != "" {
				file, line := rec.Pos()
				return fmt.Errorf("%s:%d: %s: %s", file, line, rec.Name.Full(), msg)
			}
			for _, c := range rec.Config {
				if _, ok := vals[c.Key]; c.File && !ok {
					keys = append(keys, c.Key)
				}
				if c.File {
					vals[c.Key] = strings.TrimSpace(string(c.Value))
				}
			}
			in.Results++
			s.Results = append(s.Results, rec.Clone())
			_, line := rec.Pos()
			s.Rounds = append(s.Rounds, roundAt(markers, line, in.Label))
		}
	}
	if err := r.Err(); err != nil {
		if lines.err != nil {
			return lines.err // it names the file and line; benchfmt would add a line number again
		}
		return err // benchfmt's "file:line: " and the cause
	}
	if in.Results == 0 {
		return fmt.Errorf("%s: no benchmark results", name)
	}
	for _, k := range keys {
		in.Config = append(in.Config, k+": "+vals[k])
	}
	s.Skips = append(s.Skips, skips.Skips()...)
	return nil
}

// cutStatus returns the status part of a line on which go test, without
// -v, printed a benchmark's name and then, because the run failed instead
// of giving a result, its --- FAIL line:
//
//	BenchmarkX/size=16B-2   	--- FAIL: BenchmarkX/size=16B-2
//
// benchfmt takes such a line for a malformed result; Load reads it as the
// status line and Clean writes the status alone.
func cutStatus(line []byte) (status []byte, ok bool) {
	if !bytes.HasPrefix(line, []byte("Benchmark")) {
		return nil, false
	}
	i := bytes.Index(line, []byte("\t--- "))
	if i < 0 || bytes.ContainsAny(bytes.TrimRight(line[:i], " "), " \t") {
		return nil, false
	}
	return line[i+1:], true
}

// badValue describes a measurement of r that no benchmark of the suite
// can produce and the statistics cannot digest (NaN, ±Inf or negative),
// or returns "".
func badValue(r *benchfmt.Result) string {
	for _, v := range r.Values {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) || v.Value < 0 {
			val, unit := v.Value, v.Unit
			if v.OrigUnit != "" {
				val, unit = v.OrigValue, v.OrigUnit
			}
			return fmt.Sprintf("%v %s is not a finite, non-negative measurement", val, unit)
		}
	}
	return ""
}

// inputs splits label=path arguments and gives a path named twice distinct
// labels, exactly as benchfmt.Files does.
func inputs(args []string) []Input {
	count := map[string]int{}
	var ins []Input
	labeled := map[int]bool{}
	for i, a := range args {
		in := Input{Label: a, Path: a}
		if j := strings.Index(a, "="); j >= 0 {
			in.Label, in.Path = a[:j], a[j+1:]
			labeled[i] = true
		} else {
			count[a]++
		}
		ins = append(ins, in)
	}
	next := map[string]int{}
	for i := range ins {
		if p := ins[i].Path; !labeled[i] && count[p] > 1 {
			ins[i].Label = fmt.Sprintf("%s#%d", p, next[p])
			next[p]++
		}
	}
	return ins
}

// openInput opens path, or stdin for "-"; a directory is an error.
func openInput(path string, stdin io.Reader) (io.ReadCloser, error) {
	if path == "-" && stdin != nil {
		return io.NopCloser(stdin), nil
	}
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, want a benchmark file", path)
	}
	return os.Open(path) // its errors name the path
}

// ConfigValues returns the distinct values, trimmed, of the "key: value"
// configuration lines with that key across the inputs, in the order
// they first appear (cpu: /proc/cpuinfo's model name, then go test's).
func (s *Set) ConfigValues(key string) []string {
	var vs []string
	for _, in := range s.Inputs {
		for _, line := range in.Config {
			if v, ok := strings.CutPrefix(line, key+": "); ok && !slices.Contains(vs, strings.TrimSpace(v)) {
				vs = append(vs, strings.TrimSpace(v))
			}
		}
	}
	return vs
}

// ConfigValue returns the value of the first "key: value" configuration
// line with that key across the inputs, or "".
func (s *Set) ConfigValue(key string) string {
	for _, in := range s.Inputs {
		for _, line := range in.Config {
			if v, ok := strings.CutPrefix(line, key+": "); ok {
				return v
			}
		}
	}
	return ""
}
