package strategies

import (
	"bytes"
	"encoding/binary"
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
