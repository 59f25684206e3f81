package strategies_test

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	ogórek "github.com/kisielk/og-rek"

	"framebench/strategies"
)

var codecSeed = flag.Uint64("codec.seed", 1, "seed for the codec tests' random input")

// codecSizes are the payload sizes of the round trips: empty, small, and
// either side of the pipe capacity.
var codecSizes = []int{0, 16, 4096, 65537, 1 << 20}

// codecMessages returns a mix of both payloads, seq 0, 1, …
func codecMessages(c strategies.Codec, sizes ...int) []*strategies.Message {
	var msgs []*strategies.Message
	for _, size := range sizes {
		for _, p := range strategies.Payloads {
			if c.Supports(p) {
				msgs = append(msgs, strategies.NewMessage(p, size, uint64(len(msgs))))
			}
		}
	}
	return msgs
}

// dirty is a message to decode into: decoders must replace all of it.
func dirty() *strategies.Message {
	m := strategies.NewMessage(strategies.Struct, 600, 99)
	m.Blob = []byte("stale")
	return m
}

func TestCodecAppendUnmarshal(t *testing.T) {
	for _, c := range strategies.Codecs {
		for _, p := range strategies.Payloads {
			if !c.Supports(p) {
				continue
			}
			for _, size := range codecSizes {
				m := strategies.NewMessage(p, size, 7)
				prefix := []byte("prefix")
				b, err := c.Append(prefix[:len(prefix):len(prefix)], m)
				if err != nil {
					t.Errorf("%s: Append(%s %d) = %v", c.Name(), p, size, err)
					continue
				}
				if !bytes.HasPrefix(b, prefix) {
					t.Errorf("%s: Append(%s %d) overwrote dst: %q…", c.Name(), p, size, b[:min(len(b), 16)])
					continue
				}
				got := dirty()
				if err := c.Unmarshal(b[len(prefix):], got); err != nil {
					t.Errorf("%s: Unmarshal(%s %d) = %v, want nil", c.Name(), p, size, err)
				} else if !strategies.Equal(got, m) {
					t.Errorf("%s: Unmarshal(%s %d) decoded a different message", c.Name(), p, size)
				}
				if c.NewlineFree() && bytes.IndexByte(b, '\n') >= 0 {
					t.Errorf("%s: NewlineFree, but Append(%s %d) has a newline", c.Name(), p, size)
				}
			}
		}
	}
}

// A NewlineFree codec escapes newlines that the message itself holds.
func TestCodecNewlineFree(t *testing.T) {
	m := strategies.NewMessage(strategies.Struct, 300, 1)
	m.Items[0].Name = "two\nlines\r\n"
	m.Items[0].Tags = []string{"\n"}
	for _, c := range strategies.Codecs {
		if !c.NewlineFree() {
			continue
		}
		b, err := c.Append(nil, m)
		if err != nil || bytes.IndexByte(b, '\n') >= 0 {
			t.Errorf("%s: Append(newlines) = %q, %v; want no raw newline", c.Name(), b, err)
		}
	}
}

// streamCodecs are the self-delimiting codecs: those with a stream Decoder.
func streamCodecs() []strategies.Codec {
	var cs []strategies.Codec
	for _, c := range strategies.Codecs {
		if c.NewDecoder(strings.NewReader("")) != nil {
			cs = append(cs, c)
		}
	}
	return cs
}

func TestCodecTrailingData(t *testing.T) {
	for _, c := range streamCodecs() {
		m := strategies.NewMessage(strategies.Struct, 300, 1)
		b, err := c.Append(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, 0)
		if err := c.Unmarshal(b, dirty()); err == nil {
			t.Errorf("%s: Unmarshal(message + %q) = nil, want an error", c.Name(), "\x00")
		}
	}
}

func encodeStream(t *testing.T, c strategies.Codec, msgs []*strategies.Message) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := c.NewEncoder(&buf)
	for i, m := range msgs {
		if err := enc.Encode(m); err != nil {
			t.Fatalf("%s: Encode(message %d) = %v", c.Name(), i, err)
		}
	}
	return buf.Bytes()
}

