package strategies

import (
	"fmt"
	"io"
)

// The encoding scanners walk one message of a codec's encoding without
// decoding it: they check its syntax as far as they need to find its end,
// its nesting (scanDepth), its numbers (MaxIntDigits, MaxBigIntBits) and
// its length claims (each must be backed by data), and they estimate what
// decoding it will allocate, refusing it as soon as the estimate passes
// the budget (DecodeRatio·F + DecodeSlack for a message of F bytes). Only
// then does a library decode it: a hostile message costs its own bytes and
// the scan, nothing more.
//
// The estimate is in bytes of Go memory, by the shape of what is decoded,
// whatever the target (a generic value or a Message), and it bounds all
// that decoding allocates, garbage included (the libraries' read buffers,
// slices that double as they grow): so the heap cannot pass it whatever
// the garbage collector does. The costs below are for the leanest
// library, cbor; the others allocate more for the same shapes and scale
// them (codecScale). TestScanCostCovers holds the libraries to it.
const (
	costScalar = 24  // a number, a bool, a nil: an interface slot's value
	costString = 24  // a string or byte string, plus its bytes
	costArray  = 32  // a list, plus costSlot per element
	costSlot   = 32  // a list element: its slot, twice over as the list grows
	costMap    = 128 // a map or a struct (an Item is 112 bytes), plus costEntry per entry
	costEntry  = 64  // a map entry: key and value slots, the table's growth
	costBigInt = 96  // a big.Int past 64 bits, plus costDigit per decimal digit
	costDigit  = 4   // (and twice that per byte of a binary one)
	scanDepth  = maxValueDepth + 2
)

// scanner is one message's input and the state of its scan. With r nil,
// buf holds the whole input; otherwise the scanner reads r as it needs to,
// keeping the message's bytes in buf (see Splitter).
type scanner struct {
	r     io.Reader
	buf   []byte
	pos   int   // next byte to scan
	start int   // where the message began in buf
	base  int64 // stream offset of buf[0]
	max   int   // longest message, with r
	chunk int   // least bytes read at once, with r
	rerr  error // sticky read error
	grow  func(n int) error
	fixed int64 // the budget of a whole input, or 0: DecodeRatio·(bytes so far)+DecodeSlack
	cost  int64
	scale int64 // the codec's costs, in quarters of the ones above
	bytes int64 // what each byte of a string costs the codec
	typed bool  // decoding into a Message: fields and scalars cost nothing
	depth int
	codec string
}

// errorf returns sentinel wrapped with the codec's name, detail and the
// offset of the byte being scanned: in the stream, or in the message.
func (s *scanner) errorf(sentinel error, format string, args ...any) error {
	where := " of the message"
	if s.r != nil {
		where = ""
	}
	return fmt.Errorf("%s: %w: %s at byte %d%s", s.codec, sentinel, fmt.Sprintf(format, args...), s.base+int64(s.pos), where)
}

// charge adds the costs of the kinds of things the scanners meet. In a
// typed decode (into a Message) struct fields and scalars are part of
// their struct, and map keys are matched, not kept.
func (s *scanner) scalar() error {
	if s.typed {
		return nil
	}
	return s.spend(costScalar)
}

func (s *scanner) str(n int) error {
	s.cost += int64(n) * s.bytes
	return s.spend(costString)
}

func (s *scanner) slot() error { return s.spend(costSlot) }

// bigInt charges an integer of n decimal digits, if it needs a big.Int.
func (s *scanner) bigInt(digits int) error {
	if digits <= 18 {
		return nil
	}
	return s.spend(costBigInt + costDigit*int64(digits))
}

func (s *scanner) entry() error {
	if s.typed {
		return nil
	}
	return s.spend(costEntry)
}

func (s *scanner) key(n int) error {
	if s.typed {
		return nil
	}
	return s.str(n)
}

// leanCosts are the scan costs of a library as lean as cbor's: the costs
// above, one unit a byte of a string (see scannedCodec.scanCosts).
func leanCosts(bool) (scale, bytes int64) { return 4, 1 }

