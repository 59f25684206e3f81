package strategies

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/fxamacker/cbor/v2"
)

// CBOR is the github.com/fxamacker/cbor/v2 codec. Its modes are built once:
// encoding sorts map keys (Core Deterministic) and writes big integers as
// bignums (tags 2 and 3) only when they do not fit in 64 bits; decoding
// allows 2^24 array elements and map pairs (a 16 MiB struct payload has about
// 65,000 items) and maxValueDepth+2 levels of nesting. The library checks
// every length claim against the data it holds before allocating. Its
// Decoder reads ahead into its own buffer and owns the stream; it returns
// io.EOF only with nothing buffered and io.ErrUnexpectedEOF inside an item.
//
// As a ValueCodec, CBOR carries the whole value model natively, big
// integers included; maps with non-string keys, tags other than bignums,
// and simple values other than false, true, null and undefined (which comes
// back as nil) are refused.
var CBOR Codec = cborCodec{}

var cborEnc, cborDec = cborModes()

func cborModes() (cbor.UserBufferEncMode, cbor.DecMode) {
	enc, err := cbor.EncOptions{Sort: cbor.SortCoreDeterministic}.UserBufferEncMode()
	if err != nil {
		panic(err) // constant options: a programming error
	}
	dec, err := cbor.DecOptions{
		MaxNestedLevels:  maxValueDepth + 2,
		MaxArrayElements: 1 << 24,
		MaxMapPairs:      1 << 24,
		IntDec:           cbor.IntDecConvertSignedOrBigInt,
		BigIntDec:        cbor.BigIntDecodePointer,
		DefaultMapType:   reflect.TypeFor[map[string]any](),
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return enc, dec
}

type cborCodec struct{}

func (cborCodec) Name() string          { return "cbor" }
func (cborCodec) Supports(Payload) bool { return true }
func (cborCodec) NewlineFree() bool     { return false }
func (cborCodec) ReadsAhead() bool      { return true }

// Append encodes m straight into dst.
func (cborCodec) Append(dst []byte, m *Message) ([]byte, error) {
	return cborAppend(dst, m)
}

func cborAppend(dst []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	if err := cborEnc.MarshalToBuffer(v, buf); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}

// Unmarshal decodes one message; the library rejects trailing data.
func (cborCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	return cborErr(cborDec.Unmarshal(data, m))
}

// cborErr marks the library's complaint about trailing data with
// ErrTrailingData and turns io.EOF (empty input) into io.ErrUnexpectedEOF.
func cborErr(err error) error {
	var extra *cbor.ExtraneousDataError
	if errors.As(err, &extra) {
		return fmt.Errorf("%w: %v", ErrTrailingData, err)
	}
	return noEOF(err)
}

func (cborCodec) NewEncoder(w io.Writer) Encoder { return cborEncoder{cborEnc.NewEncoder(w)} }
func (cborCodec) NewDecoder(r io.Reader) Decoder { return cborDecoder{cborDec.NewDecoder(r)} }

type cborEncoder struct{ enc *cbor.Encoder }

func (e cborEncoder) Encode(m *Message) error { return e.enc.Encode(m) }

type cborDecoder struct{ dec *cbor.Decoder }

// InputOffset is where the next message starts: what the decoder consumed.
func (d cborDecoder) InputOffset() int64 { return int64(d.dec.NumBytesRead()) }

func (d cborDecoder) Decode(m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	return d.dec.Decode(m)
}

func (cborCodec) AppendValue(dst []byte, v any) ([]byte, error) {
	cv, err := walkValue(v, nil, nil)
	if err != nil {
		return dst, err
	}
	return cborAppend(dst, cv)
}

// UnmarshalValue decodes one whole value, checked first (see
// UnmarshalValueChecked).
func (c cborCodec) UnmarshalValue(data []byte) (any, error) {
	return UnmarshalValueChecked(c, data, nil)
}

func (cborCodec) unmarshalValue(data []byte) (v any, err error) {
	defer catchPanic(&err)
	if err := cborDec.Unmarshal(data, &v); err != nil {
		return nil, cborErr(err)
	}
	return walkDecoded(v, nil, len(data))
}

func (cborCodec) NewValueEncoder(w io.Writer) ValueEncoder {
	return cborValueEncoder{cborEnc.NewEncoder(w)}
}

// NewValueDecoder returns a decoder that splits the stream into values
// and checks each before decoding it (see Splitter).
func (cborCodec) NewValueDecoder(r io.Reader) ValueDecoder { return newSplitValueDecoder(CBOR, r) }

type cborValueEncoder struct{ enc *cbor.Encoder }

func (e cborValueEncoder) EncodeValue(v any) error {
	cv, err := walkValue(v, nil, nil)
	if err != nil {
		return err
	}
	return e.enc.Encode(cv)
}