func TestCodecStream(t *testing.T) {
	readers := []struct {
		name string
		make func([]byte) io.Reader
	}{
		{"bytes", func(b []byte) io.Reader { return bytes.NewReader(b) }},
		{"onebyte", func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }},
		{"half", func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) }},
	}
	for _, c := range streamCodecs() {
		msgs := codecMessages(c, 0, 16, 4096, 65537)
		data := encodeStream(t, c, msgs)
		for _, rd := range readers {
			dec := c.NewDecoder(rd.make(data))
			for i, want := range msgs {
				got := dirty()
				if err := dec.Decode(got); err != nil {
					t.Fatalf("%s/%s: Decode(message %d) = %v, want nil", c.Name(), rd.name, i, err)
				}
				if !strategies.Equal(got, want) {
					t.Fatalf("%s/%s: Decode(message %d) decoded a different message", c.Name(), rd.name, i)
				}
			}
			if err := dec.Decode(dirty()); err != io.EOF {
				t.Errorf("%s/%s: Decode(at end) = %v, want io.EOF", c.Name(), rd.name, err)
			}
		}
	}
}

// Every prefix of a stream decodes the messages it holds whole, then gives
// io.EOF at a message boundary and another error anywhere else; every
// prefix of one message fails to Unmarshal.
func TestCodecTruncated(t *testing.T) {
	for _, c := range streamCodecs() {
		msgs := codecMessages(c, 40, 300)
		var buf bytes.Buffer
		enc := c.NewEncoder(&buf)
		bounds := map[int]int{0: 0} // offset → messages before it
		for i, m := range msgs {
			if err := enc.Encode(m); err != nil {
				t.Fatal(err)
			}
			bounds[buf.Len()] = i + 1
		}
		data := buf.Bytes()
		if c.NewlineFree() { // json ends a message before its '\n' separator
			for b, n := range maps.Clone(bounds) {
				if b > 0 && data[b-1] == '\n' {
					bounds[b-1] = n
				}
			}
		}
		for cut := 0; cut <= len(data); cut++ {
			dec := c.NewDecoder(bytes.NewReader(data[:cut]))
			n, err := 0, error(nil)
			for ; n <= len(msgs); n++ {
				if err = dec.Decode(dirty()); err != nil {
					break
				}
			}
			want, boundary := bounds[cut]
			switch {
			case boundary && (err != io.EOF || n != want):
				t.Errorf("%s: Decode(%d of %d bytes) = %v after %d messages, want io.EOF after %d", c.Name(), cut, len(data), err, n, want)
			case !boundary && (err == nil || errors.Is(err, io.EOF)):
				t.Errorf("%s: Decode(%d of %d bytes) = %v, want an error that is not io.EOF", c.Name(), cut, len(data), err)
			}
		}
		for _, m := range msgs {
			one, err := c.Append(nil, m)
			if err != nil {
				t.Fatal(err)
			}
			for k := range len(one) {
				if err := c.Unmarshal(one[:k], dirty()); err == nil || errors.Is(err, io.EOF) {
					t.Errorf("%s: Unmarshal(%d of %d bytes) = %v, want an error that is not io.EOF", c.Name(), k, len(one), err)
				}
			}
		}
	}
}

// Bad input gives errors, never a panic: random bytes and valid encodings
// with random bytes changed.
func TestCodecGarbage(t *testing.T) {
	t.Logf("seed %d (-codec.seed)", *codecSeed)
	rng := rand.New(rand.NewPCG(*codecSeed, 0))
	for _, c := range strategies.Codecs {
		var valid [][]byte
		for _, m := range codecMessages(c, 0, 40, 300) {
			b, err := c.Append(nil, m)
			if err != nil {
				t.Fatal(err)
			}
			valid = append(valid, b)
		}
		panics := 0
		for i := range 3000 {
			var in []byte
			if i%2 == 0 {
				in = make([]byte, rng.IntN(64))
				for j := range in {
					in[j] = byte(rng.Uint32())
				}
			} else {
				in = bytes.Clone(valid[rng.IntN(len(valid))])
				for range 1 + rng.IntN(3) {
					if len(in) > 0 {
						in[rng.IntN(len(in))] = byte(rng.Uint32())
					}
				}
			}
			err := c.Unmarshal(in, dirty())
			if errors.Is(err, strategies.ErrCodecPanic) {
				panics++
			}
			if dec := c.NewDecoder(bytes.NewReader(in)); dec != nil {
				for range 100 {
					if err := dec.Decode(dirty()); err != nil {
						if errors.Is(err, strategies.ErrCodecPanic) {
							panics++
						}
						break
					}
				}
			}
		}
		if panics > 0 {
			t.Logf("%s: the library panicked %d times; the codec recovered", c.Name(), panics)
		}
	}
}

