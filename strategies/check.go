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

func checkEncoding(c Codec, data []byte, typed bool) (int64, error) {
	s := scanner{buf: data, fixed: decodeBudget(int64(len(data))), codec: c.Name(), typed: typed}
	err := s.scanOne(c, nil)
	if err == nil && c == JSON {
		err = s.jsonSpace()
	}
	if err == nil && s.pos != len(data) {
		err = s.errorf(ErrTrailingData, "%d bytes after the message", len(data)-s.pos)
	}
	return s.cost, err
}

// scanOne scans one message of codec c; types are a gob stream's types so
// far (nil: a new stream).
func (s *scanner) scanOne(c Codec, types gobTypes) error {
	s.scale, s.bytes = codecScale(c, s.typed), codecBytes(c)
	switch c {
	case Raw:
		s.pos = len(s.buf)
		return nil
	case JSON:
		return scanJSON(s)
	case CBOR:
		return scanCBOR(s)
	case Msgpack:
		return scanMsgpack(s)
	case Pickle:
		return scanPickle(s)
	case Protobuf:
		return scanProtobuf(s)
	case Gob:
		if types == nil {
			types = gobTypes{}
		}
		return types.scan(s)
	}
	if sc, ok := c.(encodingScanner); ok {
		return sc.scanEncoding(s)
	}
	return fmt.Errorf("%w: no scanner for codec %s", ErrNotApplicable, c.Name())
}

// encodingScanner is a codec that brings its scan in its own file:
// scanEncoding scans one whole message as scanOne does, setting the
// scanner's scale and bytes to its library's costs first.
type encodingScanner interface {
	scanEncoding(s *scanner) error
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
	if c == Pickle {
		return pickleUnmarshal(data, m, decodeBudget(int64(len(data))))
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
	return c.(valueUnmarshaler).unmarshalValue(data)
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
