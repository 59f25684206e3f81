package strategies

import (
	"encoding/binary"
	"fmt"
)

// A message carries its sequence number all the way through, in stamps.
//
// A blob of n bytes holds a stamp of StampLen bytes every StampStride bytes
// from its start (at 0, StampStride, 2·StampStride, … while another stamp
// still fits before the last one) and one at its very end, [n−StampLen, n);
// a blob shorter than StampLen holds the last n bytes of one stamp. A stamp
// is 16 ASCII bytes: its index in the message as 4 hex digits, then the low
// 48 bits of the sequence number as 12 hex digits, low digit last, so that
// a message's last byte differs from its predecessor's. Between the stamps
// is filler (fill): printable, with no period, the same in every message of
// a size. So two messages differ exactly at their stamps, a shifted stream
// puts filler where a stamp belongs, and any run of at least StampStride
// bytes holds a stamp.
//
// A struct message's items carry in ID the sequence number and the item's
// index (itemID), and each item's Data is stamped as a blob, the stamp index
// running on from one item to the next: swapped items change both.
//
// StampStride is 63 cache lines, not 4 KiB: stamps a power of two apart
// would all fall into the same few cache sets, and writing them cost ten
// times more (BenchmarkStamps).
const (
	StampLen    = 16
	StampStride = 4032
	// stampIndexLen is the width of the stamp index (hex digits); the rest
	// of a stamp is the sequence number.
	stampIndexLen = 4
)

const hexDigits = "0123456789abcdef"

// hexPair holds the two hex digits of every byte value as a little-endian
// uint16, so that a stamp's index is two table loads.
var hexPair = func() (t [256]uint16) {
	for i := range t {
		t[i] = uint16(hexDigits[i>>4]) | uint16(hexDigits[i&15])<<8
	}
	return t
}()

// seqDigits is the sequence part of a stamp.
type seqDigits [StampLen - stampIndexLen]byte

func newSeqDigits(seq uint64) (h seqDigits) {
	for i := len(h) - 1; i >= 0; i-- {
		h[i] = hexDigits[seq&15]
		seq >>= 4
	}
	return h
}

// indexWord is the index part of stamp k, as the little-endian word of its
// 4 bytes (the index is taken modulo 2^16).
func indexWord(k int) uint32 {
	return uint32(hexPair[k>>8&255]) | uint32(hexPair[k&255])<<16
}

// stamp returns the whole stamp k of sequence digits h.
func stamp(k int, h *seqDigits) (s [StampLen]byte) {
	binary.LittleEndian.PutUint32(s[:], indexWord(k))
	copy(s[stampIndexLen:], h[:])
	return s
}

// itemID is the ID of item i of message seq: a 1 at bit 52 (so that every
// ID has the same width in every codec, 16 decimal digits, and is exact as
// a float64), the low 40 bits of seq, then i in the low 12 bits (maxItems).
func itemID(seq uint64, i int) int64 {
	return 1<<52 | int64(seq&(1<<40-1))<<12 | int64(i&(maxItems-1))
}

// markStamps writes the index part of every stamp of b, whose first stamp
// has index k, and returns the index after b's last stamp. NewMessage calls
// it once; SetSeq then writes the sequence parts only.
func markStamps(b []byte, k int) int {
	n := len(b)
	if n < StampLen { // a partial stamp: SetSeq writes all of it
		return k + min(n, 1)
	}
	for off := 0; off+2*StampLen <= n; off += StampStride {
		binary.LittleEndian.PutUint32(b[off:], indexWord(k))
		k++
	}
	binary.LittleEndian.PutUint32(b[n-StampLen:], indexWord(k))
	return k + 1
}

// setStamps writes the sequence digits h into every stamp of b, whose first
// stamp has index k, and returns the index after b's last stamp.
func setStamps(b []byte, k int, h *seqDigits) int {
	n := len(b)
	if n < StampLen {
		if n > 0 {
			s := stamp(k, h)
			copy(b, s[StampLen-n:])
			k++
		}
		return k
	}
	for off := 0; off+2*StampLen <= n; off += StampStride {
		*(*seqDigits)(b[off+stampIndexLen:]) = *h
		k++
	}
	*(*seqDigits)(b[n-len(h):]) = *h
	return k + 1
}

