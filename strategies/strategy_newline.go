package strategies

import (
	"bytes"
	"io"
)

// Newline delimits each message with '\n' and reads lines up to an explicit
// maximum (Options.MaxFrame). It carries only codecs whose encodings have no
// raw newline (json). A line over the maximum is reported and skipped; a
// line the codec refuses too: a '\n' is always a boundary.
var Newline = Framed("newline", newlineFraming{}, Facts{Role: RoleCodecBound, NewlineFree: true, Resyncs: true, ResyncChecked: true})

var newline = []byte{'\n'}

type newlineFraming struct{}

func (newlineFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &newlineWriter{headerWriter: newHeaderWriter(Newline.Name(), w, o)}
}

func (newlineFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &newlineReader{frameReader: newFrameReader(Newline.Name(), r, o, headerRule{})}
}

type newlineWriter struct{ headerWriter }

func (w *newlineWriter) WriteFrame(p []byte) error {
	if err := w.check(len(p)); err != nil {
		return err
	}
	if bytes.IndexByte(p, '\n') >= 0 {
		return &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: w.off, Err: ErrNewline}
	}
	return w.send(nil, p, newline)
}

type newlineReader struct {
	frameReader
	skipLine bool // the last line was too long: drop up to the next '\n'
}

func (r *newlineReader) ReadFrame() ([]byte, error) {
	r.start = r.in.off
	scanned := 0
	for {
		b := r.in.buffered()
		if i := bytes.IndexByte(b[scanned:], '\n'); i >= 0 {
			i += scanned
			if r.skipLine {
				r.in.take(i + 1)
				r.skipLine = false
				r.start, scanned = r.in.off, 0
				continue
			}
			line := r.in.take(i + 1)[:i]
			if i > r.max {
				return nil, r.fail(fmtErr(ErrFrameTooLarge, "line of %d bytes, limit %d", i, r.max))
			}
			r.idx++
			return line, nil
		}
		if r.skipLine {
			r.in.take(len(b))
			b, scanned = nil, 0
		} else if len(b) > r.max {
			r.in.take(len(b))
			r.skipLine = true
			return nil, r.fail(fmtErr(ErrFrameTooLarge, "no newline in %d bytes, limit %d", len(b), r.max))
		}
		scanned = len(b)
		if err := r.in.need(len(b) + 1); err != nil {
			return nil, r.fail(err)
		}
	}
}
