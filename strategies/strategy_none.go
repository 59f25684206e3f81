package strategies

import "io"

// None sends payloads with no framing at all: the reader knows the size
// (Options.FixedSize). It carries only raw, and is the transport's ceiling
// that every framing is measured against.
var None = Framed("none", noneFraming{}, Facts{Role: RoleBaseline, FixedSize: true})

type noneFraming struct{}

func (noneFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &noneWriter{headerWriter: newHeaderWriter(None.Name(), w, o), size: o.FixedSize}
}

func (noneFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	return &noneReader{frameReader: newFrameReader(None.Name(), r, o, headerRule{}), size: o.FixedSize}
}

type noneWriter struct {
	headerWriter
	size int
}

func (w *noneWriter) WriteFrame(p []byte) error {
	if err := w.check(len(p)); err != nil {
		return err
	}
	if w.size <= 0 || len(p) != w.size {
		return &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: w.off,
			Err: fmtErr(ErrSizeUnknown, "payload of %d bytes, FixedSize %d", len(p), w.size)}
	}
	if _, err := w.out.vw.Write(p); err != nil {
		return w.fail(err)
	}
	w.idx++
	w.off += int64(len(p))
	return nil
}

type noneReader struct {
	frameReader
	size int
}

func (r *noneReader) ReadFrame() ([]byte, error) {
	r.start = r.in.off
	if r.size <= 0 {
		return nil, r.fail(ErrSizeUnknown)
	}
	return r.payload(0, uint64(r.size))
}
