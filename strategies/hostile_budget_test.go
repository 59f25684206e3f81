package strategies_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"framebench/strategies"
)

// Issue 13's cases 3 and 4, in process: encodings that decode into far
// more than their size, and numbers that take more than linear time to
// convert. Each must be refused by the scan, before a library decodes it,
// with one line that names the codec and the byte, and having allocated
// little (the scan allocates nothing; the input is the caller's).
// peer's TestMemoryChild measures the same cases' peak RSS in a child
// process.

// be32 and be64 are big-endian lengths.
func be32(n int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(n)) }

// hostileBudget are encodings that expand: value is set for the generic
// value decoders, message for decoding into a Message.
var hostileBudget = []struct {
	name    string
	c       strategies.Codec
	in      []byte
	message bool
}{
	{"msgpack: 8 MiB array of nils", strategies.Msgpack, append([]byte{0xdd, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xc0}, 8<<20)...), false},
	{"cbor: 8 MiB array of empty maps", strategies.CBOR, append([]byte{0x9a, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xa0}, 8<<20)...), false},
	{"json: 12 MiB array of empty lists", strategies.JSON, []byte("[" + strings.Repeat("[],", 4<<20) + "[]]"), false},
	{"pickle: 8 MiB of empty dicts", strategies.Pickle, append(append([]byte("\x80\x04("), bytes.Repeat([]byte("}"), 8<<20)...), "l."...), false},
	{"json messages: 12 MiB of empty items", strategies.JSON, []byte(`{"Items":[` + strings.Repeat("{},", 4<<20) + "{}]}"), true},
	{"sonic messages: 12 MiB of empty items", strategies.Sonic, []byte(`{"Items":[` + strings.Repeat("{},", 4<<20) + "{}]}"), true},
	{"cbor messages: 8 MiB of empty items", strategies.CBOR, append(append([]byte("\xa1\x65Items\x9a"), be32(8<<20)...), bytes.Repeat([]byte{0xa0}, 8<<20)...), true},
	{"msgpack messages: 8 MiB of nil items", strategies.Msgpack, append(append([]byte("\x81\xa5Items\xdd"), be32(8<<20)...), bytes.Repeat([]byte{0xc0}, 8<<20)...), true},
	{"msgp messages: 8 MiB of empty items", strategies.Msgp, append(append([]byte("\x81\xa5Items\xdd"), be32(8<<20)...), bytes.Repeat([]byte{0x80}, 8<<20)...), true},
	{"gob messages: 2^30 items claimed", strategies.Gob, gobClaim(), true},
	{"avro messages: 8 MiB of empty items", strategies.Avro, avroItems(600000), true},
	{"protobuf messages: 4M empty items", strategies.Protobuf, bytes.Repeat([]byte{0x12, 0}, 4<<20), true},
	{"vtproto messages: 4M empty items", strategies.VTProto, bytes.Repeat([]byte{0x12, 0}, 4<<20), true},
}

// avroItems is an avro Message of n empty items in one block.
func avroItems(n int) []byte {
	b := binary.AppendUvarint([]byte{0}, uint64(2*n)) // no Blob; a block of n
	for range n {
		b = append(b, avroItem()...)
	}
	return append(b, 0)
}

// gobClaim is a gob stream (its type definitions, then a value) whose
// Message's Items claim 2^30 elements, and stop: encoding/gob allocates up
// to 10 MiB for such a claim before it finds no data.
func gobClaim() []byte {
	var buf bytes.Buffer
	strategies.Gob.NewEncoder(&buf).Encode(&strategies.Message{Items: make([]strategies.Item, 1)})
	b := buf.Bytes()
	// The value message is the last 7 bytes: length 6, the type id (2
	// bytes), delta 2 (Items), count 1, an empty Item, the end of Message.
	head, tid := b[:len(b)-7], b[len(b)-6:len(b)-4]
	body := append(append(bytes.Clone(tid), 0x02), 0xfc, 0x40, 0, 0, 0)
	return append(append(bytes.Clone(head), byte(len(body))), body...)
}

