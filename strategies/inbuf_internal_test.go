package strategies

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// chunkReader returns at most chunk bytes per Read, as a full 64 KiB pipe does.
type chunkReader struct {
	r     *bytes.Reader
	chunk int
}

func (c *chunkReader) Read(b []byte) (int, error) { return c.r.Read(b[:min(len(b), c.chunk)]) }

// TestReadAheadReusesFront checks that large frames keep landing at the
// start of the read-ahead buffer: the small tail a 64 KiB read leaves past
// a 1 MiB frame is moved to the front, so the reader does not walk through
// megabytes of buffer the cache no longer holds.
func TestReadAheadReusesFront(t *testing.T) {
	const n, frames = 1 << 20, 12
	var stream bytes.Buffer
	for i := range frames {
		stream.Write(binary.BigEndian.AppendUint32(nil, n))
		stream.Write(bytes.Repeat([]byte{byte(i)}, n))
	}
	fr := LenPrefix.(*framed).f.NewFrameReader(&chunkReader{bytes.NewReader(stream.Bytes()), 64 << 10}, Options{})
	r := fr.(*lenPrefixReader)
	for i := range frames {
		p, err := r.ReadFrame()
		if err != nil || len(p) != n || p[0] != byte(i) || p[n-1] != byte(i) {
			t.Fatalf("frame %d: %d bytes, %v", i, len(p), err)
		}
		if start := r.in.lo - n - 4; start != 0 {
			t.Errorf("frame %d starts at byte %d of the buffer, want 0", i, start)
		}
	}
}

// TestExactFrames: a frame of exactFrame bytes or more is read up to its
// end and no further, into a buffer with no spare room, so the next frame
// starts at the front; a reader that does not know the frame's size (a
// long newline-delimited line) still reads ahead, not byte by byte.
func TestExactFrames(t *testing.T) {
	const n, frames = exactFrame + 100, 5
	var stream bytes.Buffer
	for i := range frames {
		stream.Write(binary.BigEndian.AppendUint32(nil, n))
		stream.Write(bytes.Repeat([]byte{byte(i)}, n))
	}
	cr := &chunkReader{bytes.NewReader(stream.Bytes()), 1 << 20}
	r := LenPrefix.(*framed).f.NewFrameReader(cr, Options{}).(*lenPrefixReader)
	for i := range frames {
		p, err := r.ReadFrame()
		if err != nil || len(p) != n || p[0] != byte(i) {
			t.Fatalf("frame %d: %d bytes, %v", i, len(p), err)
		}
		if r.in.hi != r.in.lo {
			t.Errorf("frame %d: %d bytes read past its end", i, r.in.hi-r.in.lo)
		}
		if max := n + 4 + defaultBuf; len(r.in.buf) > max {
			t.Errorf("frame %d: buffer of %d bytes, want at most %d (no spare room)", i, len(r.in.buf), max)
		}
	}

	line := append(bytes.Repeat([]byte{'x'}, 1<<20), '\n')
	lr := &chunkReader{bytes.NewReader(line), 64 << 10}
	nr := Newline.(*framed).f.NewFrameReader(lr, Options{}).(*newlineReader)
	if p, err := nr.ReadFrame(); err != nil || len(p) != 1<<20 {
		t.Fatalf("newline: %d bytes, %v", len(p), err)
	}
	if reads := nr.in.reads; reads > 40 {
		t.Errorf("newline: %d reads for a 1 MiB line in 64 KiB chunks, want about 17", reads)
	}
}

// TestWholeFramesInBuffer: a frame under exactFrame grows the buffer as
// soon as its header is read, even if the first read brought it whole, to
// a whole number of frames; so a stream of equal frames that arrives
// faster than it is read (a full 1 MiB pipe) is read several frames per
// call, each read ends at a frame's end and no frame is moved to the
// front. Before, a first 64 KiB frame that came whole kept the buffer at
// one frame and one read per frame (40 reads here), and a buffer grown to
// room for four frames and 65532 bytes of a fifth moved 64 KiB every four
// frames. The same holds for varint's 3-byte header. Options.Reserve
// hears of each growth, and of nothing else.
func TestWholeFramesInBuffer(t *testing.T) {
	const payload, frames = 64 << 10, 40
	for _, tc := range []struct {
		s    Strategy
		head []byte
	}{
		{LenPrefix, binary.BigEndian.AppendUint32(nil, payload)},
		{Varint, binary.AppendUvarint(nil, payload)},
	} {
		var stream bytes.Buffer
		for i := range frames {
			stream.Write(tc.head)
			stream.Write(bytes.Repeat([]byte{byte(i)}, payload))
		}
		var reserved []int
		o := Options{Reserve: func(n int) error { reserved = append(reserved, n); return nil }}
		fr := tc.s.(*framed).f.NewFrameReader(&chunkReader{bytes.NewReader(stream.Bytes()), 1 << 20}, o)
		in := inbufOf(t, fr)
		for i := range frames {
			p, err := fr.ReadFrame()
			if err != nil || len(p) != payload || p[0] != byte(i) || p[payload-1] != byte(i) {
				t.Fatalf("%s: frame %d: %d bytes, %v", tc.s.Name(), i, len(p), err)
			}
		}
		n := len(tc.head) + payload
		if len(in.buf)%n != 0 || len(in.buf) < 2*n {
			t.Errorf("%s: buffer of %d bytes (%.2f frames of %d), want a whole number of frames, more than one", tc.s.Name(), len(in.buf), float64(len(in.buf))/float64(n), n)
		}
		if in.moved > smallTail || in.reads > frames/3 {
			t.Errorf("%s: %d bytes moved to the buffer's front, %d reads for %d frames; want at most %d moved (the first frame's tail) and several frames per read",
				tc.s.Name(), in.moved, in.reads, frames, smallTail)
		}
		if len(reserved) == 0 || reserved[len(reserved)-1] != len(in.buf) || !slices.IsSorted(reserved) {
			t.Errorf("%s: reserved %v, want each growth up to the buffer's %d bytes", tc.s.Name(), reserved, len(in.buf))
		}
	}
}

// inbufOf returns the read-ahead buffer of a lenprefix or varint reader.
func inbufOf(t *testing.T, fr FrameReader) *inbuf {
	switch r := fr.(type) {
	case *lenPrefixReader:
		return &r.in
	case *varintReader:
		return &r.in
	}
	t.Fatalf("no inbuf in %T", fr)
	return nil
}
