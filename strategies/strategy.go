package strategies

import (
	"errors"
	"fmt"
	"io"
)

// DefaultMaxFrame is the largest frame a reader accepts when Options.MaxFrame is 0.
const DefaultMaxFrame = 64 << 20

// Options configures a strategy's readers and writers. The zero value works
// for every strategy but none, which needs FixedSize.
type Options struct {
	// MaxFrame is the largest payload a framed reader accepts, and a writer
	// sends, in bytes; 0 means DefaultMaxFrame, more than MaxSize means
	// MaxSize. It is checked before allocating.
	MaxFrame int
	// BufSize is the size of read-ahead buffers (buffered strategy, framed
	// readers' initial buffer); 0 means a strategy's default, more than
	// MaxSize means MaxSize.
	BufSize int
	// FixedSize is the size of every frame for the none strategy, which has
	// no framing: the reader must know it.
	FixedSize int
	// Write is the write policy of the header writers for payloads over
	// 16 KiB (see WritePath); nil sends them with one writev.
	Write *WritePolicy
}

func (o Options) maxFrame() int { return clampSize(o.MaxFrame, DefaultMaxFrame) }

// Writer sends messages on a stream. It never closes the underlying writer.
// Errors are *FrameError values and are sticky for stream strategies.
type Writer interface {
	WriteMessage(m *Message) error
}

// Reader receives messages. ReadMessage decodes the next message into m,
// which may alias the reader's buffer until the next call. It returns io.EOF
// only at a clean message boundary and io.ErrUnexpectedEOF (wrapped) inside a
// message. After an error that left the stream at a known frame boundary (a
// bad payload, a checksum mismatch, a frame over MaxFrame) a framed reader
// can be called again and goes on with the next frame.
type Reader interface {
	ReadMessage(m *Message) error
}

// Strategy is how messages are delimited and read on a stream. Values are
// stateless and safe for concurrent use.
type Strategy interface {
	// Name is the registry and benchmark name, e.g. "lenprefix".
	Name() string
	// Applies returns nil if the strategy can carry codec c with payload p,
	// or an error wrapping ErrNotApplicable that says why not.
	Applies(c Codec, p Payload) error
	NewWriter(w io.Writer, c Codec, o Options) Writer
	NewReader(r io.Reader, c Codec, o Options) Reader
}

// Strategies is the strategy registry in report order: the project's own
// (lenprefix-naive, the untuned baseline, beside lenprefix), then the peers.
var Strategies = []Strategy{
	Stream, Buffered, LenPrefix, LenPrefixNaive, Varint, OneRead, Scanner, Newline, LenPrefixCRC, None,
	Msgio, MsgioVarint, Protodelim,
}

// LookupStrategy returns the registered strategy with the given name.
func LookupStrategy(name string) (Strategy, error) {
	for _, s := range Strategies {
		if s.Name() == name {
			return s, nil
		}
	}
	return nil, fmt.Errorf("strategies: unknown strategy %q", name)
}

// Applies reports whether strategy s can carry codec c with payload p,
// checking the codec's payloads too.
func Applies(s Strategy, c Codec, p Payload) error {
	if !c.Supports(p) {
		return fmt.Errorf("%w: codec %s carries no %s payload", ErrNotApplicable, c.Name(), p)
	}
	return s.Applies(c, p)
}

// FrameWriter writes one frame per call: the framing layer without a codec.
type FrameWriter interface {
	// WriteFrame writes p as one frame. It does not retain p.
	WriteFrame(p []byte) error
}

// FrameReader reads one frame per call. The returned slice is owned by the
// reader and valid until the next call.
type FrameReader interface {
	ReadFrame() ([]byte, error)
}

// Framing makes frame writers and readers; a framed Strategy is a Framing
// plus a codec (see framed).
type Framing interface {
	NewFrameWriter(w io.Writer, o Options) FrameWriter
	NewFrameReader(r io.Reader, o Options) FrameReader
}

// framed turns a Framing into a Strategy: marshal with the codec, write one
// frame; read one frame, unmarshal. Unmarshal errors leave the reader at the
// next frame boundary.
type framed struct {
	name        string
	f           Framing
	newlineOnly bool // needs a NewlineFree codec
	rawOnly     bool // needs a BytesCodec (none)
}

func (s *framed) Name() string { return s.name }

func (s *framed) Applies(c Codec, p Payload) error {
	if s.newlineOnly && !c.NewlineFree() {
		return fmt.Errorf("%w: %s needs a codec without raw newlines, %s has them", ErrNotApplicable, s.name, c.Name())
	}
	if _, ok := c.(BytesCodec); s.rawOnly && !ok {
		return fmt.Errorf("%w: %s needs a fixed-size encoding: raw only", ErrNotApplicable, s.name)
	}
	return nil
}

// Frames exposes the framing under a framed strategy, for tools that move
// frames without a codec (the peer command, the fault campaign). It returns
// nil for stream strategies.
func Frames(s Strategy) Framing {
	if f, ok := s.(*framed); ok {
		return f.f
	}
	return nil
}

func (s *framed) NewWriter(w io.Writer, c Codec, o Options) Writer {
	fw := &framedWriter{name: s.name, fw: s.f.NewFrameWriter(w, o), c: c}
	fw.bc, _ = c.(BytesCodec)
	return fw
}

func (s *framed) NewReader(r io.Reader, c Codec, o Options) Reader {
	return &framedReader{name: s.name, fr: s.f.NewFrameReader(r, o), c: c}
}

type framedWriter struct {
	name string
	fw   FrameWriter
	c    Codec
	bc   BytesCodec
	buf  []byte
	n    int64
}

func (w *framedWriter) WriteMessage(m *Message) error {
	var p []byte
	var err error
	if w.bc != nil {
		p, err = w.bc.Bytes(m)
	} else {
		w.buf, err = w.c.Append(w.buf[:0], m)
		p = w.buf
	}
	if err == nil {
		err = w.fw.WriteFrame(p)
	}
	w.n++
	if err != nil {
		var fe *FrameError
		if errors.As(err, &fe) {
			return err
		}
		off := int64(-1)
		if ws, ok := w.fw.(interface{ Written() int64 }); ok {
			off = ws.Written() // where the message would have begun
		}
		return &FrameError{Strategy: w.name, Op: "write", Index: w.n - 1, Offset: off, Err: err}
	}
	return nil
}

type framedReader struct {
	name string
	fr   FrameReader
	c    Codec
	n    int64
}

func (r *framedReader) ReadMessage(m *Message) error {
	p, err := r.fr.ReadFrame()
	r.n++
	if err != nil {
		return err // already a *FrameError or a clean io.EOF
	}
	if err := r.c.Unmarshal(p, m); err != nil {
		off := int64(-1)
		if fs, ok := r.fr.(interface{ FrameStart() int64 }); ok {
			off = fs.FrameStart()
		}
		return &FrameError{Strategy: r.name, Op: "read", Index: r.n - 1, Offset: off, Err: fmt.Errorf("%s: %w", r.c.Name(), err)}
	}
	return nil
}

// Limit returns the largest frame a reader of strategy s accepts under o,
// and false for strategies that enforce none (stream, buffered: only the
// codec's own limits apply).
func Limit(s Strategy, o Options) (int, bool) {
	switch s {
	case Stream, Buffered:
		return 0, false
	case Scanner:
		return scannerLimit(o), true
	}
	return o.maxFrame(), true
}

// ShortReadSafe reports whether s's reader works whatever amounts each Read
// returns. Only oneread does not: that is the failure it reproduces.
func ShortReadSafe(s Strategy) bool { return s != OneRead }
