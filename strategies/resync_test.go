package strategies_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"

	"framebench/strategies"
)

// resyncStream writes frames "frame 0" … "frame 29" with s and returns
// the stream and where each frame begins.
func resyncStream(t *testing.T, s strategies.Strategy) ([]byte, []int) {
	t.Helper()
	var buf bytes.Buffer
	w := strategies.Frames(s).NewFrameWriter(&buf, strategies.Options{})
	var starts []int
	for i := range 30 {
		starts = append(starts, buf.Len())
		if err := w.WriteFrame(fmt.Appendf(nil, "frame %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes(), starts
}

// readFrames reads every frame it can, skipping errors, and returns them
// with the errors and the bytes the reader consumed.
func readFrames(fr strategies.FrameReader) (frames []string, errs []error) {
	for range 200 {
		p, err := fr.ReadFrame()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err)
			if errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			continue
		}
		frames = append(frames, string(p))
	}
	return frames, errs
}

// TestResync is issue 13's case 5 in the frame readers: a header whose
// claim is past four times the limit is not believed, and the reader
// resynchronises at the next plausible header instead of discarding the
// claim (the rest of the stream); one whose claim is within four times the
// limit is discarded whole; either way the reader says so, and Consumed
// counts what it discarded.
func TestResync(t *testing.T) {
	for _, s := range []strategies.Strategy{strategies.LenPrefix, strategies.LenPrefixCRC} {
		stream, starts := resyncStream(t, s)
		corrupt := bytes.Clone(stream)
		corrupt[starts[10]] = 0x40 // frame 10 claims 1 GiB more: not believed
		o := strategies.Options{MaxFrame: 100}
		fr := strategies.Frames(s).NewFrameReader(bytes.NewReader(corrupt), o)
		frames, errs := readFrames(fr)
		if len(frames) != 29 || frames[10] != "frame 11" || len(errs) != 1 || !errors.Is(errs[0], strategies.ErrFrameTooLarge) && !errors.Is(errs[0], strategies.ErrChecksum) {
			t.Errorf("%s: a header claiming 1 GiB: read %d frames %q, errors %v; want the 29 others and one error", s.Name(), len(frames), frames, errs)
		}
		consumed := fr.(interface{ Consumed() int64 }).Consumed()
		if consumed != int64(len(stream)) {
			t.Errorf("%s: consumed %d bytes of %d", s.Name(), consumed, len(stream))
		}
	}
	// A claim within four times the limit: a real frame of a writer with
	// a larger limit, discarded whole.
	var buf bytes.Buffer
	w := strategies.Frames(strategies.Varint).NewFrameWriter(&buf, strategies.Options{})
	w.WriteFrame([]byte("first"))
	w.WriteFrame(bytes.Repeat([]byte("b"), 350))
	w.WriteFrame([]byte("last"))
	fr := strategies.Frames(strategies.Varint).NewFrameReader(bytes.NewReader(buf.Bytes()), strategies.Options{MaxFrame: 100})
	frames, errs := readFrames(fr)
	if fmt.Sprint(frames) != "[first last]" || len(errs) != 1 || !bytes.Contains([]byte(errs[0].Error()), []byte("discarded")) {
		t.Errorf("a frame of 3.5 times the limit: %q, %v; want it discarded whole, and said so", frames, errs)
	}
}
