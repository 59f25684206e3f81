package strategies

import (
	"encoding/gob"
	"fmt"
	"io"
)

// Splitter reads a stream of one codec's messages written back to back
// (what the stream strategy's encoders write) one whole message at a time,
// scanning each as CheckEncoding does while its bytes arrive: a message
// longer than Options.MaxFrame, or one whose decoding would pass the
// budget, is refused before it is all read, and never decoded. It keeps
// the message's bytes (and what it read ahead) in a buffer of its own, so
// it owns the stream. Errors are sticky: after one, where the next message
// begins is unknown. A Splitter is not safe for concurrent use.
//
// This is how a reader of untrusted input should use a codec's stream
// format; the stream strategy measures the libraries' own decoders, which
// trust their input's length claims and shapes.
type Splitter struct {
	c     Codec
	sc    scannedCodec
	s     scanner
	types gobTypes // a gob stream's types so far
	dec   *gob.Decoder
	unit  unitReader
	err   error
}

// NewSplitter returns a Splitter of codec c's messages on r, to be decoded
// into Messages, c being self-delimiting (not raw or protobuf: Next fails
// with ErrNotApplicable). It reads at least Options.BufSize bytes
// (default 64 KiB) at a time and refuses messages over Options.MaxFrame.
func NewSplitter(c Codec, r io.Reader, o Options) *Splitter { return newSplitter(c, r, o, true) }

// NewValueSplitter is NewSplitter for the generic values of a ValueCodec.
func NewValueSplitter(c ValueCodec, r io.Reader, o Options) *Splitter {
	cc, _ := c.(Codec)
	return newSplitter(cc, r, o, false)
}

func newSplitter(c Codec, r io.Reader, o Options, typed bool) *Splitter {
	sp := &Splitter{c: c, s: scanner{r: r, max: o.maxFrame(), chunk: o.bufSizeOr(defaultBuf), codec: c.Name(), typed: typed, grow: o.Reserve}}
	sc, ok := c.(scannedCodec)
	switch {
	case !ok:
		sp.err = fmt.Errorf("%w: no scanner for codec %s", ErrNotApplicable, c.Name())
	case c.NewEncoder(io.Discard) == nil:
		sp.err = fmt.Errorf("%w: %s is not self-delimiting", ErrNotApplicable, c.Name())
	}
	sp.sc = sc
	return sp
}

// SetReserve makes the splitter call f with the size its buffer is about
// to grow to, before it allocates; an error from f fails the message.
func (sp *Splitter) SetReserve(f func(n int) error) { sp.s.grow = f }

// Next returns the next message's encoding, valid until the next call. It
// returns io.EOF at a clean end of the stream (json: after white space).
func (sp *Splitter) Next() ([]byte, error) {
	if sp.err != nil {
		return nil, sp.err
	}
	s := &sp.s
	s.start, s.cost, s.depth = s.pos, 0, 0
	if spaced, ok := sp.c.(spacedCodec); ok {
		if sp.err = spaced.skipSpace(s); sp.err != nil {
			return nil, sp.err
		}
		s.start = s.pos
	}
	ok, err := s.more()
	if !ok {
		sp.err = err
		if err == nil {
			sp.err = io.EOF
		}
		return nil, sp.err
	}
	if sp.err = s.scanOne(sp.sc, sp); sp.err != nil {
		return nil, sp.err
	}
	return s.buf[s.start:s.pos], nil
}

// Start is the stream offset at which the last message began.
func (sp *Splitter) Start() int64 { return sp.s.base + int64(sp.s.start) }

// Cost is the estimated bytes that decoding the last message takes.
func (sp *Splitter) Cost() int64 { return sp.s.cost }

// Unmarshal decodes p, the message Next returned last, into m. gob's
// messages go to a gob.Decoder that lives for the stream (a stream sends
// each type once); the others are decoded as UnmarshalChecked does,
// without scanning them again.
func (sp *Splitter) Unmarshal(p []byte, m *Message) error {
	switch c := sp.c.(type) {
	case splitUnmarshaler:
		return c.splitUnmarshal(sp, p, m)
	case budgetUnmarshaler:
		return c.unmarshalBudget(p, m, decodeBudget(int64(len(p))))
	}
	return sp.c.Unmarshal(p, m)
}

// splitUnmarshaler is a codec whose stream sends what later messages
// need once (gob's types): splitUnmarshal decodes p with a decoder that
// lives for sp's stream.
type splitUnmarshaler interface {
	splitUnmarshal(sp *Splitter, p []byte, m *Message) error
}

// UnmarshalValue decodes p, the message Next returned last, into a
// generic value, without scanning it again. The Splitter must be a
// ValueSplitter.
func (sp *Splitter) UnmarshalValue(p []byte) (any, error) {
	vu, ok := sp.c.(valueUnmarshaler)
	if !ok || sp.s.typed {
		return nil, fmt.Errorf("%w: not a value splitter of a value codec", ErrNotApplicable)
	}
	return vu.unmarshalValue(p)
}

// splitValueDecoder is the ValueDecoder of json, cbor, msgpack and pickle.
type splitValueDecoder struct {
	sp *Splitter
	vu valueUnmarshaler
}

func newSplitValueDecoder(c Codec, r io.Reader) ValueDecoder {
	return splitValueDecoder{sp: NewValueSplitter(c.(ValueCodec), r, Options{}), vu: c.(valueUnmarshaler)}
}

func (d splitValueDecoder) DecodeValue() (any, error) {
	p, err := d.sp.Next()
	if err != nil {
		return nil, err
	}
	return d.vu.unmarshalValue(p)
}
