package strategies

import (
	"encoding/binary"
	"errors"
	"io"
)

// OneRead writes lenprefix frames but reads each payload with exactly one
// Read call, as CPython's C unpickler does on an unbuffered pipe: it fails
// with ErrShortRead once a message outgrows what one read returns (65,536
// bytes on a default Linux pipe). The stream cannot be resumed: the rest of
// the short message is read as the next header. Never a recommendation.
var OneRead = Framed("oneread", oneReadFraming{}, Facts{
	Role:       RoleCodecBound,
	WholeReads: true,
	Breaks: &Breakage{
		Is:   func(err error) bool { return errors.Is(err, ErrShortRead) },
		What: "one read returned less than a whole message",
	},
})

type oneReadFraming struct{}

func (oneReadFraming) NewFrameWriter(w io.Writer, o Options) FrameWriter {
	return &lenPrefixWriter{headerWriter: newHeaderWriter(OneRead.Name(), w, o)}
}

func (oneReadFraming) NewFrameReader(r io.Reader, o Options) FrameReader {
	// It allocates what a header claims: Options.Reserve hears of it first.
	return &oneReader{r: withClaims(r, o, o.maxFrame(), claim4), max: o.maxFrame()}
}

type oneReader struct {
	r     io.Reader
	max   int
	hdr   [4]byte
	buf   []byte
	idx   int64
	off   int64
	start int64
}

func (r *oneReader) fail(err error) error {
	r.idx++
	return &FrameError{Strategy: OneRead.Name(), Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
}

func (r *oneReader) ReadFrame() ([]byte, error) {
	r.start = r.off
	k, err := io.ReadFull(r.r, r.hdr[:])
	r.off += int64(k)
	if err == io.EOF {
		return nil, io.EOF
	} else if err != nil {
		return nil, r.fail(err)
	}
	n := int(binary.BigEndian.Uint32(r.hdr[:]))
	if n > r.max {
		return nil, r.fail(fmtErr(ErrFrameTooLarge, "header claims %d bytes, limit %d", n, r.max))
	}
	if cap(r.buf) < n {
		r.buf = make([]byte, n)
	}
	p := r.buf[:n]
	k, err = 0, nil
	if n > 0 {
		k, err = r.r.Read(p)
	}
	r.off += int64(k)
	if k < n {
		if err == nil || err == io.EOF {
			err = fmtErr(ErrShortRead, "one read returned %d of %d bytes", k, n)
		}
		return nil, r.fail(err)
	}
	r.idx++
	return p, nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *oneReader) FrameStart() int64 { return r.start }
