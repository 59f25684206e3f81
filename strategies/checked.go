package strategies

import (
	"io"
)

// ValueReader reads generic values (see ValueCodec) off a stream. ReadValue
// returns io.EOF only at a clean message boundary.
type ValueReader interface {
	ReadValue() (any, error)
}

// NewCheckedReader returns a reader of strategy s carrying codec c for
// untrusted input. Every message is checked before a library decodes it:
// a frame with CheckEncoding (UnmarshalChecked); with a strategy that
// frames nothing (stream, buffered) a Splitter finds where each message
// ends, checking it as it arrives. What holding and decoding a message
// will take (its length plus the estimated cost) is told to
// Options.Admit first, every buffer growth to Options.Reserve.
//
// Errors are *FrameErrors naming the strategy, the message index and its
// offset. A payload that the codec refuses in an intact frame has a
// *PayloadError cause, and the next call goes on with the next frame; a
// refusal of Admit is returned as it is, and is final too for a
// strategy that frames nothing (its errors are sticky). The reader
// implements FrameStarter and ReadCounter (see checkedReader.Consumed).
func NewCheckedReader(s Strategy, r io.Reader, c Codec, o Options) Reader {
	return newCheckedReader(s, r, c, nil, o)
}

// NewValueReader is NewCheckedReader for the generic values of c.
func NewValueReader(s Strategy, r io.Reader, c ValueCodec, o Options) ValueReader {
	cc, _ := c.(Codec)
	return newCheckedReader(s, r, cc, c, o)
}

func newCheckedReader(s Strategy, r io.Reader, c Codec, vc ValueCodec, o Options) *checkedReader {
	cr := &checkedReader{name: s.Name(), c: c, vc: vc, admit: o.Admit}
	if f := Frames(s); f != nil {
		cr.fr = f.NewFrameReader(r, o)
		return cr
	}
	if ss, ok := s.(streamStrategy); ok && ss.buffered {
		o.BufSize = max(o.BufSize, defaultStreamBuf)
	}
	if vc != nil {
		cr.sp = NewValueSplitter(vc, r, o)
	} else {
		cr.sp = NewSplitter(c, r, o)
	}
	return cr
}

// checkedReader is the reader of NewCheckedReader and NewValueReader:
// frames (fr) or a Splitter (sp), and a codec to decode messages (vc nil)
// or values.
type checkedReader struct {
	name  string
	c     Codec
	vc    ValueCodec
	admit Admit
	fr    FrameReader
	sp    *Splitter
	n     int64 // messages returned or failed
	start int64 // with sp: where the last message began
	err   error // with sp: sticky
}

func (r *checkedReader) ReadMessage(m *Message) error {
	_, err := r.read(m)
	return err
}

func (r *checkedReader) ReadValue() (any, error) { return r.read(nil) }

// FrameStart is the stream offset at which the last message began, or -1
// if the framing does not say.
func (r *checkedReader) FrameStart() int64 {
	if r.fr != nil {
		return frameStart(r.fr)
	}
	return r.start
}

// Consumed is the framing's count of the bytes read and used (see
// ReadCounter), or -1 where the framing does not count; a strategy that
// frames nothing stops at its first error, so it discards nothing.
func (r *checkedReader) Consumed() int64 {
	if rc, ok := r.fr.(ReadCounter); ok {
		return rc.Consumed()
	}
	return -1
}

// read returns the next message, decoded into m, or the next value.
func (r *checkedReader) read(m *Message) (any, error) {
	if r.fr == nil {
		return r.split(m)
	}
	p, err := r.fr.ReadFrame()
	if err == io.EOF {
		return nil, io.EOF
	}
	idx := r.n
	r.n++
	if err != nil {
		return nil, err // a *FrameError of the framing
	}
	var refused error
	admit := func(cost int64) error {
		if r.admit != nil {
			refused = r.admit(cost + int64(len(p)))
		}
		return refused
	}
	var v any
	if m == nil {
		v, err = UnmarshalValueChecked(r.vc, p, admit)
	} else {
		err, v = UnmarshalChecked(r.c, p, m, admit), m
	}
	if err != nil {
		if refused == nil {
			err = &PayloadError{named(r.c.Name(), err)}
		}
		return nil, &FrameError{Strategy: r.name, Op: "read", Index: idx, Offset: frameStart(r.fr), Err: err}
	}
	return v, nil
}

// split reads with the Splitter: a message is all read and checked
// before it is admitted and decoded.
func (r *checkedReader) split(m *Message) (any, error) {
	if r.err != nil {
		return nil, r.err
	}
	p, err := r.sp.Next()
	r.start = r.sp.Start()
	if err == io.EOF {
		return nil, io.EOF
	}
	refused := false
	if err == nil && r.admit != nil {
		err = r.admit(r.sp.Cost() + int64(len(p)))
		refused = err != nil
	}
	var v any
	switch {
	case err != nil:
	case m == nil:
		v, err = r.sp.UnmarshalValue(p)
	default:
		err, v = r.sp.Unmarshal(p, m), m
	}
	r.n++
	if err != nil {
		if !refused {
			err = named(r.c.Name(), err)
		}
		r.err = &FrameError{Strategy: r.name, Op: "read", Index: r.n - 1, Offset: r.start, Err: err}
		return nil, r.err
	}
	return v, nil
}
