package strategies

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"

	"google.golang.org/protobuf/encoding/protodelim"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// Protodelim is the peer from google.golang.org/protobuf/encoding/protodelim:
// a uvarint length, then a protobuf message. Arbitrary codec output travels
// as a wrapperspb.BytesValue, the way a protobuf user sends opaque bytes;
// the reader is a bufio.Reader, as UnmarshalFrom requires, and the messages
// are reused.
var Protodelim Strategy = &framed{name: "protodelim", f: protodelimFraming{}}

type protodelimFraming struct{}

func (protodelimFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &protodelimWriter{w: w, max: o.maxFrame()}
}

func (protodelimFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	size := o.BufSize
	if size <= 0 {
		size = defaultBuf
	}
	// The wrapper adds a tag and a length to the payload: allow for them here
	// and check the payload itself after decoding.
	max := o.maxFrame()
	opts := protodelim.UnmarshalOptions{MaxSize: int64(max) + 1 + binary.MaxVarintLen64}
	return &protodelimReader{r: bufio.NewReaderSize(r, size), opts: opts, max: max}
}

type protodelimWriter struct {
	w   io.Writer
	max int
	msg wrapperspb.BytesValue
	idx int64
}

func (w *protodelimWriter) WriteFrame(p []byte) error {
	err := error(nil)
	if len(p) > w.max {
		err = ErrFrameTooLarge
	} else {
		w.msg.Value = p
		_, err = protodelim.MarshalTo(w.w, &w.msg)
		w.msg.Value = nil
	}
	if err != nil {
		return &FrameError{Strategy: "protodelim", Op: "write", Index: w.idx, Offset: -1, Err: err}
	}
	w.idx++
	return nil
}

type protodelimReader struct {
	r    *bufio.Reader
	opts protodelim.UnmarshalOptions
	max  int
	msg  wrapperspb.BytesValue
	idx  int64
}

func (r *protodelimReader) ReadFrame() ([]byte, error) {
	err := r.opts.UnmarshalFrom(r.r, &r.msg)
	r.idx++
	if err == io.EOF {
		return nil, io.EOF
	}
	if err == nil && len(r.msg.Value) > r.max {
		err = fmtErr(ErrFrameTooLarge, "%d bytes, limit %d", len(r.msg.Value), r.max)
	}
	if err != nil {
		var tl *protodelim.SizeTooLargeError
		if errors.As(err, &tl) {
			err = fmtErr(ErrFrameTooLarge, "%v", err)
		}
		return nil, &FrameError{Strategy: "protodelim", Op: "read", Index: r.idx - 1, Offset: -1, Err: err}
	}
	return r.msg.Value, nil
}
