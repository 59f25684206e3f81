package strategies_test

import (
	"bytes"
	"fmt"
	"testing"

	"framebench/strategies"
)

// pipeReader serves a stream the way a full 64 KiB pipe does: each Read
// returns at most chunk bytes, however large the buffer it is given.
type pipeReader struct {
	r     *bytes.Reader
	chunk int
	reads int
}

func (p *pipeReader) Read(b []byte) (int, error) {
	p.reads++
	return p.r.Read(b[:min(len(b), p.chunk)])
}

// TestReadAheadTakesWholeChunks checks that the framed readers of this
// package let every read take all that a 64 KiB pipe offers. A frame one
// header longer than the pipe must not cost two reads per message: the
// read-ahead buffer keeps room for a full chunk after the frame's rest.
// Before that rule, a 64 KiB lenprefix frame took 2 reads on a pipe.
func TestReadAheadTakesWholeChunks(t *testing.T) {
	const chunk = 64 << 10
	for _, s := range framedStrategies() {
		if f := s.Facts(); f.Library != "" || f.WholeReads || strategies.Applies(s, strategies.Raw, strategies.Blob) != nil {
			continue // peers have their own buffering; oneread reads once by design
		}
		for _, c := range []struct{ size, n int }{{16, 20000}, {256, 4000}, {64 << 10, 64}, {1 << 20, 8}} {
			t.Run(fmt.Sprintf("%s/%s", s.Name(), strategies.SizeName(c.size)), func(t *testing.T) {
				stream, msgs := goodStream(t, s, strategies.Raw, c.n, c.size, strategies.Options{})
				pr := &pipeReader{r: bytes.NewReader(stream), chunk: chunk}
				rd := s.NewReader(pr, strategies.Raw, strategies.Options{})
				for i, want := range msgs {
					var m strategies.Message
					if err := rd.ReadMessage(&m); err != nil {
						t.Fatalf("ReadMessage(#%d) = %v", i, err)
					}
					if !strategies.Equal(&m, want) {
						t.Fatalf("message %d differs", i)
					}
				}
				// Every chunk but the last of each growth step is full:
				// allow one read per frame of slack for the buffer growing
				// once, and 2 % for the frames that straddle it.
				// Frames of 256 KiB and more are read exactly (no read
				// crosses into the next frame): one read more per frame.
				least := (len(stream) + chunk - 1) / chunk
				most := least + least/50 + 2
				if c.size >= 256<<10 {
					most += c.n
				}
				if pr.reads > most {
					t.Errorf("%d reads for %d frames of %d bytes (%d bytes): want at most %d",
						pr.reads, c.n, c.size, len(stream), most)
				}
			})
		}
	}
}