func TestCodecRegistry(t *testing.T) {
	want := []string{"raw", "gob", "json", "pickle", "msgpack", "cbor", "protobuf"}
	for _, name := range want {
		c, err := strategies.LookupCodec(name)
		if err != nil || c.Name() != name {
			t.Errorf("LookupCodec(%q) = %v, %v", name, c, err)
		}
	}
	for _, c := range strategies.Codecs {
		_, isValue := c.(strategies.ValueCodec)
		wantValue := strings.Contains(" json pickle msgpack cbor ", " "+c.Name()+" ")
		if isValue != wantValue {
			t.Errorf("%s: implements ValueCodec = %v, want %v", c.Name(), isValue, wantValue)
		}
	}
}

// The pickle codec is strict about the types in a struct message.
func TestPickleStrict(t *testing.T) {
	item := func(k string, v any) []any {
		d := map[any]any{"id": int64(1), "name": "n", "score": 1.5, "active": true}
		d[k] = v
		return []any{d}
	}
	bad := []any{
		int64(5), ogórek.None{}, []any{"not a dict"}, []any{map[any]any{int64(1): "key"}},
		item("score", int64(1)), item("id", "1"), item("data", "a str"), item("tags", "a"),
		item("parts", []any{map[any]any{"key": "k", "value": 1.5}}),
	}
	for _, v := range bad {
		var buf bytes.Buffer
		if err := ogórek.NewEncoderWithConfig(&buf, &ogórek.EncoderConfig{Protocol: 4}).Encode(v); err != nil {
			t.Fatal(err)
		}
		if err := strategies.Pickle.Unmarshal(buf.Bytes(), dirty()); !errors.Is(err, strategies.ErrValueType) {
			t.Errorf("pickle: Unmarshal(%#v) = %v, want ErrValueType", v, err)
		}
	}
	// What CPython may send instead: a long for an int, a tuple for a list.
	good := item("parts", ogórek.Tuple{map[any]any{"key": "k", "value": big.NewInt(-3)}})
	var buf bytes.Buffer
	ogórek.NewEncoderWithConfig(&buf, &ogórek.EncoderConfig{Protocol: 4}).Encode(good)
	var m strategies.Message
	if err := strategies.Pickle.Unmarshal(buf.Bytes(), &m); err != nil || len(m.Items) != 1 || m.Items[0].Parts[0].Value != -3 {
		t.Errorf("pickle: Unmarshal(%#v) = %v, %+v; want one item with part value -3", good, err, m)
	}
}

// CPython's pickle.dump starts every pickle with an empty memo, and
// protocol 4's MEMOIZE numbers objects implicitly: the decoder must forget
// one pickle's memo before the next.
func TestPickleFreshMemo(t *testing.T) {
	first := "\x80\x04\x8c\x01a\x94." // "a", memoized as 0
	second := "\x80\x04(\x8c\x01b\x94h\x00l."
	dec := strategies.Pickle.(strategies.ValueCodec).NewValueDecoder(strings.NewReader(first + second))
	v1, err1 := dec.DecodeValue()
	v2, err2 := dec.DecodeValue()
	if want := []any{"b", "b"}; v1 != "a" || err1 != nil || !valueEqual(v2, want) || err2 != nil {
		t.Errorf("pickle: DecodeValue twice = %#v, %v; %#v, %v; want \"a\", nil; %#v, nil", v1, err1, v2, err2, want)
	}
	items := "\x80\x04(}(\x8c\x04name\x8c\x01n\x94\x8c\x04tags(h\x00lul."
	mdec := strategies.Pickle.NewDecoder(strings.NewReader(first + items))
	var m strategies.Message
	err1 = mdec.Decode(&m)
	err2 = mdec.Decode(&m)
	if err1 != nil || err2 != nil || len(m.Items) != 1 || m.Items[0].Name != "n" || len(m.Items[0].Tags) != 1 || m.Items[0].Tags[0] != "n" {
		t.Errorf("pickle: Decode twice = %v, %v, %+v; want one item named n with tag n", err1, err2, m.Items)
	}
}

func ExampleCodec() {
	m := strategies.NewMessage(strategies.Blob, 20, 42)
	b, _ := strategies.JSON.Append(nil, m)
	fmt.Printf("%s\n", b)
	var got strategies.Message
	err := strategies.JSON.Unmarshal(b, &got)
	fmt.Println(string(got.Blob), err)
	// Output:
	// {"Blob":"Xz1NazAwMDAwMDAwMDAwMDAwMmE="}
	// _=Mk000000000000002a <nil>
}

