package strategies

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"reflect"
)

// ValueCodec is implemented by codecs that carry generic values (json,
// pickle, msgpack, cbor), for the peer command that talks to programs in
// other languages. The value model, in both directions, is:
//
//	nil, bool, int64, *big.Int, float64, string, []byte, []any, map[string]any
//
// A *big.Int is used for integers outside the int64 range, exactly; decoders
// return int64 for any integer that fits, so a small *big.Int comes back as
// an int64. Values outside the model are refused with ErrValueType; nesting
// deeper than maxValueDepth with ErrValueLimit. Decoded values are new: they
// never alias the input. Where a format cannot tell two kinds apart the codec
// documents what comes back (json: []byte becomes a base64 string).
type ValueCodec interface {
	// AppendValue appends the encoding of v to dst and returns the extended slice.
	AppendValue(dst []byte, v any) ([]byte, error)
	// UnmarshalValue decodes one whole encoding and rejects trailing data.
	UnmarshalValue(data []byte) (any, error)
	// NewValueEncoder returns a streaming encoder for the whole stream.
	NewValueEncoder(w io.Writer) ValueEncoder
	// NewValueDecoder returns the matching streaming decoder.
	NewValueDecoder(r io.Reader) ValueDecoder
}

// ValueEncoder writes values to a stream, one after another. It is not safe
// for concurrent use.
type ValueEncoder interface{ EncodeValue(v any) error }

// ValueDecoder reads values written by the matching ValueEncoder. DecodeValue
// returns io.EOF only at a clean value boundary. It is not safe for
// concurrent use.
type ValueDecoder interface{ DecodeValue() (any, error) }

// Codec errors, wrapped with what was wrong; test with errors.Is.
var (
	// ErrValueType: a value to encode is outside the value model, or decoded
	// data has the wrong type (a message field, a dict key, a Python class).
	ErrValueType = errors.New("value of the wrong type")
	// ErrValueRange: a number the codec cannot carry (an integer beyond 64
	// bits in msgpack, NaN or an infinity in json).
	ErrValueRange = errors.New("number out of range")
	// ErrValueLimit: nesting deeper than maxValueDepth, or decoded data that
	// would expand past the decoding budget (DecodeRatio, DecodeSlack;
	// pickle can share one object many times).
	ErrValueLimit = errors.New("value too deep or too large")
	// ErrTrailingData: a whole-message decode found bytes after the message.
	ErrTrailingData = errors.New("trailing data after the message")
	// ErrCodecPanic: a codec library panicked on bad input; the codec
	// recovered and the decoder's state is unknown.
	ErrCodecPanic = errors.New("codec library panicked")
	// ErrMalformed: an encoding that breaks its format's grammar, found by
	// the scan that checks a message before a library decodes it.
	ErrMalformed = errors.New("malformed encoding")
)

const (
	// maxValueDepth bounds the nesting of generic values, so that hostile
	// input cannot exhaust the stack of a recursive walk.
	maxValueDepth = 512
	// maxValueUnits bounds what a value given to an encoder, or a pickle
	// decoded from a stream of unknown length (the stream strategy's
	// Decoder), may expand to, in bytes, roughly: nodeUnits per node plus
	// the bytes of strings and byte strings. A message of known length is
	// held to its decoding budget instead (decodeBudget).
	maxValueUnits = 1 << 27
	nodeUnits     = 16
)

// catchPanic turns a library panic into ErrCodecPanic: defer catchPanic(&err).
func catchPanic(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", ErrCodecPanic, r)
	}
}

// noEOF turns io.EOF into io.ErrUnexpectedEOF: for decoders of one whole
// message, where empty input is a truncated message, not a clean end.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// sliceWriter is an io.Writer that appends to a slice: Append methods run
// the libraries' streaming encoders straight into the caller's dst.
type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// WriteByte spares msgpack.Encoder a wrapper of its own.
func (w *sliceWriter) WriteByte(c byte) error {
	w.b = append(w.b, c)
	return nil
}

// walkValue rebuilds v within the value model, checking it as it goes.
// conv, if not nil, translates a codec's own types (json.Number,
// ogórek.Tuple…) into model values or containers, which are walked in turn;
// it reports ok=false for types it does not know. leaf, if not nil, replaces
// every scalar after the check: encoders use it to pick a representation
// (json floats, pickle bytes). Integers that fit come back as int64.
func walkValue(v any, conv func(any) (any, bool, error), leaf func(any) (any, error)) (any, error) {
	w := valueWalker{conv: conv, leaf: leaf, budget: maxValueUnits, limit: maxValueUnits}
	return w.walk(v, 0)
}

// walkDecoded is walkValue for a value a library has just decoded from n
// bytes: it converts it in place ([]any and map[string]any are reused, not
// copied) and stops once the value expands past the decoding budget of n
// bytes, counting a shared object (pickle's memo) at each place it appears.
func walkDecoded(v any, conv func(any) (any, bool, error), n int) (any, error) {
	units := decodeBudget(int64(n))
	w := valueWalker{conv: conv, budget: units, limit: units, inPlace: true}
	return w.walk(v, 0)
}

type valueWalker struct {
	conv    func(any) (any, bool, error)
	leaf    func(any) (any, error)
	budget  int64 // units left, see maxValueUnits
	limit   int64 // and at the start
	inPlace bool  // reuse []any and map[string]any
}

func (w *valueWalker) spend(n int) error {
	if w.budget -= int64(n); w.budget < 0 {
		return fmt.Errorf("%w: expands past %d bytes", ErrValueLimit, w.limit)
	}
	return nil
}

func (w *valueWalker) walk(v any, depth int) (any, error) {
	if depth > maxValueDepth {
		return nil, fmt.Errorf("%w: nested deeper than %d", ErrValueLimit, maxValueDepth)
	}
	if err := w.spend(nodeUnits); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case nil, bool, int64, float64:
		return w.scalar(x)
	case string:
		if err := w.spend(len(x)); err != nil {
			return nil, err
		}
		return w.scalar(x)
	case []byte:
		if err := w.spend(len(x)); err != nil {
			return nil, err
		}
		return w.scalar(x)
	case *big.Int:
		if x == nil {
			return nil, fmt.Errorf("%w: nil *big.Int", ErrValueType)
		}
		if x.IsInt64() {
			return w.scalar(x.Int64())
		}
		return w.scalar(x)
	case []any:
		out := x
		if !w.inPlace {
			out = make([]any, len(x))
		}
		for i, e := range x {
			var err error
			if out[i], err = w.walk(e, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		out := x
		if !w.inPlace {
			out = make(map[string]any, len(x))
		}
		for k, e := range x {
			if err := w.entry(out, k, e, depth); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			ks, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("%w: map key %s, want string", ErrValueType, typeName(k))
			}
			if err := w.entry(out, ks, e, depth); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if w.conv != nil {
		out, ok, err := w.conv(v)
		if err != nil {
			return nil, err
		}
		if ok {
			return w.walk(out, depth+1)
		}
	}
	return nil, fmt.Errorf("%w: %s is outside the value model", ErrValueType, typeName(v))
}

func (w *valueWalker) entry(out map[string]any, k string, v any, depth int) error {
	if err := w.spend(len(k)); err != nil {
		return err
	}
	ev, err := w.walk(v, depth+1)
	out[k] = ev
	return err
}

func (w *valueWalker) scalar(v any) (any, error) {
	if w.leaf == nil {
		return v, nil
	}
	return w.leaf(v)
}

// typeName names v's dynamic type for error messages.
func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}
