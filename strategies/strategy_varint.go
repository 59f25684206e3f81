package strategies

import (
	"encoding/binary"
	"io"
)

// Varint frames each message with its length as an unsigned varint
// (encoding/binary's uvarint, protobuf's delimited style), then the payload.
// Its reader resynchronises as lenprefix's does, with no checksum either.
var Varint = Framed("varint", varintFraming{}, Facts{Role: RoleReference, Resyncs: true})

type varintFraming struct{}

func (varintFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &varintWriter{headerWriter: newHeaderWriter(Varint.Name(), w, o)}
}

func (varintFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &varintReader{frameReader: newFrameReader(Varint.Name(), r, o, varintHeader)}
}

// varintHeader: a uvarint of at most binary.MaxVarintLen64 bytes.
var varintHeader = headerRule{plausible: func(b []byte, max int) (int, uint64, bool, bool) {
	n, h := binary.Uvarint(b)
	if h == 0 && len(b) < binary.MaxVarintLen64 {
		return 0, 0, false, true
	}
	return h, n, h > 0 && n <= uint64(max), false
}}

type varintWriter struct {
	headerWriter
	hdr [binary.MaxVarintLen64]byte
}

func (w *varintWriter) WriteFrame(p []byte) error {
	if err := w.check(len(p)); err != nil {
		return err
	}
	h := binary.PutUvarint(w.hdr[:], uint64(len(p)))
	return w.send(w.hdr[:h], p, nil)
}

type varintReader struct{ frameReader }

func (r *varintReader) ReadFrame() ([]byte, error) {
	if err := r.begin(); err != nil {
		return nil, err
	}
	for want := 1; ; want++ {
		if err := r.in.need(want); err != nil {
			return nil, r.fail(err)
		}
		n, h := binary.Uvarint(r.in.buffered())
		switch {
		case h > 0:
			return r.payload(h, n)
		case h < 0 || want >= binary.MaxVarintLen64:
			// Past 64 bits or 10 bytes: no frame boundary can be trusted.
			r.in.take(1)
			r.lost = true
			return nil, r.fail(fmtErr(ErrHeader, "varint length overflows 64 bits: resynchronising"))
		}
		want = len(r.in.buffered())
	}
}