// Hostile length claims fail without allocating what they claim.
func TestCodecHostileClaims(t *testing.T) {
	cases := []struct {
		c    strategies.Codec
		name string
		in   []byte
	}{
		{strategies.Msgpack, "2^32 items", []byte("\x81\xa5Items\xdd\xff\xff\xff\xff")},
		{strategies.Msgpack, "2^32 parts", []byte("\x81\xa5Items\x91\x81\xa5Parts\xdd\xff\xff\xff\xff")},
		{strategies.Msgpack, "4 GiB blob", []byte("\x81\xa4Blob\xc6\xff\xff\xff\xff")},
		{strategies.CBOR, "2^64 items", []byte("\xa1\x65Items\x9b\xff\xff\xff\xff\xff\xff\xff\xff")},
		{strategies.CBOR, "4 GiB blob", []byte("\xa1\x64Blob\x5a\xff\xff\xff\xff")},
		{strategies.Pickle, "4 GiB str", []byte("\x80\x04X\xff\xff\xff\xff")},
		{strategies.Gob, "huge message", []byte("\xfc\x7f\xff\xff\xff")},
		{strategies.Pickle, "memo bomb", pickleMemoBomb(40000, 4096)},
	}
	for _, tc := range cases {
		if err := tc.c.Unmarshal(tc.in, dirty()); err == nil {
			t.Errorf("%s: Unmarshal(%s) = nil, want an error", tc.c.Name(), tc.name)
		}
		// OneByteReader hides the input's length from the decoder.
		dec := tc.c.NewDecoder(iotest.OneByteReader(bytes.NewReader(tc.in)))
		if err := dec.Decode(dirty()); err == nil || err == io.EOF {
			t.Errorf("%s: Decode(%s) = %v, want an error", tc.c.Name(), tc.name, err)
		}
	}
}

// pickleMemoBomb is a pickle of a list holding n references to one dict
// whose "data" has size bytes: small on the wire, n*size bytes decoded.
func pickleMemoBomb(n, size int) []byte {
	b := []byte("\x80\x04}q\x00X\x04\x00\x00\x00dataB")
	b = binary.LittleEndian.AppendUint32(b, uint32(size))
	b = append(b, make([]byte, size)...)
	b = append(b, "s0("...)
	for range n {
		b = append(b, "h\x00"...)
	}
	return append(b, "l."...)
}

func bigPow2(n uint, neg bool) *big.Int {
	b := new(big.Int).Lsh(big.NewInt(1), n)
	if neg {
		b.Neg(b)
	}
	return b
}

// valueCases cover the value model; valueWant says what each codec returns.
var valueCases = []struct {
	name string
	v    any
}{
	{"nil", nil},
	{"true", true},
	{"false", false},
	{"zero", int64(0)},
	{"minus one", int64(-1)},
	{"max int64", int64(math.MaxInt64)},
	{"min int64", int64(math.MinInt64)},
	{"max uint64", new(big.Int).SetUint64(math.MaxUint64)},
	{"2^100", bigPow2(100, false)},
	{"-2^100", bigPow2(100, true)},
	{"float", 1.5},
	{"integral float", 2.0},
	{"negative float", -0.25},
	{"huge float", 1e300},
	{"empty string", ""},
	{"unicode", "héllo, wörld ✓ 日本語 🎉"},
	{"control chars", "line\nbreak\x00nul\t"},
	{"bytes", []byte{0, 1, '\n', 0xff}},
	{"empty list", []any{}},
	{"list", []any{int64(1), "two", 3.5, nil, []any{true}}},
	{"empty map", map[string]any{}},
	{"nested", map[string]any{
		"a":      int64(1),
		"ü key":  "unicode key",
		"nested": map[string]any{"list": []any{"x", []byte("y"), map[string]any{"deep": false}}},
		"big":    []any{bigPow2(70, true)},
	}},
	{"deep", valueDeep(50)},
}

func valueDeep(n int) any {
	var v any = "bottom"
	for range n {
		v = []any{v}
	}
	return v
}

