package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
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
	// Units holds the unit metadata ("Unit wire-bytes/op assume=exact").
	Units benchfmt.UnitMetadataMap
	// Skips lists the cells that skipped or failed, as reported by go
	// test -v, in order of appearance.
	Skips []Skip
}

// Load reads benchmark files as benchstat does: each argument is a path or
// label=path, and "-" is standard input (read from stdin). It fails, naming
// the file, on a file that cannot be read, a malformed benchmark or Unit
// line (a benchfmt syntax error) and a file without any benchmark result.
// Unlike benchstat it drops results without measurements (see measured).
func Load(args []string, stdin io.Reader) (*Set, error) {
	if len(args) == 0 {
		return nil, errors.New("no input files")
	}
	s := &Set{}
	var r benchfmt.Reader // one Reader for all files shares their unit metadata, as benchfmt.Files does
	for _, in := range inputs(args) {
		data, err := readInput(in.Path, stdin)
		if err != nil {
			return nil, err
		}
		r.Reset(bytes.NewReader(data), in.Path, ".file", in.Label)
		var keys []string
		vals := map[string]string{}
		for r.Scan() {
			switch rec := r.Result().(type) {
			case *benchfmt.SyntaxError:
				return nil, rec
			case *benchfmt.Result:
				if !measured(rec) {
					continue
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
			}
		}
		if err := r.Err(); err != nil {
			return nil, err
		}
		if in.Results == 0 {
			return nil, fmt.Errorf("%s: no benchmark results", in.Path)
		}
		for _, k := range keys {
			in.Config = append(in.Config, k+": "+vals[k])
		}
		s.Skips = append(s.Skips, parseSkips(data, in.Label)...)
		s.Inputs = append(s.Inputs, in)
	}
	s.Units = r.Units()
	return s, nil
}

// measured reports whether r holds measurements. go test prints a result
// with 0 iterations and NaN ns/op for a cell that skipped in one of its
// -count runs after the first; such a line carries nothing, and NaN would
// hang the Mann-Whitney U test (benchstat itself loops on it).
func measured(r *benchfmt.Result) bool {
	if r.Iters == 0 {
		return false
	}
	for _, v := range r.Values {
		if math.IsNaN(v.Value) {
			return false
		}
	}
	return true
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

func readInput(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" && stdin != nil {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return data, nil
	}
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, want a benchmark file", path)
	}
	return os.ReadFile(path) // its errors name the path
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
