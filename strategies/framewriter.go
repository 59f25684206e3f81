package strategies

import "io"

// copyLimit is the largest payload that header writers copy next to their
// header to send with one plain write, whatever the write policy: a small
// copy is cheaper than any second iovec or system call. Above it they take
// the path Options.Write names for the transport and size (Writev when it
// names none).
const copyLimit = 16 << 10

// maxHeader is the longest frame header of this package (a varint, or
// lenprefix-crc's 12 bytes, or newline's '\n').
const maxHeader = 16

// headerWriter is the writing half shared by the header-framed strategies
// (lenprefix, varint, lenprefix-crc, newline, oneread): it enforces
// MaxFrame, sends header and payload as one piece and keeps the position for
// error messages. A write error is sticky: the stream is in an unknown state.
type headerWriter struct {
	name  string
	out   sender
	paths []sizePath // the write policy's row for this transport
	max   int
	idx   int64 // messages written
	off   int64 // bytes written
	err   error
}

func newHeaderWriter(name string, w io.Writer, o Options) headerWriter {
	hw := headerWriter{name: name, out: sender{vw: NewVectorWriter(w)}, max: o.maxFrame()}
	if o.Write != nil {
		hw.paths = o.Write.paths(SinkKind(w))
	}
	return hw
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

// send writes head, then p, then tail (either may be empty) as one frame:
// copied into one write when p is small, else by the policy's path.
func (w *headerWriter) send(head, p, tail []byte) error {
	path := Copy
	if len(p) > copyLimit {
		path = pick(w.paths, len(p))
	}
	if err := w.out.send(path, head, p, tail); err != nil {
		return w.fail(err)
	}
	w.idx++
	w.off += int64(len(head) + len(p) + len(tail))
	return nil
}

// Written is the number of bytes written by whole frames: the offset at
// which the next frame begins.
func (w *headerWriter) Written() int64 { return w.off }
