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
// are reused. A byte counter under the bufio.Reader gives errors their offset.
//
// protodelim cannot skip a message over the limit: UnmarshalFrom returns
// after reading the length, and the next call takes the payload for a length.
var Protodelim = Framed("protodelim", protodelimFraming{}, Facts{Role: RolePeer, Library: "google.golang.org/protobuf/encoding/protodelim"})

type protodelimFraming struct{}

func (protodelimFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &protodelimWriter{w: w, max: o.maxFrame()}
}

func (protodelimFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	size := o.bufSizeOr(defaultBuf)
	// The wrapper adds a tag and a length to the payload: allow for them here
	// and check the payload itself after decoding.
	max := o.maxFrame()
	opts := protodelim.UnmarshalOptions{MaxSize: int64(max) + 1 + binary.MaxVarintLen64}
	// The library allocates what a header claims: Options.Reserve hears of
	// it first.
	pr := &protodelimReader{cr: byteCounter{r: withClaims(r, o, max+16, claimUvarint)}, opts: opts, max: max}
	pr.r = bufio.NewReaderSize(&pr.cr, size)
	return pr
}

type protodelimWriter struct {
	w   io.Writer
	max int
	msg wrapperspb.BytesValue
	idx int64
	off int64 // bytes written
}

// Written is the number of bytes written by whole frames.
func (w *protodelimWriter) Written() int64 { return w.off }

func (w *protodelimWriter) WriteFrame(p []byte) error {
	start, err := w.off, error(nil)
	if len(p) > w.max {
		err = ErrFrameTooLarge
	} else {
		w.msg.Value = p
		var n int
		n, err = protodelim.MarshalTo(w.w, &w.msg)
		w.msg.Value = nil
		w.off += int64(n)
	}
	if err != nil {
		return &FrameError{Strategy: Protodelim.Name(), Op: "write", Index: w.idx, Offset: start, Err: err}
	}
	w.idx++
	return nil
}

type protodelimReader struct {
	cr    byteCounter
	r     *bufio.Reader
	opts  protodelim.UnmarshalOptions
	max   int
	msg   wrapperspb.BytesValue
	idx   int64
	start int64 // offset of the frame being read
}

func (r *protodelimReader) ReadFrame() ([]byte, error) {
	r.start = r.cr.n - int64(r.r.Buffered())
	err := r.opts.UnmarshalFrom(r.r, &r.msg)
	if err == io.EOF {
		return nil, io.EOF
	}
	r.idx++
	if err == nil && len(r.msg.Value) > r.max {
		err = fmtErr(ErrFrameTooLarge, "%d bytes, limit %d", len(r.msg.Value), r.max)
	}
	if err != nil {
		var tl *protodelim.SizeTooLargeError
		if errors.As(err, &tl) {
			err = fmtErr(ErrFrameTooLarge, "%v", err)
		}
		return nil, &FrameError{Strategy: Protodelim.Name(), Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
	}
	return r.msg.Value, nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *protodelimReader) FrameStart() int64 { return r.start }
