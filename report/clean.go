package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"golang.org/x/perf/benchfmt"
)

// Clean copies the go test -bench output in r to w without the result
// lines of 0 iterations, and returns how many it dropped; a line where go
// test without -v printed a benchmark's name and then its --- FAIL line
// (cutStatus) loses the name, which benchstat would take for a malformed
// result, and cut counts those. go test prints
// such a line ("BenchmarkX-2  0  NaN ns/op") for a benchmark that skipped
// in a run after its first, as the bench package's cells did when they
// broke there before it failed them instead; benchstat's U test loops on
// their NaN and grows without bound. Every other line is copied as it is:
// the "broken:" line logged before such a result still records the
// breakage, so Load reads the same results and broken cells from w as
// from r. name is the input's name in errors. Clean reads within MaxLine
// and MaxInput, and fails on a result line that has iterations but a NaN,
// infinite or negative measurement: that is no artefact of go test, and
// cleaning must not hide it.
func Clean(w io.Writer, r io.Reader, name string) (dropped, cut int, err error) {
	bw := bufio.NewWriter(w)
	lines := newLineReader(r, name, func(n int, line []byte) error {
		if status, ok := cutStatus(line); ok {
			line = status // the name before it is no result
			cut++
		}
		if bytes.HasPrefix(line, []byte("Benchmark")) && bytes.ContainsAny(line, " \t") {
			res, err := parseResult(line, name, n)
			if err != nil {
				return err
			}
			if res != nil && res.Iters == 0 {
				dropped++
				return nil
			}
		}
		bw.Write(line)
		return bw.WriteByte('\n')
	})
	if _, err := io.Copy(io.Discard, lines); err != nil {
		return dropped, cut, err
	}
	return dropped, cut, bw.Flush()
}

// parseResult parses one result line, numbered n, as benchfmt does; it is
// nil for a line benchfmt does not take for a result.
func parseResult(line []byte, name string, n int) (*benchfmt.Result, error) {
	r := benchfmt.NewReader(bytes.NewReader(line), name)
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, fmt.Errorf("%s:%d: %s", name, n, rec.Msg)
		case *benchfmt.Result:
			if msg := badValue(rec); msg != "" && rec.Iters > 0 {
				return nil, fmt.Errorf("%s:%d: %s: %s", name, n, rec.Name.Full(), msg)
			}
			return rec, nil
		}
	}
	return nil, nil
}
