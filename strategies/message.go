package strategies

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// Message is what the suite moves. A blob message carries Blob only (one
// string of N bytes, as in the seed); a struct message carries Items only.
// Codecs may leave Blob aliasing their input: see Codec.Unmarshal. (The
// msg tags are msgp's: its generated decoder refuses lists over the limit.)
type Message struct {
	Blob  []byte `json:",omitempty" msgpack:",omitempty" cbor:",omitempty"`
	Items []Item `json:",omitempty" msgpack:",omitempty" cbor:",omitempty" msg:",omitempty,limit=65536"`
}

// Item is one record of a struct payload: mixed scalar fields, a list and
// nested records, so that codecs do real work.
type Item struct {
	ID     int64
	Name   string
	Score  float64
	Active bool
	Tags   []string `msg:",limit=65536"`
	Data   []byte
	Parts  []Part `msg:",limit=65536"`
}

// Part is the nested record inside an Item.
type Part struct {
	Key   string
	Value int64
}

// Payload names a kind of message; the values are the benchmark names.
type Payload string

// The payloads, in report order.
const (
	Blob   Payload = "blob"
	Struct Payload = "struct"
)

// Payloads is the payload registry in report order.
var Payloads = []Payload{Blob, Struct}

// itemTarget is the payload size that one Item aims for, and maxItems caps
// the number of items: past 1 MiB the items grow instead, so that the
// largest struct messages stay affordable for the slow codecs.
const (
	itemTarget = 256
	maxItems   = 4096
)

// NewMessage returns a message of payload p holding about size bytes of
// payload data (exactly size for Blob), stamped with seq (see StampLen): its
// bytes depend on seq all the way through, and no part of it repeats, so
// that a lost, repeated, reordered, shifted or partly stale message is seen.
// SetSeq restamps it in place. It costs about a millisecond per MiB.
func NewMessage(p Payload, size int, seq uint64) *Message {
	m := &Message{}
	switch p {
	case Blob:
		m.Blob = make([]byte, size)
		fill(m.Blob, 0)
		markStamps(m.Blob, 0)
	case Struct:
		n := min(max(1, size/itemTarget), maxItems)
		data := max(0, size/n-64)
		m.Items = make([]Item, n)
		all := make([]byte, n*data) // one allocation for every item's Data
		k := 0
		for i := range m.Items {
			it := &m.Items[i]
			it.Name = "item-" + strconv.Itoa(i)
			it.Score = float64(i) * 1.5
			it.Active = i%2 == 0
			it.Tags = []string{"alpha", "beta"}
			it.Data = all[i*data : (i+1)*data : (i+1)*data]
			fill(it.Data, uint64(i)+1)
			k = markStamps(it.Data, k)
			it.Parts = []Part{{Key: "x", Value: int64(i)}, {Key: "y", Value: -int64(i)}}
		}
	default:
		panic(fmt.Sprintf("strategies: unknown payload %q", p))
	}
	m.SetSeq(seq)
	return m
}

// fill writes filler into b: 8 printable ASCII bytes ('0' to 'o') per step
// of a SplitMix64 sequence seeded by salt (0 for a blob, i+1 for item i's
// Data), so that the filler has no period shorter than 2^64 steps and
// differs between items.
func fill(b []byte, salt uint64) {
	const gamma = 0x9e3779b97f4a7c15
	x := salt * gamma
	next := func() uint64 {
		x += gamma
		z := x
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		z ^= z >> 31
		return z&0x3f3f3f3f3f3f3f3f + 0x3030303030303030
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], next())
	}
	if i < len(b) {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], next())
		copy(b[i:], w[:])
	}
}

// SetSeq stamps sequence number seq into m, a message made by NewMessage,
// without allocating: the sequence digits of every stamp of a blob, or every
// item's ID and the stamps of its Data. It writes 12 bytes per StampStride
// bytes of payload.
func (m *Message) SetSeq(seq uint64) {
	h := newSeqDigits(seq)
	if len(m.Items) == 0 {
		setStamps(m.Blob, 0, &h)
		return
	}
	k := 0
	for i := range m.Items {
		it := &m.Items[i]
		it.ID = itemID(seq, i)
		k = setStamps(it.Data, k, &h)
	}
}

// Equal reports whether a and b carry the same payload. Nil and empty slices
// are equal: codecs differ in which they return.
func Equal(a, b *Message) bool {
	if !bytes.Equal(a.Blob, b.Blob) || len(a.Items) != len(b.Items) {
		return false
	}
	for i := range a.Items {
		if !equalItem(&a.Items[i], &b.Items[i]) {
			return false
		}
	}
	return true
}

func equalItem(a, b *Item) bool {
	if a.ID != b.ID || a.Name != b.Name || a.Score != b.Score || a.Active != b.Active ||
		!bytes.Equal(a.Data, b.Data) || len(a.Tags) != len(b.Tags) || len(a.Parts) != len(b.Parts) {
		return false
	}
	for i := range a.Tags {
		if a.Tags[i] != b.Tags[i] {
			return false
		}
	}
	for i := range a.Parts {
		if a.Parts[i] != b.Parts[i] {
			return false
		}
	}
	return true
}

// Size names, as used in benchmark names and tables.
var Sizes = []int{16, 256, 4 << 10, 64 << 10, 1 << 20, 16 << 20}

// SizeName formats n as the benchmarks do: 16B, 4KiB, 65537B, 16MiB.
func SizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + "MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
}

// ParseSize is the inverse of SizeName.
func ParseSize(s string) (int, error) {
	mult := 1
	num := s
	switch {
	case len(s) > 3 && s[len(s)-3:] == "MiB":
		mult, num = 1<<20, s[:len(s)-3]
	case len(s) > 3 && s[len(s)-3:] == "KiB":
		mult, num = 1<<10, s[:len(s)-3]
	case len(s) > 1 && s[len(s)-1] == 'B':
		num = s[:len(s)-1]
	default:
		return 0, fmt.Errorf("strategies: size %q: want a number with B, KiB or MiB", s)
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("strategies: size %q: want a number with B, KiB or MiB", s)
	}
	return n * mult, nil
}
