package strategies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// JSON is the encoding/json codec. Its encodings hold no raw newline
// (encoding/json escapes control characters inside strings and writes no
// indentation), so the newline strategies can carry it. Blobs and Item.Data
// travel as base64 strings. The streaming Decoder reads ahead into its own
// buffer: the stream belongs to it, and it returns io.EOF only when nothing
// but white space is left, io.ErrUnexpectedEOF inside a value.
//
// As a ValueCodec, json carries numbers as text: integers (no '.', 'e' or
// 'E') come back as int64, or *big.Int beyond 64 bits; floats are written
// with a '.' or an exponent so that they come back as float64. NaN and the
// infinities are refused (ErrValueRange). A []byte is written as a base64
// string and comes back as a string: json cannot tell them apart. Invalid
// UTF-8 in strings is replaced by U+FFFD.
var JSON Codec = jsonCodec{}

type jsonCodec struct{}

func (jsonCodec) Name() string          { return "json" }
func (jsonCodec) Supports(Payload) bool { return true }
func (jsonCodec) NewlineFree() bool     { return true }
func (jsonCodec) ReadsAhead() bool      { return true }

// Append writes m as json.Marshal does, straight into dst, without the
// newline that json.Encoder adds.
func (jsonCodec) Append(dst []byte, m *Message) ([]byte, error) {
	return jsonAppend(dst, m)
}

func jsonAppend(dst []byte, v any) ([]byte, error) {
	w := sliceWriter{b: dst}
	if err := json.NewEncoder(&w).Encode(v); err != nil {
		return dst, err
	}
	return bytes.TrimSuffix(w.b, []byte{'\n'}), nil
}

// Unmarshal decodes one whole message; json.Unmarshal rejects trailing data.
func (jsonCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	return json.Unmarshal(data, m)
}

func (jsonCodec) NewEncoder(w io.Writer) Encoder { return jsonEncoder{json.NewEncoder(w)} }
func (jsonCodec) NewDecoder(r io.Reader) Decoder { return jsonDecoder{json.NewDecoder(r)} }

type jsonEncoder struct{ enc *json.Encoder }

// Encode writes m and a newline (json.Encoder's separator).
func (e jsonEncoder) Encode(m *Message) error { return e.enc.Encode(m) }

type jsonDecoder struct{ dec *json.Decoder }

// InputOffset is where the next value starts: json.Decoder's InputOffset
// is the end of the last one, and More skips the newline after it
// (reading, as Decode would).
func (d jsonDecoder) InputOffset() int64 {
	d.dec.More()
	return d.dec.InputOffset()
}

func (d jsonDecoder) Decode(m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	return d.dec.Decode(m)
}

func (jsonCodec) AppendValue(dst []byte, v any) ([]byte, error) {
	jv, err := walkValue(v, nil, jsonLeaf)
	if err != nil {
		return dst, err
	}
	return jsonAppend(dst, jv)
}

// UnmarshalValue decodes one whole value, checked first (see
// UnmarshalValueChecked).
func (c jsonCodec) UnmarshalValue(data []byte) (any, error) {
	return UnmarshalValueChecked(c, data, nil)
}

func (jsonCodec) unmarshalValue(data []byte) (v any, err error) {
	defer catchPanic(&err)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, noEOF(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w at byte %d", ErrTrailingData, dec.InputOffset())
	}
	return walkDecoded(v, jsonConv, len(data))
}

func (jsonCodec) NewValueEncoder(w io.Writer) ValueEncoder {
	return jsonValueEncoder{json.NewEncoder(w)}
}

// NewValueDecoder returns a decoder that splits the stream into values
// and checks each before decoding it (see Splitter).
func (jsonCodec) NewValueDecoder(r io.Reader) ValueDecoder { return newSplitValueDecoder(JSON, r) }

type jsonValueEncoder struct{ enc *json.Encoder }

func (e jsonValueEncoder) EncodeValue(v any) error {
	jv, err := walkValue(v, nil, jsonLeaf)
	if err != nil {
		return err
	}
	return e.enc.Encode(jv)
}

// jsonLeaf writes a float so that it reads back as a float.
func jsonLeaf(v any) (any, error) {
	f, ok := v.(float64)
	if !ok {
		return v, nil
	}
	return JSONFloat(f)
}

// jsonConv turns a json.Number into int64, *big.Int or float64.
func jsonConv(v any) (any, bool, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, false, nil
	}
	x, err := ParseJSONNumber(string(n))
	return x, err == nil, err
}

// JSONFloat returns f as a JSON number that reads back as a float: with a
// '.' or an exponent. NaN and infinities have no JSON form: ErrValueRange.
func JSONFloat(f float64) (json.Number, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("%w: json has no %v", ErrValueRange, f)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return json.Number(s), nil
}

// ParseJSONNumber is the number rule of the value model: a JSON number with
// a '.' or an exponent is a float64, an integer is an int64, or a *big.Int
// if it does not fit and has at most MaxIntDigits digits (longer ones take
// more than linear time to convert). Errors wrap ErrValueRange or ErrValueType.
func ParseJSONNumber(s string) (any, error) {
	if strings.ContainsAny(s, ".eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrValueRange, err)
		}
		return f, nil
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	if err := checkIntDigits(len(strings.TrimLeft(s, "+-"))); err != nil {
		return nil, err
	}
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, fmt.Errorf("%w: bad integer %q", ErrValueType, s)
	}
	return b, nil
}