// valueWant returns what codec c decodes after encoding v, or the error
// its encoder gives.
func valueWant(c strategies.Codec, v any) (any, error) {
	switch x := v.(type) {
	case *big.Int:
		if x.IsInt64() {
			return x.Int64(), nil
		}
		if c == strategies.Msgpack && !x.IsUint64() {
			return nil, strategies.ErrValueRange
		}
	case []byte:
		if c == strategies.JSON {
			return base64.StdEncoding.EncodeToString(x), nil
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			var err error
			if out[i], err = valueWant(c, e); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			var err error
			if out[k], err = valueWant(c, e); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}

// valueEqual is reflect.DeepEqual with *big.Int compared by value and nil
// and empty []byte equal.
func valueEqual(a, b any) bool {
	switch x := a.(type) {
	case *big.Int:
		y, ok := b.(*big.Int)
		return ok && x.Cmp(y) == 0
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !valueEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, e := range x {
			if f, ok := y[k]; !ok || !valueEqual(e, f) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

func valueCodecs() []strategies.ValueCodec {
	var vcs []strategies.ValueCodec
	for _, c := range strategies.Codecs {
		if vc, ok := c.(strategies.ValueCodec); ok {
			vcs = append(vcs, vc)
		}
	}
	return vcs
}

func TestValueRoundTrip(t *testing.T) {
	for _, vc := range valueCodecs() {
		c := vc.(strategies.Codec)
		var stream []any
		var buf bytes.Buffer
		enc := vc.NewValueEncoder(&buf)
		for _, tc := range valueCases {
			want, wantErr := valueWant(c, tc.v)
			b, err := vc.AppendValue([]byte("prefix"), tc.v)
			if wantErr != nil {
				if !errors.Is(err, wantErr) {
					t.Errorf("%s: AppendValue(%s) = %v, want %v", c.Name(), tc.name, err, wantErr)
				}
				if err := enc.EncodeValue(tc.v); !errors.Is(err, wantErr) {
					t.Errorf("%s: EncodeValue(%s) = %v, want %v", c.Name(), tc.name, err, wantErr)
				}
				continue
			}
			if err != nil || !bytes.HasPrefix(b, []byte("prefix")) {
				t.Errorf("%s: AppendValue(%s) = %q, %v", c.Name(), tc.name, b, err)
				continue
			}
			got, err := vc.UnmarshalValue(b[len("prefix"):])
			if err != nil || !valueEqual(got, want) {
				t.Errorf("%s: UnmarshalValue(%q) = %#v, %v; want %#v", c.Name(), b[len("prefix"):], got, err, want)
			}
			if err := enc.EncodeValue(tc.v); err != nil {
				t.Errorf("%s: EncodeValue(%s) = %v", c.Name(), tc.name, err)
			}
			stream = append(stream, want)
		}
		for _, r := range []io.Reader{bytes.NewReader(buf.Bytes()), iotest.OneByteReader(bytes.NewReader(buf.Bytes()))} {
			dec := vc.NewValueDecoder(r)
			for i, want := range stream {
				got, err := dec.DecodeValue()
				if err != nil || !valueEqual(got, want) {
					t.Fatalf("%s: DecodeValue(value %d) = %#v, %v; want %#v", c.Name(), i, got, err, want)
				}
			}
			if got, err := dec.DecodeValue(); err != io.EOF {
				t.Errorf("%s: DecodeValue(at end) = %#v, %v; want io.EOF", c.Name(), got, err)
			}
		}
	}
}

func TestValueErrors(t *testing.T) {
	outside := []any{int(5), uint64(5), float32(1), struct{}{}, map[int]any{}, []string{"a"}, (*big.Int)(nil), map[string]any{"x": []int{1}}}
	for _, vc := range valueCodecs() {
		c := vc.(strategies.Codec)
		for _, v := range outside {
			if _, err := vc.AppendValue(nil, v); !errors.Is(err, strategies.ErrValueType) {
				t.Errorf("%s: AppendValue(%#v) = %v, want ErrValueType", c.Name(), v, err)
			}
		}
		if _, err := vc.AppendValue(nil, valueDeep(600)); !errors.Is(err, strategies.ErrValueLimit) {
			t.Errorf("%s: AppendValue(600 levels) = %v, want ErrValueLimit", c.Name(), err)
		}
		v := map[string]any{"k": []any{"v", int64(300)}}
		one, err := vc.AppendValue(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := vc.UnmarshalValue(append(bytes.Clone(one), one...)); !errors.Is(err, strategies.ErrTrailingData) {
			t.Errorf("%s: UnmarshalValue(two values) = %v, want ErrTrailingData", c.Name(), err)
		}
		for k := range len(one) {
			if got, err := vc.UnmarshalValue(one[:k]); err == nil || errors.Is(err, io.EOF) {
				t.Errorf("%s: UnmarshalValue(%q) = %#v, %v; want an error that is not io.EOF", c.Name(), one[:k], got, err)
			}
			dec := vc.NewValueDecoder(bytes.NewReader(one[:k]))
			if got, err := dec.DecodeValue(); k > 0 && (err == nil || errors.Is(err, io.EOF)) {
				t.Errorf("%s: DecodeValue(%q) = %#v, %v; want an error that is not io.EOF", c.Name(), one[:k], got, err)
			}
		}
	}
	if _, err := strategies.JSON.(strategies.ValueCodec).AppendValue(nil, math.NaN()); !errors.Is(err, strategies.ErrValueRange) {
		t.Errorf("json: AppendValue(NaN) = %v, want ErrValueRange", err)
	}
}

// Decoded values outside the model are refused; pickle's memo cannot make a
// value expand without bound or loop.
func TestValueBadInput(t *testing.T) {
	cases := []struct {
		c    strategies.Codec
		name string
		in   []byte
		want error
	}{
		{strategies.Pickle, "self-referencing dict", []byte("\x80\x04}q\x00X\x01\x00\x00\x00ah\x00s."), strategies.ErrValueLimit},
		{strategies.Pickle, "2^40 nested references", pickleDoubling(40), strategies.ErrValueLimit},
		{strategies.Pickle, "int dict key", []byte("\x80\x04}K\x01K\x02s."), strategies.ErrValueType},
		{strategies.Pickle, "class", []byte("\x80\x02cos\nsystem\n."), strategies.ErrValueType},
		{strategies.Msgpack, "int map key", []byte("\x81\x01\x02"), strategies.ErrValueType},
		{strategies.Msgpack, "extension", []byte("\xd4\x01\x00"), strategies.ErrValueType},
		{strategies.CBOR, "time tag", []byte("\xc1\x1a\x51\x4b\x67\xb0"), strategies.ErrValueType},
		{strategies.CBOR, "int map key", []byte("\xa1\x01\x02"), nil},
		{strategies.JSON, "1e400", []byte("1e400"), strategies.ErrValueRange},
	}
	for _, tc := range cases {
		got, err := tc.c.(strategies.ValueCodec).UnmarshalValue(tc.in)
		if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: UnmarshalValue(%s) = %#v, %v; want %v", tc.c.Name(), tc.name, got, err, cmp.Or(tc.want, errors.New("an error")))
		}
	}
	t.Logf("seed %d (-codec.seed)", *codecSeed)
	rng := rand.New(rand.NewPCG(*codecSeed, 1))
	for _, vc := range valueCodecs() {
		for range 3000 {
			in := make([]byte, rng.IntN(48))
			for j := range in {
				in[j] = byte(rng.Uint32())
			}
			vc.UnmarshalValue(in)
			dec := vc.NewValueDecoder(bytes.NewReader(in))
			for range 50 {
				if _, err := dec.DecodeValue(); err != nil {
					break
				}
			}
		}
	}
}

// pickleDoubling is a pickle of n nested lists, each holding the one below
// twice: 2^n leaves.
func pickleDoubling(n int) []byte {
	b := []byte("\x80\x04]q\x000")
	for range n {
		b = append(b, "(h\x00h\x00lq\x000"...)
	}
	return append(b, "h\x00."...)
}

// TestEncodeErrorOffset: a message its codec cannot encode (json has no
// NaN) fails with a FrameError that names the message and the stream
// offset where it would have begun, after the whole frames before it.
func TestEncodeErrorOffset(t *testing.T) {
	for _, s := range []strategies.Strategy{strategies.LenPrefix, strategies.Varint, strategies.Newline, strategies.Msgio, strategies.Protodelim} {
		t.Run(s.Name(), func(t *testing.T) {
			var buf bytes.Buffer
			w := s.NewWriter(&buf, strategies.JSON, strategies.Options{})
			good := strategies.NewMessage(strategies.Struct, 256, 1)
			for range 2 {
				if err := w.WriteMessage(good); err != nil {
					t.Fatal(err)
				}
			}
			bad := strategies.NewMessage(strategies.Struct, 256, 2)
			bad.Items[0].Score = math.NaN()
			err := w.WriteMessage(bad)
			var fe *strategies.FrameError
			if !errors.As(err, &fe) || fe.Op != "write" || fe.Index != 2 || fe.Offset != int64(buf.Len()) {
				t.Fatalf("WriteMessage(NaN) = %v; want a write FrameError for message 2 at byte %d", err, buf.Len())
			}
		})
	}
}
