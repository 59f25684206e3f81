package strategies

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/hamba/avro/v2"
)

// Avro is github.com/hamba/avro/v2, the schema codec: Apache Avro's binary
// encoding of Message by the schema in message.avsc (its field names are
// the Go names), with no schema or header on the wire; the reader knows
// the schema. Avro is not self-delimiting without it, and the library's
// Decoder reads ahead, so the stream strategy does not apply.
//
// hamba/avro v2.31.0 trusts the block counts of arrays: a count of −2^63,
// or counts whose sum overflows an int, make it set a negative slice
// length and then write outside the slice (memory corruption, not a
// panic), and a count beyond the data makes it allocate the count's
// elements. So Unmarshal first walks the encoding with the avro scan
// (every length and count backed by the data, without the decoding
// budget), and only then lets the library decode: the measured avro
// includes that walk. Byte strings may be up to MaxSize long (the
// library's default limit is 1 MiB). Decoded strings and byte strings
// are copies.
var Avro Codec = avroCodec{}

//go:embed message.avsc
var avroSchemaText string

var (
	avroSchema = avro.MustParse(avroSchemaText)
	avroAPI    = avro.Config{MaxByteSliceSize: MaxSize}.Freeze()
	// Readers and writers are reused: the codec is stateless and safe for
	// concurrent use, and the library's Marshal copies its result once more.
	avroReaders = sync.Pool{New: func() any { return avro.NewReader(nil, 0, avro.WithReaderConfig(avroAPI)) }}
	avroWriters = sync.Pool{New: func() any { return avro.NewWriter(nil, 512, avro.WithWriterConfig(avroAPI)) }}
)

type avroCodec struct{}

func (avroCodec) Name() string                 { return "avro" }
func (avroCodec) Supports(Payload) bool        { return true }
func (avroCodec) NewlineFree() bool            { return false }
func (avroCodec) ReadsAhead() bool             { return false } // no stream decoder
func (avroCodec) NewEncoder(io.Writer) Encoder { return nil }
func (avroCodec) NewDecoder(io.Reader) Decoder { return nil }

// Append appends m's encoding to dst.
func (avroCodec) Append(dst []byte, m *Message) ([]byte, error) {
	w := avroWriters.Get().(*avro.Writer)
	defer avroWriters.Put(w)
	w.Reset(nil)
	w.Error = nil
	w.WriteVal(avroSchema, m)
	if w.Error != nil {
		return dst, w.Error
	}
	return append(dst, w.Buffer()...), nil
}

// Unmarshal checks the encoding's structure, then decodes it. A cut
// message is io.ErrUnexpectedEOF; bytes after it are ErrTrailingData.
func (avroCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	s := scanner{buf: data, fixed: math.MaxInt64, codec: "avro", typed: true}
	if err := scanAvro(&s); err != nil {
		return err
	}
	if s.pos != len(data) {
		return s.errorf(ErrTrailingData, "%d bytes after the message", len(data)-s.pos)
	}
	r := avroReaders.Get().(*avro.Reader)
	defer avroReaders.Put(r)
	r.Reset(data)
	r.Error = nil
	r.ReadVal(avroSchema, m)
	err = r.Error
	if err == nil {
		if r.Peek(); r.Error == nil {
			err = fmt.Errorf("%w: after the message", ErrTrailingData)
		}
	} else if errors.Is(err, io.EOF) { // the library takes a cut at a long for the end
		err = fmt.Errorf("%w: %v", io.ErrUnexpectedEOF, err)
	}
	r.Reset(nil)
	return err
}

// Costs of decoding with hamba/avro: slices grow by reflect2's UnsafeGrow
// (by a quarter past 1,024 elements: up to five times their final size in
// all), strings are copied into slabs of 1 KiB.
func (avroCodec) scanCosts(bool) (scale, bytes int64)       { return 16, 1 }
func (avroCodec) scanMessage(s *scanner, _ *Splitter) error { return scanAvro(s) }

// scanAvro scans one Message by message.avsc.
func scanAvro(s *scanner) error {
	if err := s.spend(costMap); err != nil {
		return err
	}
	if err := s.avroBytes(); err != nil { // Blob
		return err
	}
	return s.avroArray(func() error { // Items
		if err := s.spend(costMap); err != nil {
			return err
		}
		if _, err := s.avroLong(); err != nil { // ID
			return err
		}
		if err := s.avroBytes(); err != nil { // Name
			return err
		}
		if _, err := s.take(8); err != nil { // Score
			return err
		}
		b, err := s.byte() // Active
		if err != nil {
			return err
		}
		if b > 1 {
			s.pos--
			return s.errorf(ErrMalformed, "avro boolean %#x", b)
		}
		if err := s.avroArray(s.avroBytes); err != nil { // Tags
			return err
		}
		if err := s.avroBytes(); err != nil { // Data
			return err
		}
		return s.avroArray(func() error { // Parts
			if err := s.spend(costMap); err != nil {
				return err
			}
			if err := s.avroBytes(); err != nil { // Key
				return err
			}
			_, err := s.avroLong() // Value
			return err
		})
	})
}

// avroLong reads a zig-zag varint of at most ten bytes, as the library does.
func (s *scanner) avroLong() (int64, error) {
	var v uint64
	for i := range 10 {
		c, err := s.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return int64(v>>1) ^ -int64(v&1), nil
		}
	}
	s.pos -= 10
	return 0, s.errorf(ErrMalformed, "avro long of more than ten bytes")
}

// avroBytes scans a string or byte string: a length, then its bytes.
func (s *scanner) avroBytes() error {
	n, err := s.avroLong()
	if err != nil {
		return err
	}
	if n < 0 {
		return s.errorf(ErrMalformed, "avro length %d", n)
	}
	if _, err := s.take(uint64(n)); err != nil {
		return err
	}
	return s.str(int(n))
}

// avroArray scans the blocks of an array, each a count (negative: then a
// byte size) and that many items, up to a count of 0. Every item takes a
// byte at least, so a count beyond the data fails at its end.
func (s *scanner) avroArray(item func() error) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if err := s.spend(costArray); err != nil {
		return err
	}
	for {
		n, err := s.avroLong()
		if err != nil || n == 0 {
			return err
		}
		if n < 0 {
			if n == math.MinInt64 {
				return s.errorf(ErrMalformed, "avro block count -2^63")
			}
			n = -n
			size, err := s.avroLong()
			if err != nil {
				return err
			}
			if size < 0 {
				return s.errorf(ErrMalformed, "avro block size %d", size)
			}
		}
		for range n {
			if err := s.slot(); err != nil {
				return err
			}
			if err := item(); err != nil {
				return err
			}
		}
	}
}
