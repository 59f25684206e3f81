package strategies

import (
	"bufio"
	"fmt"
	"io"
)

// Stream runs the codec's own streaming encoder and decoder directly on the
// transport: one Encoder and one Decoder for the whole stream. Buffered does
// the same with the decoder over a large bufio.Reader and the encoder over a
// bufio.Writer flushed after every message. Neither can bound a message's
// size (only the codecs' own limits apply) nor skip a bad message: after an
// error the decoder's state is unknown and the error is sticky.
var (
	Stream   Strategy = streamStrategy{name: "stream"}
	Buffered Strategy = streamStrategy{name: "buffered", buffered: true}
)

// defaultStreamBuf is the buffered strategy's buffer size.
const defaultStreamBuf = 256 << 10

type streamStrategy struct {
	name     string
	buffered bool
}

func (s streamStrategy) Name() string { return s.name }

func (s streamStrategy) Applies(c Codec, p Payload) error {
	if c.NewEncoder(io.Discard) == nil {
		return fmt.Errorf("%w: %s is not self-delimiting: it has no streaming decoder", ErrNotApplicable, c.Name())
	}
	return nil
}

func (s streamStrategy) NewWriter(w io.Writer, c Codec, o Options) Writer {
	sw := &streamWriter{name: s.name}
	if s.buffered {
		sw.bw = bufio.NewWriterSize(w, bufSize(o))
		w = sw.bw
	}
	sw.enc = c.NewEncoder(w)
	return sw
}

func (s streamStrategy) NewReader(r io.Reader, c Codec, o Options) Reader {
	if s.buffered {
		r = bufio.NewReaderSize(r, bufSize(o))
	}
	return &streamReader{name: s.name, dec: c.NewDecoder(r)}
}

func bufSize(o Options) int {
	if o.BufSize > 0 {
		return o.BufSize
	}
	return defaultStreamBuf
}

type streamWriter struct {
	name string
	enc  Encoder
	bw   *bufio.Writer
	idx  int64
	err  error
}

func (w *streamWriter) WriteMessage(m *Message) error {
	if w.err != nil {
		return w.err
	}
	err := w.enc.Encode(m)
	if err == nil && w.bw != nil {
		err = w.bw.Flush()
	}
	if err != nil {
		w.err = &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: -1, Err: err}
		return w.err
	}
	w.idx++
	return nil
}

type streamReader struct {
	name string
	dec  Decoder
	idx  int64
	err  error
}

func (r *streamReader) ReadMessage(m *Message) error {
	if r.err != nil {
		return r.err
	}
	err := r.dec.Decode(m)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		r.err = &FrameError{Strategy: r.name, Op: "read", Index: r.idx, Offset: -1, Err: err}
		return r.err
	}
	r.idx++
	return nil
}
