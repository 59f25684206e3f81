package peer

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"

	"framebench/strategies"
)

// BytesKey is the key of the one-entry JSON object that stands for a byte
// string when bytes are tagged (Config.TagBytes): {"$bytes": "<base64>"}.
const BytesKey = "$bytes"

// ErrJSON: a JSON line that is not one JSON value, or a value that JSON
// lines cannot carry (NaN, an infinity).
var ErrJSON = errors.New("peer: bad json line")

// AppendJSON appends v, a value of the strategies.ValueCodec model, as one
// line of JSON ending in '\n'. Integers are written exactly, whatever their
// size; floats always carry a '.' or an exponent, so that they read back as
// floats; byte strings are standard base64 strings, or {"$bytes": base64}
// objects if tagBytes is set. NaN and the infinities have no JSON form and
// are refused (ErrJSON). Map keys come out sorted.
func AppendJSON(dst []byte, v any, tagBytes bool) ([]byte, error) {
	jv, err := toJSON(v, tagBytes)
	if err != nil {
		return dst, err
	}
	w := bytes.NewBuffer(dst)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jv); err != nil {
		return dst, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	return w.Bytes(), nil
}

// toJSON rebuilds v with json.Number for numbers and strings for bytes, so
// that encoding/json writes them exactly as wanted.
func toJSON(v any, tagBytes bool) (any, error) {
	switch x := v.(type) {
	case nil, bool, string:
		return x, nil
	case int64:
		return json.Number(strconv.FormatInt(x, 10)), nil
	case *big.Int:
		return json.Number(x.String()), nil
	case float64:
		n, err := strategies.JSONFloat(x)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrJSON, err)
		}
		return n, nil
	case []byte:
		s := base64.StdEncoding.EncodeToString(x)
		if tagBytes {
			return map[string]any{BytesKey: s}, nil
		}
		return s, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			var err error
			if out[i], err = toJSON(e, tagBytes); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			var err error
			if out[k], err = toJSON(e, tagBytes); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: %T is outside the value model", strategies.ErrValueType, v)
}

// ParseJSON decodes one JSON value (a line, without or with its '\n') into
// the value model: integers without '.', 'e' or 'E' become int64, or
// *big.Int beyond 64 bits, exactly; other numbers float64. With tagBytes, an
// object whose only key is "$bytes" and whose value is a base64 string
// becomes []byte. Anything after the value but white space is an error;
// the line is checked first (strategies.CheckValueEncoding): its decoding
// is held to the budget, its integers to strategies.MaxIntDigits.
func ParseJSON(line []byte, tagBytes bool) (any, error) {
	if _, err := strategies.CheckValueEncoding(strategies.JSON.(strategies.ValueCodec), line); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJSON, err)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: more than one value (at byte %d)", ErrJSON, dec.InputOffset())
	}
	return fromJSON(v, tagBytes)
}

func fromJSON(v any, tagBytes bool) (any, error) {
	switch x := v.(type) {
	case json.Number:
		return parseNumber(string(x))
	case []any:
		for i, e := range x {
			var err error
			if x[i], err = fromJSON(e, tagBytes); err != nil {
				return nil, err
			}
		}
		return x, nil
	case map[string]any:
		if s, ok := x[BytesKey].(string); ok && tagBytes && len(x) == 1 {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return nil, fmt.Errorf("%w: %q: %v", ErrJSON, BytesKey, err)
			}
			return b, nil
		}
		for k, e := range x {
			var err error
			if x[k], err = fromJSON(e, tagBytes); err != nil {
				return nil, err
			}
		}
		return x, nil
	}
	return v, nil // nil, bool, string
}

// parseNumber is the number rule of ParseJSON: strategies.ParseJSONNumber,
// its errors marked as bad JSON.
func parseNumber(s string) (any, error) {
	v, err := strategies.ParseJSONNumber(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJSON, err)
	}
	return v, nil
}

// appendMessageJSON and parseMessageJSON are the JSON lines of messages
// mode: a strategies.Message as encoding/json writes it.
func appendMessageJSON(dst []byte, m *strategies.Message) ([]byte, error) {
	w := bytes.NewBuffer(dst)
	if err := json.NewEncoder(w).Encode(m); err != nil {
		return dst, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	return w.Bytes(), nil
}

func parseMessageJSON(line []byte) (*strategies.Message, error) {
	if _, err := strategies.CheckEncoding(strategies.JSON, line); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJSON, err)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	m := new(strategies.Message)
	if err := dec.Decode(m); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: more than one value (at byte %d)", ErrJSON, dec.InputOffset())
	}
	return m, nil
}
