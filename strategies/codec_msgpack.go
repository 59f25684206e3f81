package strategies

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math"
	"math/big"
	"reflect"
	"slices"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// Msgpack is the github.com/vmihailenco/msgpack/v5 codec, with the library's
// defaults for messages (int64 fields take nine bytes). One Encoder and one
// Decoder serve the whole stream. The Decoder wraps a reader that is not an
// io.ByteScanner in a bufio.Reader and so owns the stream. The library
// returns a bare io.EOF when a message is cut at a value boundary inside it;
// the Decoder peeks at the first byte of each message and turns any later
// io.EOF into io.ErrUnexpectedEOF.
//
// msgpack v5.4.0 and v5.4.1 allocate a whole array's claimed length before
// decoding it into a slice: their 10^6-element cap is never applied
// (vmihailenco/msgpack#401), so five bytes of garbage can claim 2^32 Items
// and kill the process; byte strings, too, get their claimed length (up to
// 4 GiB) before a byte is read. This file registers decoders for []Item,
// []Part and []byte that trust claims only so far: slices grow as elements
// arrive, and byte strings get at most DefaultMaxFrame ahead of the data.
//
// As a ValueCodec, msgpack carries integers up to 64 bits (uint64 values
// beyond the int64 range come back as *big.Int) and refuses larger ones with
// ErrValueRange; it keeps string and []byte apart. Values are written with
// compact integers and sorted map keys; extension types are refused.
var Msgpack Codec = msgpackCodec{}

func init() {
	msgpack.Register([]Item(nil), nil, msgpackDecodeSlice[Item])
	msgpack.Register([]Part(nil), nil, msgpackDecodeSlice[Part])
	msgpack.Register([]byte(nil), nil, func(d *msgpack.Decoder, v reflect.Value) error {
		b, err := msgpackReadBytes(d)
		if err == nil {
			v.SetBytes(b)
		}
		return err
	})
}

// msgpackDecodeSlice decodes an array into a []T, trusting its length claim
// for no more than 1<<16 elements ahead of the data.
func msgpackDecodeSlice[T any](d *msgpack.Decoder, v reflect.Value) error {
	n, err := d.DecodeArrayLen()
	if err != nil || n < 0 {
		v.SetZero()
		return err
	}
	s := make([]T, 0, min(n, 1<<16))
	for range n {
		var zero T
		s = append(s, zero)
		if err := d.DecodeValue(reflect.ValueOf(&s[len(s)-1]).Elem()); err != nil {
			return err
		}
	}
	v.Set(reflect.ValueOf(s))
	return nil
}

type msgpackCodec struct{}

func (msgpackCodec) Name() string          { return "msgpack" }
func (msgpackCodec) Supports(Payload) bool { return true }
func (msgpackCodec) NewlineFree() bool     { return false }
func (msgpackCodec) ReadsAhead() bool      { return false }

// Append encodes m as msgpack.Marshal does, straight into dst.
func (msgpackCodec) Append(dst []byte, m *Message) ([]byte, error) {
	enc := msgpack.GetEncoder()
	defer msgpack.PutEncoder(enc)
	w := sliceWriter{b: dst}
	enc.Reset(&w)
	if err := enc.Encode(m); err != nil {
		return dst, err
	}
	return w.b, nil
}

// Unmarshal decodes one message as msgpack.Unmarshal does and rejects
// trailing data.
func (msgpackCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	dec := msgpack.GetDecoder()
	defer msgpack.PutDecoder(dec)
	r := bytes.NewReader(data)
	dec.Reset(r)
	dec.UsePreallocateValues(true)
	if err := dec.Decode(m); err != nil {
		return noEOF(err)
	}
	if r.Len() != 0 {
		return fmt.Errorf("%w: %d bytes", ErrTrailingData, r.Len())
	}
	return nil
}

func (msgpackCodec) NewEncoder(w io.Writer) Encoder { return msgpackEncoder{msgpack.NewEncoder(w)} }
func (msgpackCodec) NewDecoder(r io.Reader) Decoder { return msgpackDecoder{msgpack.NewDecoder(r)} }

type msgpackEncoder struct{ enc *msgpack.Encoder }

func (e msgpackEncoder) Encode(m *Message) error { return e.enc.Encode(m) }

type msgpackDecoder struct{ dec *msgpack.Decoder }

func (d msgpackDecoder) Decode(m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	if _, err := d.dec.PeekCode(); err != nil {
		return err // io.EOF here is a clean boundary
	}
	return noEOF(d.dec.Decode(m))
}

func (msgpackCodec) AppendValue(dst []byte, v any) ([]byte, error) {
	w := sliceWriter{b: dst}
	if err := newMsgpackValueEncoder(&w).EncodeValue(v); err != nil {
		return dst, err
	}
	return w.b, nil
}

// UnmarshalValue decodes one whole value, checked first (see
// UnmarshalValueChecked).
func (c msgpackCodec) UnmarshalValue(data []byte) (any, error) {
	return UnmarshalValueChecked(c, data, nil)
}