// checkStamps compares every stamp of b, whose first stamp has index k,
// with stamp (k, h) and returns the index after b's last stamp, or an error
// naming the first stamp that differs (in item's Data if item >= 0).
func checkStamps(b []byte, k int, h *seqDigits, item int) (int, error) {
	n := len(b)
	if n < StampLen {
		if n > 0 {
			if s := stamp(k, h); string(b) != string(s[StampLen-n:]) {
				return k, stampError(b, 0, k, h, item)
			}
			k++
		}
		return k, nil
	}
	// A stamp is two words: the index and the first 4 sequence digits,
	// then the last 8 sequence digits, the same in every stamp.
	hi := uint64(binary.LittleEndian.Uint32(h[:4])) << 32
	lo := binary.LittleEndian.Uint64(h[4:])
	for off := 0; off+2*StampLen <= n; off += StampStride {
		if binary.LittleEndian.Uint64(b[off+8:]) != lo || binary.LittleEndian.Uint64(b[off:]) != hi|uint64(indexWord(k)) {
			return k, stampError(b, off, k, h, item)
		}
		k++
	}
	off := n - StampLen
	if binary.LittleEndian.Uint64(b[off+8:]) != lo || binary.LittleEndian.Uint64(b[off:]) != hi|uint64(indexWord(k)) {
		return k, stampError(b, off, k, h, item)
	}
	return k + 1, nil
}

func stampError(b []byte, off, k int, h *seqDigits, item int) error {
	s := stamp(k, h)
	want := s[max(0, StampLen-len(b)):]
	where := "blob"
	if item >= 0 {
		where = fmt.Sprintf("item %d's data", item)
	}
	return fmt.Errorf("strategies: %w: stamp %d at byte %d of the %s (%d bytes) is %q, want %q",
		ErrStamp, k, off, where, len(b), b[off:off+len(want)], want)
}

// CheckStamps reports whether got carries every stamp that SetSeq(seq)
// writes on a message of want's shape (want's payload, blob length, item
// count and data lengths; want's bytes are not read, so want need not be
// stamped with seq). It returns nil, or an error wrapping ErrStamp that
// names the first length or stamp that differs. It is the check a benchmark
// makes on every message inside its timed loop: it reads 16 bytes per
// StampStride bytes of payload, and each item's ID, and does not allocate
// unless it fails. What it cannot see, a few bytes changed between two
// stamps, the full comparison (Equal) sees.
func CheckStamps(got, want *Message, seq uint64) error {
	h := newSeqDigits(seq)
	if len(want.Items) == 0 {
		if len(got.Items) != 0 || len(got.Blob) != len(want.Blob) {
			return fmt.Errorf("strategies: %w: a blob of %d bytes and %d items, want a blob of %d bytes", ErrStamp, len(got.Blob), len(got.Items), len(want.Blob))
		}
		_, err := checkStamps(got.Blob, 0, &h, -1)
		return err
	}
	if len(got.Blob) != 0 || len(got.Items) != len(want.Items) {
		return fmt.Errorf("strategies: %w: %d items and a blob of %d bytes, want %d items", ErrStamp, len(got.Items), len(got.Blob), len(want.Items))
	}
	k := 0
	for i := range want.Items {
		g := &got.Items[i]
		if id := itemID(seq, i); g.ID != id {
			return fmt.Errorf("strategies: %w: item %d has ID %#x, want %#x", ErrStamp, i, g.ID, id)
		}
		if len(g.Data) != len(want.Items[i].Data) {
			return fmt.Errorf("strategies: %w: item %d has %d bytes of data, want %d", ErrStamp, i, len(g.Data), len(want.Items[i].Data))
		}
		var err error
		if k, err = checkStamps(g.Data, k, &h, i); err != nil {
			return err
		}
	}
	return nil
}
