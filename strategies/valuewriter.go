package strategies

import (
	"bufio"
	"io"
)

// ValueWriter writes generic values (see ValueCodec) on a stream, one
// message each.
type ValueWriter interface {
	WriteValue(v any) error
}

// NewValueWriter returns a writer of strategy s carrying the generic values
// of codec c: each value marshalled and written as one frame, or with a
// strategy that frames nothing (stream, buffered) encoded by c's stream
// encoder over a buffer flushed after each value (the same bytes either
// way; the buffer spares the system calls of encoders that write a value
// piece by piece). Errors are *FrameErrors; a value the codec refuses
// before anything was written has a *PayloadError cause, and the writer
// goes on. Other errors are sticky for a strategy that frames nothing.
func NewValueWriter(s Strategy, w io.Writer, c ValueCodec, o Options) ValueWriter {
	name := ""
	if cc, ok := c.(Codec); ok {
		name = cc.Name()
	}
	if f := Frames(s); f != nil {
		return &frameValueWriter{name: s.Name(), codec: name, vc: c, fw: f.NewFrameWriter(w, o)}
	}
	sw := &streamValueWriter{name: s.Name(), codec: name, cw: byteCountWriter{w: w}}
	sw.bw = bufio.NewWriterSize(&sw.cw, 64<<10)
	sw.enc = c.NewValueEncoder(sw.bw)
	return sw
}

// frameValueWriter marshals each value and writes it as one frame.
type frameValueWriter struct {
	name, codec string
	vc          ValueCodec
	fw          FrameWriter
	buf         []byte
	n           int64 // values written
}

func (w *frameValueWriter) WriteValue(v any) error {
	var err error
	if w.buf, err = w.vc.AppendValue(w.buf[:0], v); err != nil {
		return &FrameError{Strategy: w.name, Op: "write", Index: w.n, Offset: written(w.fw), Err: &PayloadError{named(w.codec, err)}}
	}
	if err := w.fw.WriteFrame(w.buf); err != nil {
		return err
	}
	w.n++
	return nil
}

// streamValueWriter encodes values with the codec's stream encoder.
type streamValueWriter struct {
	name, codec string
	cw          byteCountWriter
	bw          *bufio.Writer
	enc         ValueEncoder
	n           int64 // values written
	err         error
}

func (w *streamValueWriter) WriteValue(v any) error {
	if w.err != nil {
		return w.err
	}
	off := w.cw.n
	err := w.enc.EncodeValue(v)
	if err != nil && w.bw.Buffered() == 0 && w.cw.n == off {
		// The value was refused before anything was written.
		return &FrameError{Strategy: w.name, Op: "write", Index: w.n, Offset: off, Err: &PayloadError{named(w.codec, err)}}
	}
	if err == nil {
		err = w.bw.Flush()
	}
	if err != nil {
		w.err = &FrameError{Strategy: w.name, Op: "write", Index: w.n, Offset: off, Err: err}
		return w.err
	}
	w.n++
	return nil
}
