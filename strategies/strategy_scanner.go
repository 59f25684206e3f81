package strategies

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// Scanner reads newline-delimited messages with a bufio.Scanner left at its
// default 64 KiB token limit: the Go pitfall. A longer line fails with
// bufio.ErrTooLong and the scanner stops for good. Lines must end in '\n'
// (a strict split function, so that truncation is not mistaken for a
// message). An Options.MaxFrame below the default limit lowers it (a line
// of up to MaxFrame bytes); a larger one cannot raise it: the fixed limit
// is the pitfall measured. The writer is Newline's.
var Scanner = Framed("scanner", scannerFraming{}, Facts{
	Role:        RoleCodecBound,
	NewlineFree: true,
	Limit:       func(o Options) (int, bool) { return scannerLimit(o), true },
	Breaks: &Breakage{
		Is:   func(err error) bool { return errors.Is(err, bufio.ErrTooLong) },
		What: "a line over bufio.Scanner's 64 KiB limit stops it for good",
	},
})

// scannerLimit is the longest line the scanner reader accepts under o: the
// token and its '\n' fill bufio.Scanner's default buffer.
func scannerLimit(o Options) int {
	return min(o.maxFrame(), bufio.MaxScanTokenSize-1)
}

type scannerFraming struct{}

func (scannerFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &newlineWriter{headerWriter: newHeaderWriter(Scanner.Name(), w, o)}
}

func (scannerFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	sc := bufio.NewScanner(r) // the default 64 KiB limit: the pitfall measured
	if limit := scannerLimit(o); limit < bufio.MaxScanTokenSize-1 {
		sc.Buffer(nil, limit+1)
	}
	sc.Split(scanTerminatedLines)
	return &scannerReader{sc: sc}
}

// scanTerminatedLines is bufio.ScanLines without its leniencies: a line must
// end in '\n' (a final line without one is a truncation, not a message) and
// '\r' is data.
func scanTerminatedLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return 0, nil, io.ErrUnexpectedEOF
	}
	return 0, nil, nil
}

type scannerReader struct {
	sc    *bufio.Scanner
	idx   int64
	off   int64 // bytes of the lines scanned so far
	start int64 // offset of the line being read
}

func (r *scannerReader) ReadFrame() ([]byte, error) {
	r.start = r.off
	if r.sc.Scan() {
		p := r.sc.Bytes()
		r.idx++
		r.off += int64(len(p) + 1)
		return p, nil
	}
	err := r.sc.Err()
	if err == nil {
		return nil, io.EOF
	}
	r.idx++
	return nil, &FrameError{Strategy: Scanner.Name(), Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
}

// FrameStart is the stream offset at which the last frame began.
func (r *scannerReader) FrameStart() int64 { return r.start }
