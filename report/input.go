package report

import (
	"bytes"
	"fmt"
	"io"
)

// The bounds on what Load and Clean read, so that any input (/dev/zero, a
// file of one endless line) ends with a one-line error in bounded memory.
const (
	// MaxLine is the longest line read, in bytes without its newline:
	// benchfmt's (and so benchstat's) own limit, bufio.MaxScanTokenSize
	// with the newline.
	MaxLine = 64<<10 - 1
	// MaxInput is the largest input read, in bytes: 50 times the
	// committed full run's raw output.
	MaxInput = 256 << 20
)

// lineReader passes an input through unchanged, counting its lines, and
// fails, naming the file and line, as soon as a line exceeds MaxLine or the
// input MaxInput. Every complete line is also handed to each of the
// sinks, in order, with its number (from 1).
type lineReader struct {
	r     io.Reader
	path  string
	line  int // complete lines read
	cur   []byte
	total int64
	err   error
	sinks []func(n int, line []byte) error
}

func newLineReader(r io.Reader, path string, sinks ...func(int, []byte) error) *lineReader {
	return &lineReader{r: r, path: path, sinks: sinks}
}

func (l *lineReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if l.total += int64(n); l.total > MaxInput {
		l.err = fmt.Errorf("%s: larger than %d MiB, the most report reads", l.path, MaxInput>>20)
		return 0, l.err
	}
	for rest := p[:n]; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		part := rest
		if i >= 0 {
			part = rest[:i]
		}
		if len(l.cur)+len(part) > MaxLine {
			l.err = fmt.Errorf("%s:%d: line longer than %d bytes, the most report reads", l.path, l.line+1, MaxLine)
			return 0, l.err
		}
		l.cur = append(l.cur, part...)
		if i < 0 {
			break
		}
		if l.err = l.emit(); l.err != nil {
			return 0, l.err
		}
		rest = rest[i+1:]
	}
	if err == io.EOF && len(l.cur) > 0 { // a last line without a newline
		if l.err = l.emit(); l.err != nil {
			return 0, l.err
		}
	}
	return n, err
}

// emit hands the current line to the sinks.
func (l *lineReader) emit() error {
	l.line++
	for _, s := range l.sinks {
		if err := s(l.line, l.cur); err != nil {
			return err
		}
	}
	l.cur = l.cur[:0]
	return nil
}
