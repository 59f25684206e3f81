package peer

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"

	"framebench/strategies"
)

// bigInt parses a decimal integer for test values.
func bigInt(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad integer " + s)
	}
	return b
}

// seedString is the seed's message: '0' * n.
func seedString(n int) string { return strings.Repeat("0", n) }

// testValues are the values every generic codec must carry: the sizes of
// the issue (10 B, the seed's 65,537 B, 1 MiB), nested dicts and lists,
// unicode, integers beyond 64 bits and bytes.
func testValues() []any {
	return []any{
		seedString(10),
		seedString(65537),
		seedString(1 << 20),
		"", "ünïcødé – 日本語 – 😀",
		nil, true, false,
		int64(0), int64(-1), int64(1) << 62, int64(math.MinInt64), int64(math.MaxInt64),
		bigInt("340282366920938463463374607431768211457"), // 2^128 + 1
		bigInt("-1267650600228229401496703205376"),        // -2^100
		1.5, -0.25, 1e300, 2.0, math.SmallestNonzeroFloat64,
		[]byte{0, 1, 2, 0xfe, 0xff, '\n'},
		[]byte(seedString(65537)),
		[]any{}, map[string]any{},
		map[string]any{
			"name":  "ü",
			"list":  []any{int64(1), 2.5, "three", []any{nil, true}, map[string]any{"deep": []any{bigInt("18446744073709551617")}}},
			"bytes": []byte("\x00\x01payload"),
			"map":   map[string]any{"a": map[string]any{"b": map[string]any{"c": "d"}}},
		},
		[]any{map[string]any{"k": int64(-5)}, []any{[]any{[]any{"x"}}}},
	}
}

// expect is v as codec c brings it back: json has no bytes (they come
// back as base64 strings); msgpack has no integers beyond 64 bits (ok is
// false: the value cannot travel).
func expect(c strategies.Codec, v any) (out any, ok bool) {
	switch x := v.(type) {
	case []byte:
		if c == strategies.JSON {
			return base64.StdEncoding.EncodeToString(x), true
		}
	case *big.Int:
		if c == strategies.Msgpack && !x.IsUint64() && !x.IsInt64() {
			return nil, false
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			if out[i], ok = expect(c, e); !ok {
				return nil, false
			}
		}
		return out, true
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if out[k], ok = expect(c, e); !ok {
				return nil, false
			}
		}
		return out, true
	}
	return v, true
}

// sameValue reports whether a and b are the same value of the model:
// integers compare by value whatever their Go type, an int never equals a
// float, bytes never equal a string.
func sameValue(a, b any) bool {
	if ai, ok := asInt(a); ok {
		bi, ok := asInt(b)
		return ok && ai.Cmp(bi) == 0
	}
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || math.IsNaN(x) && math.IsNaN(y)) && math.Signbit(x) == math.Signbit(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && string(x) == string(y)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
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
			if f, ok := y[k]; !ok || !sameValue(e, f) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

func asInt(v any) (*big.Int, bool) {
	switch x := v.(type) {
	case int64:
		return big.NewInt(x), true
	case *big.Int:
		return x, true
	}
	return nil, false
}

// short describes a value for failure messages without printing a MiB.
func short(v any) string {
	s := fmt.Sprintf("%T %v", v, v)
	if len(s) > 80 {
		s = s[:60] + fmt.Sprintf("… (%d chars)", len(s))
	}
	return s
}

// size is roughly how many bytes v takes encoded.
func size(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case []byte:
		return len(x) * 4 / 3
	case []any:
		n := 0
		for _, e := range x {
			n += size(e)
		}
		return n
	case map[string]any:
		n := 0
		for k, e := range x {
			n += len(k) + size(e)
		}
		return n
	}
	return 8
}
