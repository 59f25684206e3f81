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
