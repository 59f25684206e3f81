package strategies

import (
	"fmt"
	"io"
)

// Admit, if not nil, is told the estimated cost in bytes of decoding a
// message before a library decodes it; an error refuses the message. A
// server budgets memory across connections with it.
type Admit func(cost int64) error

// CheckEncoding scans one whole encoding of codec c (see the scanners'
// description in scan.go) and returns the estimated bytes that decoding
// it into a Message takes (CheckValueEncoding: into a generic value). It
// fails, without decoding anything, on an encoding that is
// malformed (ErrMalformed), truncated (io.ErrUnexpectedEOF), followed by
// trailing data (ErrTrailingData), nested too deep or expanding past
// DecodeRatio·len(data) + DecodeSlack (ErrValueLimit), or holding a number
// past MaxIntDigits or MaxBigIntBits (ErrValueRange). Errors name the
// codec and the byte offset. Raw costs nothing: it decodes to its input.
func CheckEncoding(c Codec, data []byte) (int64, error) { return checkEncoding(c, data, true) }

// CheckValueEncoding is CheckEncoding for a generic value of a ValueCodec.
func CheckValueEncoding(c ValueCodec, data []byte) (int64, error) {
	cc, ok := c.(Codec)
	if !ok {
		return 0, fmt.Errorf("%w: %T is not a codec", ErrNotApplicable, c)
	}
	return checkEncoding(cc, data, false)
}

// EncodingChecker is implemented by codecs from outside this package that
// check their own encodings for CheckEncoding: it returns the estimated
// bytes that decoding one whole encoding takes, or why it must not be
// decoded. (The codecs of this package are checked by the scanners.)
type EncodingChecker interface {
	CheckEncoding(data []byte) (int64, error)
}

// scannedCodec is a codec whose encodings the scanners check (scan.go);
// every codec of this package declares its scan beside its scanner.
type scannedCodec interface {
	// scanMessage scans one message at s.pos; sp is the Splitter of a
	// stream of them, or nil for one whole encoding.
	scanMessage(s *scanner, sp *Splitter) error
	// scanCosts are how much more than cbor the codec's library allocates
	// for the same shapes, in quarters (typed: decoding into a Message),
	// and what each byte of a string costs it.
	scanCosts(typed bool) (scale, bytes int64)
}

// spacedCodec is a codec whose messages may have white space around them
// (json): skipSpace skips it; at the end of the input it returns nil.
type spacedCodec interface {
	skipSpace(s *scanner) error
}

// budgetUnmarshaler is a codec whose Unmarshal can share one decoded
// object many times (pickle's memo): unmarshalBudget holds the conversion
// to a Message to a budget of units.
type budgetUnmarshaler interface {
	unmarshalBudget(data []byte, m *Message, units int64) error
}

func checkEncoding(c Codec, data []byte, typed bool) (int64, error) {
	sc, ok := c.(scannedCodec)
	if !ok {
		if ec, ok := c.(EncodingChecker); ok {
			return ec.CheckEncoding(data)
		}
		return 0, fmt.Errorf("%w: no scanner for codec %s", ErrNotApplicable, c.Name())
	}
	s := scanner{buf: data, fixed: decodeBudget(int64(len(data))), codec: c.Name(), typed: typed}
	err := s.scanOne(sc, nil)
	if sp, ok := c.(spacedCodec); ok && err == nil {
		err = sp.skipSpace(&s)
	}
	if err == nil && s.pos != len(data) {
		err = s.errorf(ErrTrailingData, "%d bytes after the message", len(data)-s.pos)
	}
	return s.cost, err
}

// scanOne scans one message of codec c at s.pos; sp is the Splitter of a
// stream (nil: one whole encoding).
func (s *scanner) scanOne(c scannedCodec, sp *Splitter) error {
	s.scale, s.bytes = c.scanCosts(s.typed)
	return c.scanMessage(s, sp)
}

// UnmarshalChecked decodes one whole encoding of c from an untrusted
// source into m: CheckEncoding, then admit, then c.Unmarshal (pickle: with
// its memo's expansion held to the same budget). Codec.Unmarshal itself
// does not scan first: the benchmarks decode trusted data.
func UnmarshalChecked(c Codec, data []byte, m *Message, admit Admit) error {
	cost, err := CheckEncoding(c, data)
	if err == nil && admit != nil {
		err = admit(cost)
	}
	if err != nil {
		*m = Message{}
		return err
	}
	if bu, ok := c.(budgetUnmarshaler); ok {
		return bu.unmarshalBudget(data, m, decodeBudget(int64(len(data))))
	}
	return c.Unmarshal(data, m)
}

// valueUnmarshaler is the decoding half of a ValueCodec after the scan.
type valueUnmarshaler interface {
	unmarshalValue(data []byte) (any, error)
}

// UnmarshalValueChecked is UnmarshalChecked for a generic value:
// c.UnmarshalValue is UnmarshalValueChecked without admit.
func UnmarshalValueChecked(c ValueCodec, data []byte, admit Admit) (any, error) {
	cost, err := CheckValueEncoding(c, data)
	if err == nil && admit != nil {
		err = admit(cost)
	}
	if err != nil {
		return nil, err
	}
	if vu, ok := c.(valueUnmarshaler); ok {
		return vu.unmarshalValue(data) // UnmarshalValue, without the scan
	}
	return c.UnmarshalValue(data)
}

// unitReader serves one gob unit (type definitions and a value) at a time
// to a gob.Decoder that lives for the stream. It is an io.ByteReader, so
// gob reads no further than it must.
type unitReader struct{ b []byte }

func (u *unitReader) Read(p []byte) (int, error) {
	if len(u.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, u.b)
	u.b = u.b[n:]
	return n, nil
}

func (u *unitReader) ReadByte() (byte, error) {
	if len(u.b) == 0 {
		return 0, io.EOF
	}
	c := u.b[0]
	u.b = u.b[1:]
	return c, nil
}
