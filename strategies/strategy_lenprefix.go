package strategies

import (
	"encoding/binary"
	"io"
)

// LenPrefix frames each message with a 4-byte big-endian length, then the
// payload: the seed's struct.Struct("!L") fix, byte for byte.
var LenPrefix Strategy = &framed{name: "lenprefix", f: lenPrefixFraming{}}

type lenPrefixFraming struct{}

func (lenPrefixFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &lenPrefixWriter{headerWriter: newHeaderWriter("lenprefix", w, o)}
}

func (lenPrefixFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &lenPrefixReader{frameReader: newFrameReader("lenprefix", r, o)}
}

type lenPrefixWriter struct {
	headerWriter
	hdr [4]byte
}

func (w *lenPrefixWriter) WriteFrame(p []byte) error {
	if err := w.check(len(p)); err != nil {
		return err
	}
	if uint64(len(p)) > 1<<32-1 {
		return w.fail(fmtErr(ErrFrameTooLarge, "%d bytes do not fit a 4-byte length", len(p)))
	}
	binary.BigEndian.PutUint32(w.hdr[:], uint32(len(p)))
	return w.send(w.hdr[:], p, nil)
}

type lenPrefixReader struct{ frameReader }

func (r *lenPrefixReader) ReadFrame() ([]byte, error) {
	if err := r.begin(); err != nil {
		return nil, err
	}
	if err := r.in.need(4); err != nil {
		return nil, r.fail(err)
	}
	n := binary.BigEndian.Uint32(r.in.buffered())
	return r.payload(4, uint64(n))
}