func (msgpackCodec) unmarshalValue(data []byte) (any, error) {
	r := bytes.NewReader(data)
	v, err := msgpackValueDecoder{msgpack.NewDecoder(r)}.DecodeValue()
	if err != nil {
		return nil, noEOF(err)
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%w: %d bytes", ErrTrailingData, r.Len())
	}
	return v, nil
}

func (msgpackCodec) NewValueEncoder(w io.Writer) ValueEncoder { return newMsgpackValueEncoder(w) }

// NewValueDecoder returns a decoder that splits the stream into values
// and checks each before decoding it (see Splitter).
func (msgpackCodec) NewValueDecoder(r io.Reader) ValueDecoder {
	return newSplitValueDecoder(Msgpack, r)
}

type msgpackValueEncoder struct{ enc *msgpack.Encoder }

func newMsgpackValueEncoder(w io.Writer) msgpackValueEncoder {
	enc := msgpack.NewEncoder(w)
	enc.UseCompactInts(true)
	enc.SetSortMapKeys(true)
	return msgpackValueEncoder{enc}
}

func (e msgpackValueEncoder) EncodeValue(v any) error {
	mv, err := walkValue(v, nil, msgpackLeaf)
	if err != nil {
		return err
	}
	return e.enc.Encode(mv)
}

// msgpackLeaf writes a big integer as uint64 if it fits, or refuses it.
func msgpackLeaf(v any) (any, error) {
	if b, ok := v.(*big.Int); ok {
		if !b.IsUint64() {
			return nil, fmt.Errorf("%w: msgpack integers are 64 bits, %v is not", ErrValueRange, b)
		}
		return b.Uint64(), nil
	}
	return v, nil
}

type msgpackValueDecoder struct{ dec *msgpack.Decoder }

// DecodeValue walks the input itself rather than use DecodeInterface, to
// bound nesting and to read byte strings in chunks as they arrive.
func (d msgpackValueDecoder) DecodeValue() (v any, err error) {
	defer catchPanic(&err)
	if _, err := d.dec.PeekCode(); err != nil {
		return nil, err // io.EOF here is a clean boundary
	}
	v, err = msgpackRead(d.dec, 0)
	return v, noEOF(err)
}

func msgpackRead(d *msgpack.Decoder, depth int) (any, error) {
	if depth > maxValueDepth {
		return nil, fmt.Errorf("%w: nested deeper than %d", ErrValueLimit, maxValueDepth)
	}
	c, err := d.PeekCode()
	if err != nil {
		return nil, err
	}
	switch {
	case c == msgpcode.Nil:
		return nil, d.DecodeNil()
	case c == msgpcode.False || c == msgpcode.True:
		return d.DecodeBool()
	case msgpcode.IsFixedNum(c) || c >= msgpcode.Int8 && c <= msgpcode.Int64:
		return d.DecodeInt64()
	case c >= msgpcode.Uint8 && c <= msgpcode.Uint64:
		u, err := d.DecodeUint64()
		if u > math.MaxInt64 {
			return new(big.Int).SetUint64(u), err
		}
		return int64(u), err
	case c == msgpcode.Float || c == msgpcode.Double:
		return d.DecodeFloat64()
	case msgpcode.IsString(c):
		return d.DecodeString()
	case msgpcode.IsBin(c):
		return msgpackReadBytes(d)
	case msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32:
		n, err := d.DecodeArrayLen()
		if err != nil {
			return nil, err
		}
		out := make([]any, 0, min(n, 1024)) // n is a claim: grow as elements arrive
		for range n {
			e, err := msgpackRead(d, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
		return out, nil
	case msgpcode.IsFixedMap(c) || c == msgpcode.Map16 || c == msgpcode.Map32:
		n, err := d.DecodeMapLen()
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, min(n, 1024))
		for range n {
			if c, err := d.PeekCode(); err != nil || !msgpcode.IsString(c) {
				return nil, cmp.Or(err, fmt.Errorf("%w: map key with msgpack code %#x, want a string", ErrValueType, c))
			}
			k, err := d.DecodeString()
			if err != nil {
				return nil, err
			}
			if out[k], err = msgpackRead(d, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: msgpack code %#x (an extension type)", ErrValueType, c)
}

// msgpackReadBytes reads a byte string (or a str, as msgpack allows)
// without trusting its length claim: a claim longer than the rest of a
// bytes.Reader fails at once; otherwise at most DefaultMaxFrame bytes are
// allocated ahead of the data, and longer strings double as they arrive.
func msgpackReadBytes(d *msgpack.Decoder) ([]byte, error) {
	n, err := d.DecodeBytesLen()
	if err != nil || n < 0 {
		return nil, err
	}
	if r, ok := d.Buffered().(*bytes.Reader); ok && n > r.Len() {
		return nil, fmt.Errorf("%w: byte string of %d bytes, %d left", io.ErrUnexpectedEOF, n, r.Len())
	}
	b := make([]byte, 0, min(n, DefaultMaxFrame))
	for len(b) < n {
		k := min(n-len(b), max(cap(b)-len(b), len(b)))
		b = slices.Grow(b, k)[:len(b)+k]
		if err := d.ReadFull(b[len(b)-k:]); err != nil {
			return nil, noEOF(err)
		}
	}
	return b, nil
}
