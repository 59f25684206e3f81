package strategies

import (
	"io"
)

// defaultBuf is the initial read-ahead buffer of the framed readers: one read
// call can bring in many small frames at once.
const defaultBuf = 64 << 10

// maxSpare bounds the room for further frames that a growing read-ahead
// buffer adds beyond one frame and the read-ahead size: three frames' worth,
// so that the unread tail is moved to the front once every few frames, not
// after each, and one read can take most of what a 1 MiB pipe holds.
const maxSpare = 4 << 20

// exactFrame is the frame size from which reads stop at the frame's end:
// each large frame then starts at the front of the buffer, so that the
// buffer is one frame long and stays in cache instead of walking through
// spare room, and every frame starts at the same alignment, which the
// kernel's copy into the buffer is sensitive to on some CPUs (see
// WritePath). A frame of this size needs many reads anyway, so stopping
// at its end costs at most one read more per frame. On a 1 MiB pipe,
// 1 MiB lenprefix frames went from 0.92 to 0.96 of none's MB/s when this
// was added (paired rounds with go test); the committed runs since have
// that cell at 0.78–0.87 of none, moving with the machine's speed, and
// its cause open (README, "Open: a 1 MiB frame on a 1 MiB pipe").
const exactFrame = 256 << 10

// smallTail is an unread tail small enough to move to the front of the
// buffer before any read, whatever the frame size (larger frames move
// tails up to a sixteenth of their size).
const smallTail = 4 << 10

// inbuf is the read-ahead buffer under every framed reader of this package.
// Frames are returned as slices of it, so a frame that fits is never copied;
// a larger frame grows the buffer once to the frame's size plus spare room
// (bounded by the caller's MaxFrame check) and is read straight into place.
// Every read is offered at least the read-ahead size, so that one read can
// take all a transport holds.
type inbuf struct {
	r     io.Reader
	buf   []byte
	lo    int   // unread data is buf[lo:hi]
	hi    int   //
	off   int64 // stream offset of buf[lo]
	size  int   // minimum buffer length
	limit int   // the most a frame and its header can need; 0: no limit
	err   error // sticky read error, returned once the data before it is used
	// reserve, if set, is told the size the buffer is about to grow to
	// before it does; an error fails the read (Options.Reserve).
	reserve func(n int) error
	reads   int64 // Read calls made, for tests
	moved   int64 // unread bytes moved to the front of the buffer, for tests
	frame   int   // the size of the last frame, if it was read exactly
}

func newInbuf(r io.Reader, size int) inbuf {
	if size <= 0 {
		size = defaultBuf
	}
	return inbuf{r: r, size: size}
}

// buffered returns the unread bytes without consuming them.
func (b *inbuf) buffered() []byte { return b.buf[b.lo:b.hi] }

// need makes at least n unread bytes available. It returns io.EOF if the
// stream ended cleanly with nothing unread, io.ErrUnexpectedEOF if it ended
// with fewer than n (but more than 0) bytes, or the reader's error.
func (b *inbuf) need(n int) error { return b.fill(n, false) }

// needFrame is need for a whole frame of n bytes (header included) that
// starts at the first unread byte: from exactFrame on, its reads stop at
// the frame's end.
//
// A smaller frame grows the buffer to its full size (the frame, the
// read-ahead size and room for more frames: grownSize) as soon as its
// size is known, even when it is buffered whole already. Otherwise the
// size would depend on what the first read happened to bring: a reader
// whose first 64 KiB frame came whole in the 64 KiB of its first read
// kept a buffer of one frame and made one read per frame for the rest of
// the stream, where one whose first read came short read several frames
// per call.
func (b *inbuf) needFrame(n int) error {
	exact := readExactly(n)
	b.frame = 0
	if exact {
		b.frame = n
	} else if _, grow := b.grownSize(n, false); grow {
		if err := b.makeRoom(n, false); err != nil {
			return err
		}
	}
	return b.fill(n, exact)
}

// readExactly reports whether needFrame reads a frame of n bytes (header
// included) exactly to its end.
func readExactly(n int) bool { return n >= exactFrame }

