package strategies

import "io"

// copyLimit is the largest payload that header writers copy next to their
// header to send with one plain write; above it they send header and payload
// with one vectored write, without copying the payload. A small copy is
// cheaper than the extra iovec on a pipe, a large one is not.
const copyLimit = 16 << 10

// maxHeader is the longest frame header of this package (a varint, or
// lenprefix-crc's 12 bytes, or newline's '\n').
const maxHeader = 16

// headerWriter is the writing half shared by the header-framed strategies
// (lenprefix, varint, lenprefix-crc, newline, oneread): it enforces
// MaxFrame, sends header and payload as one piece and keeps the position for
// error messages. A write error is sticky: the stream is in an unknown state.
type headerWriter struct {
	name    string
	vw      VectorWriter
	max     int
	scratch []byte
	vec     [3][]byte // WriteVectors' argument, kept here so it does not allocate
	idx     int64     // messages written
	off     int64     // bytes written
	err     error
}

func newHeaderWriter(name string, w io.Writer, o Options) headerWriter {
	return headerWriter{name: name, vw: NewVectorWriter(w), max: o.maxFrame()}
}

// fail records and returns err wrapped with the current position.
func (w *headerWriter) fail(err error) error {
	w.err = &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: w.off, Err: err}
	return w.err
}

// check returns the sticky error, or ErrFrameTooLarge for a payload of n bytes.
func (w *headerWriter) check(n int) error {
	if w.err != nil {
		return w.err
	}
	if n > w.max {
		err := &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: w.off, Err: ErrFrameTooLarge}
		return err // not sticky: nothing was written
	}
	return nil
}

// send writes head, then p, then tail (either may be empty) as one frame.
func (w *headerWriter) send(head, p, tail []byte) error {
	var err error
	if len(p) <= copyLimit {
		w.scratch = append(append(append(w.scratch[:0], head...), p...), tail...)
		_, err = w.vw.Write(w.scratch)
	} else {
		w.vec = [3][]byte{head, p, tail}
		err = w.vw.WriteVectors(w.vec[:])
		w.vec = [3][]byte{}
	}
	if err != nil {
		return w.fail(err)
	}
	w.idx++
	w.off += int64(len(head) + len(p) + len(tail))
	return nil
}

// Written is the number of bytes written by whole frames: the offset at
// which the next frame begins.
func (w *headerWriter) Written() int64 { return w.off }

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
	if err := r.in.need(h + int(n)); err != nil {
		return nil, r.fail(err)
	}
	r.in.take(h)
	r.idx++
	return r.in.take(int(n)), nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *frameReader) FrameStart() int64 { return r.start }
