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
