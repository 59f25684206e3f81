package peer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"framebench/strategies"
)

// reader reads the next item: a value of the strategies.ValueCodec model or,
// in messages mode, a *strategies.Message that is valid until the next call.
// It returns io.EOF only at a clean end of stream. Errors name the strategy,
// the message index and the byte offset (a *strategies.FrameError).
//
// Every message is checked before a library decodes it
// (strategies.CheckEncoding, or a strategies.Splitter for stream and
// buffered): a message of F bytes may take at most about
// strategies.DecodeRatio·F + strategies.DecodeSlack bytes to decode, and
// its numbers are held to strategies.MaxIntDigits and MaxBigIntBits.
type reader interface {
	read() (any, error)
	pos() (index, offset int64) // where the item read last began
	delivered()                 // the item read last was passed on
	discarded() int64           // bytes read that were not part of a delivered item
	checked() bool              // a skip cannot leave it reading from the middle of a message
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
		if rs, ok := fr.fr.(interface{ SetReserve(func(int) error) }); ok && c.acct != nil {
			rs.SetReserve(c.acct.holdBuffer)
		}
		return fr
	}
	// stream, buffered: the codec's encoding delimits messages; a Splitter
	// finds where each ends, checking it as it arrives.
	o := c.Options
	if c.Strategy == strategies.Buffered {
		o.BufSize = max(o.BufSize, 256<<10)
	}
	var sp *strategies.Splitter
	if c.Messages {
		sp = strategies.NewSplitter(c.Codec, r, o)
	} else {
		sp = strategies.NewValueSplitter(c.Codec.(strategies.ValueCodec), r, o)
	}
	if c.acct != nil {
		sp.SetReserve(c.acct.holdBuffer)
	}
	return &splitReader{c: c, sp: sp}
}

func maxFrame(o strategies.Options) int {
	if o.MaxFrame > 0 {
		return min(o.MaxFrame, strategies.MaxSize)
	}
	return strategies.DefaultMaxFrame
}

// frameItemReader reads frames and unmarshals each, as the strategies'
// framed readers do, but marks codec errors as such.
type frameItemReader struct {
	c      Config
	fr     strategies.FrameReader
	vc     strategies.ValueCodec
	m      strategies.Message
	n      int64 // frames returned or failed
	start  int64 // where the last frame began, for framings that do not say
	next   int64 // and where the next one begins
	extent int64 // bytes of the last frame read
	passed int64 // bytes of the frames delivered
}

func (r *frameItemReader) pos() (int64, int64) {
	if fs, ok := r.fr.(interface{ FrameStart() int64 }); ok {
		return r.n - 1, fs.FrameStart()
	}
	return r.n - 1, r.start
}

func (r *frameItemReader) delivered()    { r.passed += r.extent }
func (r *frameItemReader) checked() bool { return !unchecked(r.c.Strategy) }

// discarded is what the framing consumed beyond the frames delivered:
// frames skipped, headers not believed, bytes slid over.
func (r *frameItemReader) discarded() int64 {
	if cs, ok := r.fr.(interface{ Consumed() int64 }); ok {
		return cs.Consumed() - r.passed
	}
	return 0
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
	_, off := r.pos()
	if cs, ok := r.fr.(interface{ Consumed() int64 }); ok {
		r.extent = cs.Consumed() - off
	}
	admit := func(cost int64) error { return r.c.acct.holdMessage(cost + int64(len(p))) }
	var v any
	if r.c.Messages {
		err = strategies.UnmarshalChecked(r.c.Codec, p, &r.m, admit)
		v = &r.m
	} else {
		v, err = strategies.UnmarshalValueChecked(r.vc, p, admit)
	}
	if err != nil {
		if !errors.Is(err, ErrBudget) {
			err = codecError{named(r.c.Codec, err)}
		}
		return nil, &strategies.FrameError{Strategy: r.c.Strategy.Name(), Op: "read", Index: idx, Offset: off, Err: err}
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

// splitReader reads the messages or values of a stream or buffered
// strategy with a strategies.Splitter. Errors are sticky: after one, where
// the next message begins is unknown.
type splitReader struct {
	c     Config
	sp    *strategies.Splitter
	m     strategies.Message
	n     int64
	start int64
	err   error
}

func (r *splitReader) pos() (int64, int64) { return r.n - 1, r.start }
func (r *splitReader) delivered()          {}
func (r *splitReader) discarded() int64    { return 0 }
func (r *splitReader) checked() bool       { return true }

func (r *splitReader) read() (any, error) {
	if r.err != nil {
		return nil, r.err
	}
	p, err := r.sp.Next()
	r.start = r.sp.Start()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err == nil {
		err = r.c.acct.holdMessage(r.sp.Cost() + int64(len(p)))
	}
	var v any
	if err == nil && r.c.Messages {
		err = r.sp.Unmarshal(p, &r.m)
		v = &r.m
	} else if err == nil {
		v, err = r.sp.UnmarshalValue(p)
	}
	r.n++
	if err != nil {
		if !errors.Is(err, ErrBudget) {
			err = named(r.c.Codec, err)
		}
		r.err = &strategies.FrameError{Strategy: r.c.Strategy.Name(), Op: "read", Index: r.n - 1, Offset: r.start, Err: err}
		return nil, r.err
	}
	return v, nil
}
