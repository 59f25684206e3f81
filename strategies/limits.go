package strategies

import "fmt"

// The bounds that every reader of this package keeps to, whatever it is
// given: options, length claims, numbers and the values that a message
// decodes into. The peer command checks its flags against the same bounds.
const (
	// MaxSize is the largest MaxFrame and BufSize that readers and writers
	// use: larger ones are clamped to it (the peer refuses them), so that
	// no option can make a reader allocate, or a size overflow, past 1 GiB.
	MaxSize = 1 << 30

	// DecodeRatio and DecodeSlack are the decoding budget of one message:
	// decoding a message of F bytes may allocate at most DecodeRatio·F +
	// DecodeSlack bytes, garbage included, as CheckEncoding and Splitter
	// estimate it before a library decodes anything. With the message
	// itself a reader then holds at most about 8·F + 80 MB, whatever the
	// garbage collector does. 7 is what og-rek allocates for a pickled
	// string, the most wasteful of the libraries: a budget below it would
	// refuse large pickles of a string, the seed's very messages.
	DecodeRatio = 7
	DecodeSlack = 64 << 20

	// MaxIntDigits bounds integers written in decimal (json numbers,
	// pickle's INT and LONG): converting n digits to binary, or back, takes
	// time that grows faster than n (1M digits: seconds). 4300 is CPython's
	// default sys.int_info.default_max_str_digits, chosen for the same reason.
	MaxIntDigits = 4300
	// MaxBigIntBits bounds integers written in binary (cbor bignums,
	// pickle's LONG1 and LONG4): the most that MaxIntDigits decimal digits
	// need, so that every integer read can be written out in decimal.
	MaxBigIntBits = 14284
)

// clampSize returns n if 0 < n <= MaxSize, MaxSize if n is larger, and def
// if n is 0 or negative (the option's default).
func clampSize(n, def int) int {
	switch {
	case n <= 0:
		return def
	case n > MaxSize:
		return MaxSize
	}
	return n
}

// bufSizeOr is Options.BufSize clamped, or def if it is not set.
func (o Options) bufSizeOr(def int) int { return clampSize(o.BufSize, def) }

// decodeBudget is the decoding budget of a message of n bytes.
func decodeBudget(n int64) int64 { return DecodeRatio*n + DecodeSlack }

// checkIntDigits refuses a decimal integer of n digits past MaxIntDigits.
func checkIntDigits(n int) error {
	if n > MaxIntDigits {
		return fmt.Errorf("%w: integer of %d decimal digits, limit %d", ErrValueRange, n, MaxIntDigits)
	}
	return nil
}

// checkIntBytes refuses a binary integer of n bytes that may be longer
// than MaxBigIntBits (leading zero bytes count: a claim is judged by its size).
func checkIntBytes(n int) error {
	if n > (MaxBigIntBits+7)/8 {
		return fmt.Errorf("%w: integer of %d bytes, limit %d bits", ErrValueRange, n, MaxBigIntBits)
	}
	return nil
}
