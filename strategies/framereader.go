package strategies

import "io"

// frameReader is the reading half shared by the header-framed strategies:
// the read-ahead buffer, the message index and the error wrapping.
type frameReader struct {
	name  string
	in    inbuf
	max   int
	idx   int64 // frames returned or failed
	start int64 // offset of the frame being read
	skip  int64 // bytes of an oversized frame still to discard
}

func newFrameReader(name string, r io.Reader, o Options) frameReader {
	fr := frameReader{name: name, in: newInbuf(r, o.BufSize), max: o.maxFrame()}
	fr.in.limit = fr.max + maxHeader
	return fr
}

// begin discards what is left of a skipped frame and marks the next frame's
// start. It returns io.EOF bare at a clean end of stream.
func (r *frameReader) begin() error {
	if r.skip > 0 {
		n := r.skip
		r.skip = 0
		if err := r.in.discard(n); err != nil {
			return r.fail(err)
		}
	}
	r.start = r.in.off
	return nil
}

// fail wraps err with the position of the frame being read and counts it.
// A clean io.EOF at a frame boundary is returned as it is.
func (r *frameReader) fail(err error) error {
	if err == io.EOF && r.in.off == r.start && r.skip == 0 {
		return io.EOF
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	r.idx++
	return &FrameError{Strategy: r.name, Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
}

// payload takes a frame of n bytes after a header of h bytes, enforcing the
// maximum before the buffer grows. An oversized frame is skipped on the next call.
func (r *frameReader) payload(h int, n uint64) ([]byte, error) {
	if n > uint64(r.max) {
		r.in.take(h)
		r.skip = int64(min(n, 1<<62))
		return nil, r.fail(fmtErr(ErrFrameTooLarge, "header claims %d bytes, limit %d", n, r.max))
	}
	if err := r.in.needFrame(h + int(n)); err != nil {
		return nil, r.fail(err)
	}
	r.in.take(h)
	r.idx++
	return r.in.take(int(n)), nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *frameReader) FrameStart() int64 { return r.start }
