package strategies

import "io"

// frameReader is the reading half shared by the header-framed strategies:
// the read-ahead buffer, the message index, the error wrapping, and what
// a reader does after a bad header.
//
// A header that claims more than the limit is refused (ErrFrameTooLarge).
// If it claims at most maxSkipFactor times the limit, the frame is taken
// for a real one from a writer with a larger limit: the next call discards
// exactly its bytes, in bounded memory, and goes on at the frame after it.
// A larger claim is not believed (a corrupted header would make the reader
// discard the rest of the stream): the reader drops the header's first
// byte and the next call resynchronises, sliding forward to the first
// header that is plausible, one whose claim is within the limit
// (lenprefix-crc: whose checksum also holds). Without a checksum that
// header may be a coincidence inside a payload: a resynchronised reader
// can deliver wrong frames. Consumed counts every byte read, so that a
// caller can tell how many it discarded.
type frameReader struct {
	name  string
	in    inbuf
	max   int
	idx   int64 // frames returned or failed
	start int64 // offset of the frame being read
	skip  int64 // bytes of an oversized frame still to discard
	lost  bool  // the last header was not believed: resynchronise
	// hdr is the framing's header, for a reader that resynchronises.
	hdr headerRule
}

// headerRule is what a resynchronising reader knows of its framing's
// header (lenprefix, varint, lenprefix-crc each declare theirs).
type headerRule struct {
	// plausible reports whether b starts with a header whose claim is
	// within max (its length h and claim n), or (more) whether b is too
	// short to tell.
	plausible func(b []byte, max int) (h int, n uint64, ok, more bool)
	// emptyOK is set when an empty frame is believable after a
	// resynchronisation: a checksum vouches for its header.
	emptyOK bool
}

// maxSkipFactor bounds what a reader discards after a header over the
// limit: a frame of up to four times the limit is skipped whole (the
// fault campaign's oversized message is twice the limit and some), a
// larger claim is not believed.
const maxSkipFactor = 4

// newFrameReader returns the reading half of framing name on r; hdr is
// its header, for a framing whose readers resynchronise (zero otherwise).
func newFrameReader(name string, r io.Reader, o Options, hdr headerRule) frameReader {
	fr := frameReader{name: name, in: newInbuf(r, o.bufSizeOr(defaultBuf)), max: o.maxFrame(), hdr: hdr}
	fr.in.limit = fr.max + maxHeader
	fr.in.reserve = o.Reserve
	return fr
}

// begin discards what is left of a skipped frame, resynchronises after a
// header that was not believed, and marks the next frame's start. It
// returns io.EOF bare at a clean end of stream.
func (r *frameReader) begin() error {
	if r.skip > 0 {
		n := r.skip
		r.skip = 0
		if err := r.in.discard(n); err != nil {
			return r.fail(err)
		}
	}
	if r.lost {
		r.start = r.in.off
		if err := r.slide(); err != nil {
			return r.fail(err)
		}
		r.lost = false
	}
	r.start = r.in.off
	return nil
}

// slide drops bytes until the buffered ones start with a plausible header
// or the stream ends (then the bytes left are dropped too: io.EOF). Where
// the bytes already buffered reach past the frame a candidate claims, the
// candidate must also be followed by a plausible header: a coincidence
// inside a payload seldom is. (No read is made for that check: on a live
// stream the next frame may not come before this one is answered.)
// Without a checksum, an empty frame is not taken: corrupted data is more
// often a run of zero bytes than an empty message.
func (r *frameReader) slide() error {
	for want := 1; ; {
		if err := r.in.need(want); err != nil {
			if err == io.ErrUnexpectedEOF {
				r.in.take(len(r.in.buffered()))
				return io.EOF
			}
			return err
		}
		b := r.in.buffered()
		for len(b) > 0 {
			h, n, ok, more := r.hdr.plausible(b, r.max)
			if ok && n == 0 && !r.hdr.emptyOK {
				ok = false // a run of zero bytes is more likely than an empty frame
			}
			if ok {
				end := h + int(n)
				if end >= len(b) {
					return nil
				}
				if _, _, ok, more := r.hdr.plausible(b[end:], r.max); ok || more {
					return nil
				}
			}
			if more {
				break
			}
			r.in.take(1)
			b = b[1:]
		}
		want = len(b) + 1
	}
}

// fail wraps err with the position of the frame being read and counts it.
// A clean io.EOF at a frame boundary is returned as it is.
func (r *frameReader) fail(err error) error {
	if err == io.EOF && r.in.off == r.start && r.skip == 0 {
		return io.EOF
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	r.idx++
	return &FrameError{Strategy: r.name, Op: "read", Index: r.idx - 1, Offset: r.start, Err: err}
}

// payload takes a frame of n bytes after a header of h bytes, enforcing the
// maximum before the buffer grows. An oversized frame is skipped on the
// next call, or its header not believed (see frameReader).
func (r *frameReader) payload(h int, n uint64) ([]byte, error) {
	if n > uint64(r.max) {
		if n <= maxSkipFactor*uint64(r.max) || h == 0 { // none has no header to disbelieve
			r.in.take(h)
			r.skip = int64(n)
			return nil, r.fail(fmtErr(ErrFrameTooLarge, "header claims %d bytes, limit %d: the frame is discarded", n, r.max))
		}
		r.in.take(1)
		r.lost = true
		return nil, r.fail(fmtErr(ErrFrameTooLarge, "header claims %d bytes, more than %d times the limit %d: not believed; the next read resynchronises", n, maxSkipFactor, r.max))
	}
	if err := r.in.needFrame(h + int(n)); err != nil {
		return nil, r.fail(err)
	}
	r.in.take(h)
	r.idx++
	return r.in.take(int(n)), nil
}

// FrameStart is the stream offset at which the last frame began.
func (r *frameReader) FrameStart() int64 { return r.start }

// Consumed is the number of bytes read from the stream and used: frames
// returned, and headers, frames and bytes discarded (a frame to be skipped
// counts as it is read past, on the next call).
func (r *frameReader) Consumed() int64 { return r.in.off }