// fill makes at least n unread bytes available; exact stops every read at
// the n-th.
func (b *inbuf) fill(n int, exact bool) error {
	for empty := 0; b.hi-b.lo < n; {
		if b.err != nil {
			if b.err == io.EOF && b.hi > b.lo {
				return io.ErrUnexpectedEOF
			}
			return b.err
		}
		// Move a small unread tail to the front before reading on, so
		// that frames keep landing at the start of the buffer, which the
		// cache still holds, instead of walking through all of it. The
		// copy is at most a sixteenth of the frame (or smallTail). On a
		// 64 KiB pipe, 1 MiB lenprefix frames went from 0.90 of none's
		// throughput to 0.96 (the full and speed runs of 2026-11-27, in
		// the history of results/); copying larger tails cost more than
		// it saved (64 KiB frames on a 64 KiB pipe).
		if b.lo > 0 && b.hi-b.lo <= max(n/16, smallTail) {
			b.moveFront()
		}
		// Leave room for a full read: the rest of the frame, and at least
		// the read-ahead size, so that one read can take all the transport
		// holds (a pipe's 64 KiB) instead of what is left at the end of
		// the buffer.
		if room := len(b.buf) - b.hi; room < n-(b.hi-b.lo) || room < b.size {
			if err := b.makeRoom(n, exact); err != nil {
				return err
			}
		}
		end := len(b.buf)
		switch {
		case exact:
			end = b.lo + n
		case b.frame > 0:
			// After a large frame, a read for the next one's header
			// takes at most as much as that frame: the next is likely
			// as large, and should start at the front too.
			end = min(end, b.lo+max(n, b.frame))
		}
		k, err := b.r.Read(b.buf[b.hi:end])
		b.reads++
		b.hi += k
		if err != nil {
			b.err = err
		} else if k > 0 {
			empty = 0
		} else if empty++; empty > 100 {
			b.err = io.ErrNoProgress
		}
	}
	return nil
}

// makeRoom moves the unread bytes to the front of a buffer that can hold n
// bytes plus the read-ahead size, growing it if it is smaller (with spare
// room for further frames of n bytes, see maxSpare). It fails only if
// reserve refuses the growth.
func (b *inbuf) makeRoom(n int, exact bool) error {
	size, grow := b.grownSize(n, exact)
	if !grow {
		b.moveFront()
		return nil
	}
	if b.reserve != nil {
		if err := b.reserve(size); err != nil {
			return err
		}
	}
	nb := make([]byte, size)
	b.hi = copy(nb, b.buf[b.lo:b.hi])
	b.buf, b.lo = nb, 0
	return nil
}

// moveFront moves the unread bytes to the front of the buffer.
func (b *inbuf) moveFront() {
	b.moved += int64(b.hi - b.lo)
	b.hi = copy(b.buf, b.buf[b.lo:b.hi])
	b.lo = 0
}

// grownSize returns the length the buffer grows to when it must hold n
// unread bytes and the read-ahead size, and whether it must grow at all.
//
// It grows at least twice over, so that a reader asking for one byte more
// at a time (newline) copies in linear, not quadratic, time; but never
// past limit, the largest frame plus its header. A frame read exactly
// (exactFrame) needs no room for more. Room for more frames is a whole
// number of frames of n bytes (beyond smallTail): a stream of frames that
// size then fills the buffer to a frame's end, where a length that is not
// a multiple would cut the last frame at the buffer's end, and that
// frame's start would have to move to the front every few reads. (64 KiB
// lenprefix frames, 65540 bytes with the header, in a buffer of 327696:
// 64 KiB moved every four frames.)
func (b *inbuf) grownSize(n int, exact bool) (int, bool) {
	want := n + b.size
	if b.limit > 0 {
		want = max(min(want, b.limit+b.size), n)
	}
	if len(b.buf) >= want {
		return len(b.buf), false
	}
	spare := min(3*n, maxSpare)
	if exact {
		spare = 0
	}
	size := max(want+spare, 2*len(b.buf))
	if !exact && n > smallTail {
		size = (size + n - 1) / n * n
	}
	if b.limit > 0 {
		size = max(min(size, b.limit+b.size), n)
	}
	return size, true
}

// take consumes n bytes, which need(n) made available, and returns them.
func (b *inbuf) take(n int) []byte {
	p := b.buf[b.lo : b.lo+n : b.lo+n]
	b.lo += n
	b.off += int64(n)
	return p
}

// discard consumes n bytes from the stream without buffering them all, so a
// frame over the limit can be skipped in bounded memory.
func (b *inbuf) discard(n int64) error {
	for n > 0 {
		if b.hi == b.lo {
			if err := b.need(1); err != nil {
				if err == io.EOF {
					return io.ErrUnexpectedEOF
				}
				return err
			}
		}
		k := int(min(n, int64(b.hi-b.lo)))
		b.take(k)
		n -= int64(k)
	}
	return nil
}
