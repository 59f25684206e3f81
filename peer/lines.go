package peer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"framebench/strategies"
)

// lineReader reads JSON lines for Send, in bounded memory: a line over max
// bytes is dropped up to its '\n' and reported. A last line without a '\n'
// counts as a line.
type lineReader struct {
	c       Config
	br      *bufio.Reader
	max     int
	buf     []byte
	line    int64 // lines read, blank ones included
	last    int64 // the line of the item read last, zero-based
	lastOff int64 // and its offset
	off     int64 // stream offset of the next line
}

// LineError is an error in the JSON-lines input of Send: Line is zero-based,
// Offset the byte offset at which the line starts. A bad line can always be
// skipped.
type LineError struct {
	Line   int64
	Offset int64
	Err    error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("json lines: line %d at byte %d: %v", e.Line, e.Offset, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

func isLineError(err error) bool {
	var le *LineError
	return errors.As(err, &le) && !errors.Is(err, errReadInput)
}

// errReadInput marks a failure to read the input itself: final.
var errReadInput = errors.New("reading the input")

func newLineReader(r io.Reader, c Config) *lineReader {
	limit := c.Options.MaxFrameSize()
	if limit < 1<<30 {
		limit = max(2*limit, 64<<10)
	}
	return &lineReader{c: c, br: bufio.NewReaderSize(r, 64<<10), max: limit}
}

func (r *lineReader) pos() (int64, int64) { return r.last, r.lastOff }
func (r *lineReader) delivered()          {}
func (r *lineReader) discarded() int64    { return 0 }
func (r *lineReader) checked() bool       { return true }

func (r *lineReader) read() (any, error) {
	for {
		line, start, err := r.next()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		r.last, r.lastOff = r.line-1, start
		var v any
		if r.c.Messages {
			v, err = parseMessageJSON(line)
		} else {
			v, err = ParseJSON(line, r.c.TagBytes)
		}
		if err != nil {
			return nil, &LineError{Line: r.last, Offset: start, Err: err}
		}
		return v, nil
	}
}

// next returns the next line without its '\n', and its offset.
func (r *lineReader) next() ([]byte, int64, error) {
	start := r.off
	r.buf = r.buf[:0]
	tooLong := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		r.off += int64(len(chunk))
		if !tooLong {
			if len(r.buf)+len(chunk) > r.max+1 {
				tooLong, r.buf = true, r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && r.off == start:
			return nil, start, io.EOF
		case err != nil && err != io.EOF:
			return nil, start, &LineError{Line: r.line, Offset: start, Err: fmt.Errorf("%w: %w", errReadInput, err)}
		}
		r.line++
		if tooLong {
			return nil, start, &LineError{Line: r.line - 1, Offset: start,
				Err: fmt.Errorf("%w: line of %d bytes, limit %d", strategies.ErrFrameTooLarge, r.off-start, r.max)}
		}
		return bytes.TrimSuffix(r.buf, []byte{'\n'}), start, nil
	}
}
