package strategies

import (
	"bufio"
	"encoding/binary"
	"io"

	"github.com/libp2p/go-msgio"
)

// Msgio and MsgioVarint are the peers from github.com/libp2p/go-msgio, used
// as its documentation recommends: NewWriter / NewReaderSize (4-byte
// big-endian length) and NewVarintWriter / NewVarintReaderSize (uvarint
// length), with the reader over a bufio.Reader so the header costs no system
// call, and each message released back to msgio's pool before the next read.
// A byte counter under the bufio.Reader gives errors their offset.
//
// msgio cannot skip a frame over the limit: its reader keeps the length and
// returns ErrMsgTooLarge on every later call (the reader is stuck).
var (
	Msgio       = Framed("msgio", msgioFraming{}, msgioFacts)
	MsgioVarint = Framed("msgio-varint", msgioFraming{varint: true}, msgioFacts)
)

var msgioFacts = Facts{Role: RolePeer, Library: "github.com/libp2p/go-msgio"}

type msgioFraming struct{ varint bool }

func (f msgioFraming) name() string {
	if f.varint {
		return MsgioVarint.Name()
	}
	return Msgio.Name()
}

func (f msgioFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	mw := &msgioWriter{name: f.name(), varint: f.varint, max: o.maxFrame()}
	if f.varint {
		mw.w = msgio.NewVarintWriter(w)
	} else {
		mw.w = msgio.NewWriter(w)
	}
	return mw
}

func (f msgioFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	size := o.bufSizeOr(defaultBuf)
	mr := &msgioReader{name: f.name(), cr: byteCounter{r: r}}
	br := bufio.NewReaderSize(&mr.cr, size)
	// The library allocates what a header claims: Options.Reserve hears of
	// it first.
	if f.varint {
		mr.cr.r = withClaims(r, o, o.maxFrame()+16, claimUvarint)
	} else {
		mr.cr.r = withClaims(r, o, o.maxFrame(), claim4)
	}
	mr.br = br
	if f.varint {
		mr.r = msgio.NewVarintReaderSize(br, o.maxFrame())
	} else {
		mr.r = msgio.NewReaderSize(br, o.maxFrame())
	}
	return mr
}

type msgioWriter struct {
	name   string
	varint bool
	w      msgio.WriteCloser
	max    int
	idx    int64
	off    int64 // bytes written by whole frames
}

// Written is the number of bytes written by whole frames.
func (w *msgioWriter) Written() int64 { return w.off }

func (w *msgioWriter) WriteFrame(p []byte) error {
	err := error(nil)
	if len(p) > w.max {
		err = ErrFrameTooLarge
	} else {
		err = w.w.WriteMsg(p)
	}
	if err != nil {
		return &FrameError{Strategy: w.name, Op: "write", Index: w.idx, Offset: w.off, Err: err}
	}
	w.idx++
	h := 4
	if w.varint {
		var b [binary.MaxVarintLen64]byte
		h = binary.PutUvarint(b[:], uint64(len(p)))
	}
	w.off += int64(h + len(p))
	return nil
}

type msgioReader struct {
	name  string
	cr    byteCounter
	br    *bufio.Reader
	r     msgio.ReadCloser
	last  []byte // released to the pool on the next call
	idx   int64
	start int64 // offset of the frame being read
}

func (r *msgioReader) ReadFrame() ([]byte, error) {
	if r.last != nil {
		r.r.ReleaseMsg(r.last)
		r.last = nil
	}
	r.start = r.cr.n - int64(r.br.Buffered())
	// msgio reports a stream cut right after a length header as a clean
	// io.EOF; only an empty stream is one.
	if _, err := r.br.Peek(1); err == io.EOF {
		return nil, io.EOF
	}
	p, err := r.r.ReadMsg()
	r.idx++
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		if err == msgio.ErrMsgTooLarge {
			err = fmtErr(ErrFrameTooLarge, "%v", err)
		}
		return nil, &FrameError{Strategy: r.name, Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
	}
	r.last = p
	return p, nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *msgioReader) FrameStart() int64 { return r.start }