// spend adds n bytes (scaled) to the estimate and checks it against the budget.
func (s *scanner) spend(n int64) error {
	s.cost += n * max(s.scale, 4) / 4
	budget := s.fixed
	if budget == 0 {
		budget = decodeBudget(int64(s.pos - s.start))
	}
	if s.cost > budget {
		return s.errorf(ErrValueLimit, "decoding would take more than %d bytes (%d × the message's bytes so far + %d)", budget, DecodeRatio, DecodeSlack)
	}
	return nil
}

// enter and leave bound the nesting of containers.
func (s *scanner) enter() error {
	if s.depth++; s.depth > scanDepth {
		return s.errorf(ErrValueLimit, "nested deeper than %d", scanDepth)
	}
	return nil
}

func (s *scanner) leave() { s.depth-- }

// need makes n more bytes available at pos: io.ErrUnexpectedEOF if the
// input ends first, ErrFrameTooLarge if the message would pass max.
func (s *scanner) need(n int) error {
	if n <= len(s.buf)-s.pos {
		return nil
	}
	if s.r == nil {
		return s.errorf(io.ErrUnexpectedEOF, "%d bytes wanted, %d left", n, len(s.buf)-s.pos)
	}
	if n > s.max-(s.pos-s.start) {
		return s.errorf(ErrFrameTooLarge, "message longer than the limit of %d bytes", s.max)
	}
	return s.fill(s.pos + n)
}

// fill reads until buf holds end bytes, moving the message to the front
// and growing the buffer (by half, never past what the limit needs) first.
func (s *scanner) fill(end int) error {
	if s.start > 0 && end+s.chunk > cap(s.buf) {
		n := copy(s.buf, s.buf[s.start:])
		s.buf = s.buf[:n]
		s.base += int64(s.start)
		s.pos -= s.start
		end -= s.start
		s.start = 0
	}
	if want := end + s.chunk; want > cap(s.buf) {
		size := min(max(want, cap(s.buf)+cap(s.buf)/2), s.max+s.chunk)
		size = max(size, end)
		if s.grow != nil {
			if err := s.grow(size); err != nil {
				return err
			}
		}
		nb := make([]byte, len(s.buf), size)
		copy(nb, s.buf)
		s.buf = nb
	}
	for empty := 0; len(s.buf) < end; {
		if s.rerr != nil {
			if s.rerr == io.EOF {
				return s.errorf(io.ErrUnexpectedEOF, "the stream ended inside a message")
			}
			return s.rerr
		}
		k, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+k]
		if err != nil {
			s.rerr = err
		} else if k > 0 {
			empty = 0
		} else if empty++; empty > 100 {
			s.rerr = io.ErrNoProgress
		}
	}
	return nil
}

// more reports whether a byte is available at pos, reading for it; an
// error other than the input's clean end is returned.
func (s *scanner) more() (bool, error) {
	if s.pos < len(s.buf) {
		return true, nil
	}
	if s.r == nil {
		return false, nil
	}
	err := s.need(1)
	if err == nil {
		return true, nil
	}
	if s.rerr == io.EOF && len(s.buf) == s.pos {
		return false, nil
	}
	return false, err
}

func (s *scanner) byte() (byte, error) {
	if err := s.need(1); err != nil {
		return 0, err
	}
	s.pos++
	return s.buf[s.pos-1], nil
}

// take consumes n bytes and returns them; n is a claim from the input and
// may be anything, so it is checked against what is there before any
// allocation.
func (s *scanner) take(n uint64) ([]byte, error) {
	if n > uint64(MaxSize) {
		return nil, s.errorf(io.ErrUnexpectedEOF, "a length of %d bytes", n)
	}
	if err := s.need(int(n)); err != nil {
		return nil, err
	}
	s.pos += int(n)
	return s.buf[s.pos-int(n) : s.pos], nil
}

// uintN reads an n-byte big-endian unsigned integer.
func (s *scanner) uintN(n int) (uint64, error) {
	b, err := s.take(uint64(n))
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, err
}
