package strategies

import (
	"encoding/binary"
	"io"
)

// LenPrefixNaive is the length prefix as most Go code writes it, the
// baseline for the tuned LenPrefix (the same bytes on the wire):
//
//	binary.Write(w, binary.BigEndian, uint32(len(p)))
//	w.Write(p)
//
// and, to read,
//
//	io.ReadFull(r, hdr[:])
//	p := make([]byte, binary.BigEndian.Uint32(hdr[:]))
//	io.ReadFull(r, p)
//
// Nothing is tuned: two writes per frame (so over TCP with Nagle's
// algorithm on, tcp-nagle, the payload waits for the peer's delayed ACK),
// whatever binary.Write allocates, and per frame a new payload slice and
// at least two reads. Its one concession to hostile input is the limit:
// a header claiming more than Options.MaxFrame is refused before the make.
// The reader does not skip or resynchronise: after a frame over the limit
// it is inside that frame, and the next call reads payload bytes as a
// header, so the caller must drop the stream (as naive code does). The
// bookkeeping that the suite's tools need costs nothing on the way: bytes
// are counted for error offsets (Written, FrameStart, Consumed), and a
// server may budget the make (SetReserve; unset in the benchmarks).
var LenPrefixNaive = Framed("lenprefix-naive", naiveFraming{}, Facts{Role: RoleReference})

type naiveFraming struct{}

func (naiveFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &naiveWriter{w: w, max: o.maxFrame()}
}

func (naiveFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &naiveReader{r: r, max: o.maxFrame()}
}

type naiveWriter struct {
	w   io.Writer
	max int
	idx int64
	off int64 // bytes written by whole frames
}

// WriteFrame writes the header with binary.Write, then p with a second
// Write. The framed strategy wraps its errors with the frame's offset.
func (w *naiveWriter) WriteFrame(p []byte) error {
	if len(p) > w.max {
		return &FrameError{Strategy: "lenprefix-naive", Op: "write", Index: w.idx, Offset: w.off,
			Err: fmtErr(ErrFrameTooLarge, "%d bytes, limit %d", len(p), w.max)}
	}
	if err := binary.Write(w.w, binary.BigEndian, uint32(len(p))); err != nil {
		return err
	}
	if _, err := w.w.Write(p); err != nil {
		return err
	}
	w.idx++
	w.off += 4 + int64(len(p))
	return nil
}

// Written is the number of bytes written by whole frames.
func (w *naiveWriter) Written() int64 { return w.off }

type naiveReader struct {
	r       io.Reader
	max     int
	idx     int64
	off     int64 // bytes read
	start   int64 // where the last frame began
	reserve func(n int) error
}

func (r *naiveReader) fail(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	r.idx++
	return &FrameError{Strategy: "lenprefix-naive", Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
}

// ReadFrame reads one frame into a new slice, which the caller owns.
func (r *naiveReader) ReadFrame() ([]byte, error) {
	r.start = r.off
	var hdr [4]byte
	k, err := io.ReadFull(r.r, hdr[:])
	r.off += int64(k)
	if err == io.EOF {
		return nil, io.EOF
	} else if err != nil {
		return nil, r.fail(err)
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if uint64(n) > uint64(r.max) {
		return nil, r.fail(fmtErr(ErrFrameTooLarge, "header claims %d bytes, limit %d: the reader is lost inside the frame", n, r.max))
	}
	if r.reserve != nil {
		if err := r.reserve(int(n)); err != nil {
			return nil, r.fail(err)
		}
	}
	p := make([]byte, n)
	k, err = io.ReadFull(r.r, p)
	r.off += int64(k)
	if err != nil {
		return nil, r.fail(err)
	}
	r.idx++
	return p, nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *naiveReader) FrameStart() int64 { return r.start }

// Consumed is the number of bytes read from the stream.
func (r *naiveReader) Consumed() int64 { return r.off }

// SetReserve makes the reader call f with the size of each payload before
// it allocates it; an error from f fails that frame (see frameReader).
func (r *naiveReader) SetReserve(f func(n int) error) { r.reserve = f }
