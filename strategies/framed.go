package strategies

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// framed turns a Framing into a Strategy: marshal with the codec, write one
// frame; read one frame, unmarshal. Unmarshal errors leave the reader at the
// next frame boundary.
type framed struct {
	name  string
	f     Framing
	facts Facts
}

// Framed returns the strategy named name that carries each message as one
// frame of f: the codec's encoding of the message, written with one
// WriteFrame and decoded from one ReadFrame. Every framed strategy of
// this package is one; facts say what the suite needs to know of it.
func Framed(name string, f Framing, facts Facts) Strategy {
	return &framed{name: name, f: f, facts: facts}
}

func (s *framed) Name() string { return s.name }
func (s *framed) Facts() Facts { return s.facts }

func (s *framed) Applies(c Codec, p Payload) error {
	if s.facts.NewlineFree && !c.NewlineFree() {
		return fmt.Errorf("%w: %s needs a codec without raw newlines, %s has them", ErrNotApplicable, s.name, c.Name())
	}
	if _, ok := c.(BytesCodec); s.facts.FixedSize && !ok {
		return fmt.Errorf("%w: %s needs a fixed-size encoding: raw only", ErrNotApplicable, s.name)
	}
	return nil
}

// Frames exposes the framing under a framed strategy, for tools that move
// frames without a codec (the fault campaign). It returns nil for stream
// strategies.
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
	w.n++
	if err != nil {
		// Nothing was written: Written is where the message would have begun.
		return &FrameError{Strategy: w.name, Op: "write", Index: w.n - 1, Offset: written(w.fw), Err: &PayloadError{named(w.c.Name(), err)}}
	}
	if err = w.fw.WriteFrame(p); err != nil {
		var fe *FrameError
		if errors.As(err, &fe) {
			return err
		}
		return &FrameError{Strategy: w.name, Op: "write", Index: w.n - 1, Offset: written(w.fw), Err: err}
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
		return &FrameError{Strategy: r.name, Op: "read", Index: r.n - 1, Offset: frameStart(r.fr), Err: &PayloadError{named(r.c.Name(), err)}}
	}
	return nil
}

// named prefixes err with the codec's name, unless the library did.
func named(codec string, err error) error {
	if strings.HasPrefix(err.Error(), codec+":") {
		return err
	}
	return fmt.Errorf("%s: %w", codec, err)
}
