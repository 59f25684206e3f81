package peer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"framebench/strategies"
)

// streamSlack is what a stream or buffered decoder may pull from the stream
// beyond Options.MaxFrame while it reads one message: its read-ahead.
const streamSlack = 1 << 20

// reader reads the next item: a value of the strategies.ValueCodec model or,
// in messages mode, a *strategies.Message that is valid until the next call.
// It returns io.EOF only at a clean end of stream. Errors name the strategy,
// the message index and the byte offset (a *strategies.FrameError).
type reader interface {
	read() (any, error)
	pos() (index, offset int64) // where the item read last began
}

// codecError marks a message whose frame arrived whole but whose payload
// the codec refused: a framed reader can go on with the next frame.
type codecError struct{ err error }

func (e codecError) Error() string { return e.err.Error() }
func (e codecError) Unwrap() error { return e.err }

// newReader returns the reader of c on r.
func newReader(r io.Reader, c Config) reader {
	if f := strategies.Frames(c.Strategy); f != nil {
		fr := &frameItemReader{c: c, fr: f.NewFrameReader(r, c.Options)}
		fr.vc, _ = c.Codec.(strategies.ValueCodec)
		return fr
	}
	// stream, buffered: the codec's decoder owns the stream; a limit stands
	// in for the frame size that these strategies cannot check.
	lim := &limitReader{r: r, max: int64(maxFrame(c.Options)) + streamSlack}
	if c.Messages {
		return &streamMessageReader{c: c, lim: lim, rd: c.Strategy.NewReader(lim, c.Codec, c.Options)}
	}
	size := 64 << 10
	if c.Strategy == strategies.Buffered {
		size = max(c.Options.BufSize, 256<<10)
	}
	// The decoders of pickle and msgpack read a *bufio.Reader as it is, so
	// that lim.n-br.Buffered() is exactly where each value starts.
	br := bufio.NewReaderSize(lim, size)
	return &streamValueReader{c: c, lim: lim, br: br, dec: c.Codec.(strategies.ValueCodec).NewValueDecoder(br)}
}

func maxFrame(o strategies.Options) int {
	if o.MaxFrame > 0 {
		return o.MaxFrame
	}
	return strategies.DefaultMaxFrame
}

// frameItemReader reads frames and unmarshals each, as the strategies'
// framed readers do, but marks codec errors as such.
type frameItemReader struct {
	c     Config
	fr    strategies.FrameReader
	vc    strategies.ValueCodec
	m     strategies.Message
	n     int64 // frames returned or failed
	start int64 // where the last frame began, for framings that do not say
	next  int64 // and where the next one begins
}

func (r *frameItemReader) pos() (int64, int64) {
	if fs, ok := r.fr.(interface{ FrameStart() int64 }); ok {
		return r.n - 1, fs.FrameStart()
	}
	return r.n - 1, r.start
}

func (r *frameItemReader) read() (any, error) {
	p, err := r.fr.ReadFrame()
	if err == io.EOF {
		return nil, io.EOF
	}
	idx := r.n
	r.n++
	r.start = r.next
	if err != nil {
		var fe *strategies.FrameError
		if errors.As(err, &fe) && fe.Offset < 0 && r.start >= 0 {
			c := *fe
			c.Offset = r.start
			err = &c
		}
		r.next = -1 // the framing knows no more where frames begin
		return nil, err
	}
	if r.next >= 0 {
		r.next += wireSize(r.c.Strategy, len(p))
	}
	var v any
	if r.c.Messages {
		err = r.c.Codec.Unmarshal(p, &r.m)
		v = &r.m
	} else {
		v, err = r.vc.UnmarshalValue(p)
	}
	if err != nil {
		_, off := r.pos()
		return nil, &strategies.FrameError{Strategy: r.c.Strategy.Name(), Op: "read", Index: idx, Offset: off,
			Err: codecError{named(r.c.Codec, err)}}
	}
	return v, nil
}