// TestHostileBudget: every expanding encoding is refused by the check
// (CheckEncoding or CheckValueEncoding), by the checked decoders, and by a
// Splitter reading it as a stream, with a one-line error wrapping
// ErrValueLimit (or a truncation, for a claim without its data) that names
// the codec and a byte; the checked decode allocates less than 1 MiB
// beyond what a Splitter buffers.
func TestHostileBudget(t *testing.T) {
	for _, tc := range hostileBudget {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			var m strategies.Message
			used := totalAlloc(func() {
				if tc.message {
					err = strategies.UnmarshalChecked(tc.c, tc.in, &m, nil)
				} else {
					_, err = tc.c.(strategies.ValueCodec).UnmarshalValue(tc.in)
				}
			})
			checkRefused(t, tc.c, err)
			if used > 1<<20 {
				t.Errorf("the checked decode allocated %d bytes for %d bytes of input", used, len(tc.in))
			}
			if tc.c.NewDecoder(bytes.NewReader(nil)) == nil {
				return // not self-delimiting: no stream
			}
			used = totalAlloc(func() {
				r := iotest.HalfReader(bytes.NewReader(tc.in))
				var sp *strategies.Splitter
				if tc.message {
					sp = strategies.NewSplitter(tc.c, r, strategies.Options{})
				} else {
					sp = strategies.NewValueSplitter(tc.c.(strategies.ValueCodec), r, strategies.Options{})
				}
				_, err = sp.Next()
			})
			checkRefused(t, tc.c, err)
			if used > uint64(len(tc.in))*3+1<<20 {
				t.Errorf("a Splitter allocated %d bytes for %d bytes of input", used, len(tc.in))
			}
		})
	}
}

func checkRefused(t *testing.T, c strategies.Codec, err error) {
	t.Helper()
	switch {
	case err == nil:
		t.Fatalf("decoded, want ErrValueLimit")
	case !errors.Is(err, strategies.ErrValueLimit) && !errors.Is(err, io.ErrUnexpectedEOF):
		t.Errorf("error %v, want ErrValueLimit", err)
	case strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), c.Name()) || !strings.Contains(err.Error(), "at byte"):
		t.Errorf("error %q: want one line naming %s and the byte", err, c.Name())
	}
}

// hostileNumbers are issue 13's case 4: integers whose conversion takes
// time quadratic in their length (1M digits: seconds). They must be
// refused past MaxIntDigits (MaxBigIntBits), whatever their length.
var hostileNumbers = []struct {
	name string
	c    strategies.Codec
	in   []byte
}{
	{"json: 1M-digit integer", strategies.JSON, []byte(strings.Repeat("7", 1<<20))},
	{"json: 4301-digit integer in a list", strategies.JSON, []byte("[-" + strings.Repeat("9", 4301) + "]")},
	{"cbor: 8 MiB bignum", strategies.CBOR, append(append([]byte{0xc2, 0x5a}, be32(8<<20)...), bytes.Repeat([]byte{0xff}, 8<<20)...)},
	{"pickle: LONG of 1M digits", strategies.Pickle, []byte("\x80\x02L" + strings.Repeat("3", 1<<20) + "L\n.")},
	{"pickle: INT of 1M digits", strategies.Pickle, []byte("I" + strings.Repeat("3", 1<<20) + "\n.")},
	{"pickle: LONG4 of 1 MiB", strategies.Pickle, append(append([]byte("\x80\x02\x8b"), binary.LittleEndian.AppendUint32(nil, 1<<20)...), append(bytes.Repeat([]byte{0x7f}, 1<<20), '.')...)},
}

// TestHostileNumbers: each is refused with ErrValueRange by the check and
// by the decoders; a number just under the limits is decoded.
func TestHostileNumbers(t *testing.T) {
	for _, tc := range hostileNumbers {
		_, err := tc.c.(strategies.ValueCodec).UnmarshalValue(tc.in)
		if !errors.Is(err, strategies.ErrValueRange) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: UnmarshalValue = %v, want ErrValueRange on one line", tc.name, err)
		}
	}
	if _, err := strategies.ParseJSONNumber(strings.Repeat("1", 1<<20)); !errors.Is(err, strategies.ErrValueRange) {
		t.Errorf("ParseJSONNumber(1M digits) = %v, want ErrValueRange", err)
	}
	max := strings.Repeat("9", strategies.MaxIntDigits)
	for _, c := range []strategies.Codec{strategies.JSON, strategies.CBOR, strategies.Pickle} {
		v, err := strategies.ParseJSONNumber(max)
		if err != nil {
			t.Fatal(err)
		}
		b, err := c.(strategies.ValueCodec).AppendValue(nil, v)
		if err != nil {
			t.Fatalf("%s: AppendValue(%d digits) = %v", c.Name(), len(max), err)
		}
		if _, err := c.(strategies.ValueCodec).UnmarshalValue(b); err != nil {
			t.Errorf("%s: an integer of %d digits: %v, want it decoded", c.Name(), len(max), err)
		}
	}
}

// BenchmarkCheckLongInteger shows the refusal of a long integer is linear
// in its length: ns/op grows 4× from 1M to 4M digits, not 16×.
func BenchmarkCheckLongInteger(b *testing.B) {
	for _, n := range []int{1 << 20, 4 << 20} {
		in := []byte(strings.Repeat("7", n))
		b.Run("digits="+strategies.SizeName(n), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				strategies.CheckValueEncoding(strategies.JSON.(strategies.ValueCodec), in)
			}
		})
	}
}
