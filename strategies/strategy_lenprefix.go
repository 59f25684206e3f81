package strategies

import (
	"encoding/binary"
	"io"
)

// LenPrefix frames each message with a 4-byte big-endian length, then the
// payload: the seed's struct.Struct("!L") fix, byte for byte. After a bad
// frame its reader goes on (see frameReader), but without a checksum a
// resynchronised reader can take a plausible header inside a payload.
var LenPrefix = Framed("lenprefix", lenPrefixFraming{}, Facts{Role: RoleReference, Resyncs: true})

type lenPrefixFraming struct{}

func (lenPrefixFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &lenPrefixWriter{headerWriter: newHeaderWriter(LenPrefix.Name(), w, o)}
}

func (lenPrefixFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &lenPrefixReader{frameReader: newFrameReader(LenPrefix.Name(), r, o, lenPrefixHeader)}
}

// lenPrefixHeader: 4 bytes, big-endian.
var lenPrefixHeader = headerRule{plausible: func(b []byte, max int) (int, uint64, bool, bool) {
	if len(b) < 4 {
		return 0, 0, false, true
	}
	n := uint64(binary.BigEndian.Uint32(b))
	return 4, n, n <= uint64(max), false
}}

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
