package strategies

// The strict conversion of a decoded pickle (og-rek's values) back into a
// Message under a budget of value units, and the pickle value codec (the
// peer's JSON-lines model): the second half of codec_pickle.go.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/big"
	"unsafe"

	ogórek "github.com/kisielk/og-rek"
)

// pickleToMessage converts a decoded pickle back into m, strictly, within
// maxValueUnits.
func pickleToMessage(v any, m *Message) error { return pickleToMessageUnits(v, m, maxValueUnits) }

// pickleToMessageUnits is pickleToMessage within a budget of units.
func pickleToMessageUnits(v any, m *Message, units int64) error {
	switch x := v.(type) {
	case string:
		m.Blob = []byte(x)
		return nil
	case ogórek.Bytes:
		m.Blob = []byte(x)
		return nil
	case []byte: // bytearray, freshly allocated by og-rek
		m.Blob = x
		return nil
	}
	list, ok := pickleList(v)
	if !ok {
		return fmt.Errorf("%w: pickle message is %s, want str or list", ErrValueType, typeName(v))
	}
	b := pickleBudget{left: units, limit: units}
	if err := b.spend(int(unsafe.Sizeof(Item{})) * len(list)); err != nil {
		return err
	}
	m.Items = make([]Item, len(list))
	for i, e := range list {
		if err := b.item(e, &m.Items[i]); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

// pickleBudget counts what a decoded message expands to: og-rek's memo can
// make one dict or bytes object appear any number of times.
type pickleBudget struct{ left, limit int64 }

func (b *pickleBudget) spend(n int) error {
	if b.left -= int64(n); b.left < 0 {
		return fmt.Errorf("%w: pickle expands past %d bytes", ErrValueLimit, b.limit)
	}
	return nil
}

func (b *pickleBudget) item(v any, it *Item) error {
	return pickleDict(v, func(k string, v any) error {
		var err error
		switch k {
		case "id":
			it.ID, err = pickleInt(v)
		case "name":
			it.Name, err = pickleAs[string](v)
		case "score":
			it.Score, err = pickleAs[float64](v)
		case "active":
			it.Active, err = pickleAs[bool](v)
		case "tags":
			it.Tags, err = b.tags(v)
		case "data":
			var s ogórek.Bytes
			if s, err = pickleAs[ogórek.Bytes](v); err == nil {
				if err = b.spend(len(s)); err == nil {
					it.Data = []byte(s)
				}
			}
		case "parts":
			it.Parts, err = b.parts(v)
		default:
			return nil
		}
		if err != nil {
			return fmt.Errorf("%q: %w", k, err)
		}
		return nil
	})
}

func (b *pickleBudget) tags(v any) ([]string, error) {
	list, ok := pickleList(v)
	if !ok {
		return nil, fmt.Errorf("%w: %s, want list", ErrValueType, typeName(v))
	}
	tags := make([]string, len(list))
	for i, e := range list {
		var err error
		if tags[i], err = pickleAs[string](e); err != nil {
			return nil, err
		}
		if err := b.spend(nodeUnits + len(tags[i])); err != nil {
			return nil, err
		}
	}
	return tags, nil
}

func (b *pickleBudget) parts(v any) ([]Part, error) {
	list, ok := pickleList(v)
	if !ok {
		return nil, fmt.Errorf("%w: %s, want list", ErrValueType, typeName(v))
	}
	if err := b.spend(int(unsafe.Sizeof(Part{})) * len(list)); err != nil {
		return nil, err
	}
	parts := make([]Part, len(list))
	for i, e := range list {
		p := &parts[i]
		err := pickleDict(e, func(k string, v any) error {
			var err error
			switch k {
			case "key":
				if p.Key, err = pickleAs[string](v); err == nil {
					err = b.spend(len(p.Key))
				}
			case "value":
				p.Value, err = pickleInt(v)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("part %d: %w", i, err)
		}
	}
	return parts, nil
}

// pickleAs returns v as a T, or ErrValueType. A py2 str may stand for a str.
func pickleAs[T any](v any) (T, error) {
	if s, ok := v.(ogórek.ByteString); ok {
		v = string(s)
	}
	t, ok := v.(T)
	if !ok {
		return t, fmt.Errorf("%w: %s, want %T", ErrValueType, typeName(v), t)
	}
	return t, nil
}

// pickleInt accepts an int, or a long (LONG1 from CPython) that fits.
func pickleInt(v any) (int64, error) {
	if b, ok := v.(*big.Int); ok && b.IsInt64() {
		return b.Int64(), nil
	}
	return pickleAs[int64](v)
}

func pickleList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case ogórek.Tuple:
		return x, true
	}
	return nil, false
}

// pickleDict calls fn on each entry of a decoded dict, which must have
// string keys.
func pickleDict(v any, fn func(k string, v any) error) error {
	var err error
	each := func(k, v any) bool {
		ks, ok := k.(string)
		if !ok {
			err = fmt.Errorf("%w: dict key %s, want str", ErrValueType, typeName(k))
			return false
		}
		err = fn(ks, v)
		return err == nil
	}
	switch x := v.(type) {
	case map[any]any:
		for k, v := range x {
			if !each(k, v) {
				break
			}
		}
	case ogórek.Dict:
		x.Iter()(each)
	default:
		return fmt.Errorf("%w: %s, want dict", ErrValueType, typeName(v))
	}
	return err
}

func (pickleCodec) AppendValue(dst []byte, v any) ([]byte, error) {
	w := sliceWriter{b: dst}
	if err := (pickleValueEncoder{ogórek.NewEncoderWithConfig(&w, pickleConfig)}).EncodeValue(v); err != nil {
		return dst, err
	}
	return w.b, nil
}

// UnmarshalValue decodes one whole value, checked first (see
// UnmarshalValueChecked).
func (c pickleCodec) UnmarshalValue(data []byte) (any, error) {
	return UnmarshalValueChecked(c, data, nil)
}

func (pickleCodec) unmarshalValue(data []byte) (v any, err error) {
	defer catchPanic(&err)
	r := bytes.NewReader(data)
	br := bufio.NewReader(r)
	if v, err = ogórek.NewDecoder(br).Decode(); err != nil {
		return nil, noEOF(err)
	}
	if n := br.Buffered() + r.Len(); n != 0 {
		return nil, fmt.Errorf("%w: %d bytes", ErrTrailingData, n)
	}
	return walkDecoded(v, pickleConv, len(data))
}

// pickleUnmarshal is Unmarshal with the conversion to a Message held to
// a budget of units (the memo can share one object many times).
func pickleUnmarshal(data []byte, m *Message, units int64) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	r := bytes.NewReader(data)
	br := bufio.NewReader(r)
	v, err := ogórek.NewDecoder(br).Decode()
	if err != nil {
		return noEOF(err)
	}
	if err := pickleToMessageUnits(v, m, units); err != nil {
		return err
	}
	if n := br.Buffered() + r.Len(); n != 0 {
		return fmt.Errorf("%w: %d bytes", ErrTrailingData, n)
	}
	return nil
}

func (pickleCodec) NewValueEncoder(w io.Writer) ValueEncoder {
	return pickleValueEncoder{ogórek.NewEncoderWithConfig(w, pickleConfig)}
}

// NewValueDecoder returns a decoder that splits the stream into pickles
// and checks each before decoding it (see Splitter).
func (pickleCodec) NewValueDecoder(r io.Reader) ValueDecoder { return newSplitValueDecoder(Pickle, r) }

type pickleValueEncoder struct{ enc *ogórek.Encoder }

func (e pickleValueEncoder) EncodeValue(v any) error {
	pv, err := walkValue(v, nil, func(v any) (any, error) {
		if b, ok := v.([]byte); ok {
			return ogórek.Bytes(b), nil // og-rek writes []byte as a bytearray
		}
		return v, nil
	})
	if err != nil {
		return err
	}
	return e.enc.Encode(pv)
}

// pickleConv turns og-rek's own types into the value model.
func pickleConv(v any) (any, bool, error) {
	switch x := v.(type) {
	case ogórek.None:
		return nil, true, nil
	case ogórek.Tuple:
		return []any(x), true, nil
	case ogórek.Bytes:
		return []byte(x), true, nil
	case ogórek.ByteString:
		return string(x), true, nil
	case ogórek.Dict:
		m := make(map[string]any, x.Len())
		err := pickleDict(x, func(k string, v any) error { m[k] = v; return nil })
		return m, err == nil, err
	}
	return nil, false, nil
}
