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
//
// Errors name the byte offset at which the failed message began. json and
// cbor decoders count what they have consumed themselves; gob, msgpack and
// pickle read exactly one message from an io.ByteReader, so they get a
// bufio.Reader over a byte counter (of the size each would have made for
// itself in the stream strategy) and the offset is what the counter saw
// minus what the bufio.Reader still holds.
var (
	Stream   Strategy = streamStrategy{name: "stream"}
	Buffered Strategy = streamStrategy{name: "buffered", buffered: true}
)

// streamFacts: bound by the codec, whose limits are the only ones.
var streamFacts = Facts{Role: RoleCodecBound, Limit: func(Options) (int, bool) { return 0, false }}

// defaultStreamBuf is the buffered strategy's buffer size.
const defaultStreamBuf = 256 << 10

type streamStrategy struct {
	name     string
	buffered bool
}

func (s streamStrategy) Name() string { return s.name }
func (s streamStrategy) Facts() Facts { return streamFacts }

func (s streamStrategy) Applies(c Codec, p Payload) error {
	if c.NewEncoder(io.Discard) == nil {
		return fmt.Errorf("%w: %s is not self-delimiting: it has no streaming decoder", ErrNotApplicable, c.Name())
	}
	return nil
}

func (s streamStrategy) NewWriter(w io.Writer, c Codec, o Options) Writer {
	sw := &streamWriter{name: s.name, cw: byteCountWriter{w: w}}
	w = &sw.cw
	if s.buffered {
		sw.bw = bufio.NewWriterSize(w, bufSize(o))
		w = sw.bw
	}
	sw.enc = c.NewEncoder(w)
	return sw
}

func (s streamStrategy) NewReader(r io.Reader, c Codec, o Options) Reader {
	sr := &streamReader{name: s.name, cr: byteCounter{r: r}}
	r = &sr.cr
	switch {
	case c.ReadsAhead():
		// Its decoder reads ahead into a buffer of its own and counts.
		if s.buffered {
			r = bufio.NewReaderSize(r, bufSize(o))
		}
	case s.buffered:
		sr.br = bufio.NewReaderSize(r, bufSize(o))
		r = sr.br
	default:
		sr.br = bufio.NewReader(r) // what gob, msgpack and og-rek would make
		r = sr.br
	}
	sr.dec = c.NewDecoder(r)
	return sr
}

// byteCounter counts the bytes read through it.
type byteCounter struct {
	r io.Reader
	n int64
}

func (c *byteCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// byteCountWriter counts the bytes written through it.
type byteCountWriter struct {
	w io.Writer
	n int64
}

func (c *byteCountWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func bufSize(o Options) int { return o.bufSizeOr(defaultStreamBuf) }

type streamWriter struct {
	name string
	enc  Encoder
	cw   byteCountWriter
	bw   *bufio.Writer
	idx  int64
	off  int64 // where the message being written starts
	err  error
}

func (w *streamWriter) WriteMessage(m *Message) error {
	if w.err != nil {
		return w.err
	}
	w.off = w.cw.n
	if w.bw != nil {
		w.off += int64(w.bw.Buffered())
	}
	err := w.enc.Encode(m)
	if err == nil && w.bw != nil {
		err = w.bw.Flush()
	}
	if err != nil {
		w.err = &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: w.off, Err: err}
		return w.err
	}
	w.idx++
	return nil
}

type streamReader struct {
	name string
	dec  Decoder
	cr   byteCounter
	br   *bufio.Reader // between cr and a decoder that reads exactly, or nil
	idx  int64
	err  error
}

func (r *streamReader) ReadMessage(m *Message) error {
	if r.err != nil {
		return r.err
	}
	start := r.offset()
	err := r.dec.Decode(m)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		r.err = &FrameError{Strategy: r.name, Op: "read", Index: r.idx, Offset: start, Err: err}
		return r.err
	}
	r.idx++
	return nil
}

// offset returns how many bytes of the stream the decoder has consumed:
// where the next message starts.
func (r *streamReader) offset() int64 {
	if d, ok := r.dec.(OffsetDecoder); ok {
		return d.InputOffset()
	}
	if r.br != nil {
		return r.cr.n - int64(r.br.Buffered())
	}
	return -1
}
