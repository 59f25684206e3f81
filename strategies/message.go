package strategies

import (
	"bytes"
	"fmt"
	"strconv"
)

// Message is what the suite moves. A blob message carries Blob only (one
// string of N bytes, as in the seed); a struct message carries Items only.
// Codecs may leave Blob aliasing their input: see Codec.Unmarshal.
type Message struct {
	Blob  []byte `json:",omitempty" msgpack:",omitempty" cbor:",omitempty"`
	Items []Item `json:",omitempty" msgpack:",omitempty" cbor:",omitempty"`
}

// Item is one record of a struct payload: mixed scalar fields, a list and
// nested records, so that codecs do real work.
type Item struct {
	ID     int64
	Name   string
	Score  float64
	Active bool
	Tags   []string
	Data   []byte
	Parts  []Part
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
// payload data (exactly size for Blob). Its content depends on seq, so that a
// lost, repeated or reordered message is seen; SetSeq changes it in place.
func NewMessage(p Payload, size int, seq uint64) *Message {
	m := &Message{}
	switch p {
	case Blob:
		m.Blob = make([]byte, size)
		for i := range min(26, size) {
			m.Blob[i] = 'a' + byte(i)
		}
		for n := 26; n < size; n *= 2 { // the alphabet, repeated by doubling copies
			copy(m.Blob[n:], m.Blob[:n])
		}
	case Struct:
		n := min(max(1, size/itemTarget), maxItems)
		data := max(0, size/n-64)
		m.Items = make([]Item, n)
		for i := range m.Items {
			it := &m.Items[i]
			it.ID = int64(i)
			it.Name = "item-" + strconv.Itoa(i)
			it.Score = float64(i) * 1.5
			it.Active = i%2 == 0
			it.Tags = []string{"alpha", "beta"}
			it.Data = bytes.Repeat([]byte{byte('A' + i%26)}, data)
			it.Parts = []Part{{Key: "x", Value: int64(i)}, {Key: "y", Value: -int64(i)}}
		}
	default:
		panic(fmt.Sprintf("strategies: unknown payload %q", p))
	}
	m.SetSeq(seq)
	return m
}

// SetSeq stamps a sequence number into m without allocating: the first
// (up to) 16 bytes of a blob as decimal digits, or the first item's ID.
func (m *Message) SetSeq(seq uint64) {
	if len(m.Items) > 0 {
		m.Items[0].ID = int64(seq)
		return
	}
	var d [20]byte
	s := strconv.AppendUint(d[:0], seq, 10)
	n := min(16, len(m.Blob))
	for i := 0; i < n; i++ {
		m.Blob[i] = '0'
	}
	if len(s) > n {
		s = s[len(s)-n:]
	}
	copy(m.Blob[n-len(s):n], s)
}

// SeqMatches reports cheaply whether m carries the stamp SetSeq(seq) leaves
// on a message of the same size: the check a benchmark makes inside its timed
// loop (the full comparison, Equal, runs outside it).
func (m *Message) SeqMatches(want *Message) bool {
	if len(want.Items) > 0 {
		return len(m.Items) == len(want.Items) && m.Items[0].ID == want.Items[0].ID
	}
	n := min(16, len(want.Blob))
	return len(m.Blob) == len(want.Blob) && bytes.Equal(m.Blob[:n], want.Blob[:n]) &&
		(n == 0 || m.Blob[len(m.Blob)-1] == want.Blob[len(want.Blob)-1])
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