// wireSize is the size on the wire of a frame of n payload bytes, for the
// peers' framings, whose readers (libraries) do not track offsets; -1 if
// unknown.
func wireSize(s strategies.Strategy, n int) int64 {
	switch s {
	case strategies.Msgio:
		return 4 + int64(n)
	case strategies.MsgioVarint:
		return uvarintLen(n) + int64(n)
	case strategies.Protodelim:
		// a wrapperspb.BytesValue: field 1 (tag, length, bytes), if not empty
		l := int64(0)
		if n > 0 {
			l = 1 + uvarintLen(n) + int64(n)
		}
		return uvarintLen(int(l)) + l
	}
	return -1
}

func uvarintLen(n int) int64 {
	var b [binary.MaxVarintLen64]byte
	return int64(binary.PutUvarint(b[:], uint64(n)))
}

// named prefixes err with the codec's name, unless the library did.
func named(c strategies.Codec, err error) error {
	if strings.HasPrefix(err.Error(), c.Name()+":") {
		return err
	}
	return fmt.Errorf("%s: %w", c.Name(), err)
}

// streamValueReader reads values with the codec's streaming decoder.
// Errors are sticky: the decoder's state is unknown after one.
type streamValueReader struct {
	c     Config
	lim   *limitReader
	br    *bufio.Reader
	dec   strategies.ValueDecoder
	n     int64
	start int64 // where the last value began
	err   error
}

func (r *streamValueReader) pos() (int64, int64) { return r.n - 1, r.start }

func (r *streamValueReader) read() (any, error) {
	if r.err != nil {
		return nil, r.err
	}
	start := r.lim.n - int64(r.br.Buffered())
	r.lim.begin(start)
	r.start = start
	v, err := r.dec.DecodeValue()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		r.err = r.lim.wrap(r.c, r.n, start, err)
		return nil, r.err
	}
	r.n++
	return v, nil
}

// streamMessageReader reads messages with the strategy's own reader.
type streamMessageReader struct {
	c     Config
	lim   *limitReader
	rd    strategies.Reader
	m     strategies.Message
	n     int64
	start int64
}

func (r *streamMessageReader) pos() (int64, int64) { return r.n - 1, r.start }

func (r *streamMessageReader) read() (any, error) {
	start := r.lim.n
	r.lim.begin(start)
	r.start = start
	err := r.rd.ReadMessage(&r.m)
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, r.lim.wrap(r.c, r.n, start, err)
	}
	r.n++
	return &r.m, nil
}

// limitReader counts the bytes read from r and refuses to read more than
// max bytes past the start of the current message, so that a stream
// decoder's memory stays bounded by the frame limit.
type limitReader struct {
	r    io.Reader
	n    int64 // bytes read
	max  int64
	stop int64 // no reads past this offset
	hit  bool
}

func (l *limitReader) begin(start int64) { l.stop, l.hit = start+l.max, false }

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.stop {
		l.hit = true
		return 0, strategies.ErrFrameTooLarge
	}
	if int64(len(p)) > l.stop-l.n {
		p = p[:l.stop-l.n]
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	return k, err
}

// wrap turns a decoder's error into a FrameError at the message's start
// (where the peer's own buffer stood: the json and cbor decoders read
// ahead, so for them the message may have begun a little earlier).
func (l *limitReader) wrap(c Config, idx, start int64, err error) error {
	if l.hit {
		err = fmt.Errorf("%w: a message pulled more than %d bytes (-max-frame plus %d of read-ahead)",
			strategies.ErrFrameTooLarge, l.max, streamSlack)
	} else if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	var fe *strategies.FrameError
	if errors.As(err, &fe) && fe.Offset >= 0 {
		return err
	}
	if fe != nil {
		err = fe.Err
	}
	return &strategies.FrameError{Strategy: c.Strategy.Name(), Op: "read", Index: idx, Offset: start, Err: err}
}
