package peer

import (
	"bufio"
	"fmt"
	"io"

	"framebench/strategies"
)

// writer writes one item as one message.
type writer interface {
	write(item any) error
}

// newWriter returns the writer of c on w.
func newWriter(w io.Writer, c Config) writer {
	if c.Messages {
		return messageWriter{c.Strategy.NewWriter(w, c.Codec, c.Options)}
	}
	vc := c.Codec.(strategies.ValueCodec)
	if f := strategies.Frames(c.Strategy); f != nil {
		return &frameValueWriter{c: c, vc: vc, fw: f.NewFrameWriter(w, c.Options)}
	}
	// stream, buffered: the same bytes either way; a buffer spares the
	// system calls of encoders that write a value piece by piece.
	bw := bufio.NewWriterSize(w, 64<<10)
	return &streamValueWriter{c: c, bw: bw, enc: vc.NewValueEncoder(bw)}
}

type messageWriter struct{ w strategies.Writer }

func (w messageWriter) write(item any) error { return w.w.WriteMessage(item.(*strategies.Message)) }

// frameValueWriter marshals each value and writes it as one frame.
type frameValueWriter struct {
	c   Config
	vc  strategies.ValueCodec
	fw  strategies.FrameWriter
	buf []byte
	n   int64
}

func (w *frameValueWriter) write(item any) error {
	var err error
	if w.buf, err = w.vc.AppendValue(w.buf[:0], item); err != nil {
		return encodeError{fmt.Errorf("%s: write message %d: %s: %w", w.c.Strategy.Name(), w.n, w.c.Codec.Name(), err)}
	}
	if err := w.fw.WriteFrame(w.buf); err != nil {
		return err
	}
	w.n++
	return nil
}

// streamValueWriter encodes values with the codec's streaming encoder and
// flushes after each one.
type streamValueWriter struct {
	c   Config
	bw  *bufio.Writer
	enc strategies.ValueEncoder
	n   int64
	err error
}

func (w *streamValueWriter) write(item any) error {
	if w.err != nil {
		return w.err
	}
	err := w.enc.EncodeValue(item)
	if err != nil && w.bw.Buffered() == 0 {
		// The value was refused before anything was written.
		return encodeError{fmt.Errorf("%s: write message %d: %s: %w", w.c.Strategy.Name(), w.n, w.c.Codec.Name(), err)}
	}
	if err == nil {
		err = w.bw.Flush()
	}
	if err != nil {
		w.err = &strategies.FrameError{Strategy: w.c.Strategy.Name(), Op: "write", Index: w.n, Offset: -1, Err: err}
		return w.err
	}
	w.n++
	return nil
}

// encodeError marks a value the codec or JSON cannot carry, refused before
// anything was written: the peer can drop it and go on.
type encodeError struct{ err error }

func (e encodeError) Error() string { return e.err.Error() }
func (e encodeError) Unwrap() error { return e.err }
