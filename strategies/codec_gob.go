package strategies

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io"
)

// Gob is the encoding/gob codec. A gob stream sends each type's description
// once, before the first value of that type, so the streaming Encoder and
// Decoder live for the whole stream. Append and Unmarshal, which see one
// message alone, must carry the type description in every message: that is
// what marshal-then-frame costs with gob, and what the framed strategies
// measure. gob decodes into a Message without clearing absent fields, so
// every decode starts from an empty Message.
var Gob Codec = gobCodec{}

type gobCodec struct{}

func (gobCodec) Name() string          { return "gob" }
func (gobCodec) Supports(Payload) bool { return true }
func (gobCodec) NewlineFree() bool     { return false }
func (gobCodec) ReadsAhead() bool      { return false }

// Append encodes m with a fresh gob.Encoder: type description, then value.
func (gobCodec) Append(dst []byte, m *Message) ([]byte, error) {
	w := sliceWriter{b: dst}
	if err := gob.NewEncoder(&w).Encode(m); err != nil {
		return dst, err
	}
	return w.b, nil
}

// Unmarshal decodes one message with a fresh gob.Decoder. bytes.Reader is an
// io.ByteReader, so gob reads it directly and what is left is trailing data.
func (gobCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	r := bytes.NewReader(data)
	if err := gob.NewDecoder(r).Decode(m); err != nil {
		return noEOF(err)
	}
	if r.Len() != 0 {
		return fmt.Errorf("%w: %d bytes", ErrTrailingData, r.Len())
	}
	return nil
}

func (gobCodec) NewEncoder(w io.Writer) Encoder { return gobEncoder{gob.NewEncoder(w)} }

// NewDecoder returns a gob.Decoder for the stream. gob wraps a reader that
// is not an io.ByteReader in a bufio.Reader, so it reads ahead: the stream
// belongs to the decoder from then on. gob.Decoder returns io.EOF only
// before the first byte of a message (type descriptions included) and
// io.ErrUnexpectedEOF inside one.
func (gobCodec) NewDecoder(r io.Reader) Decoder { return gobDecoder{gob.NewDecoder(r)} }

type gobEncoder struct{ enc *gob.Encoder }

func (e gobEncoder) Encode(m *Message) error { return e.enc.Encode(m) }

type gobDecoder struct{ dec *gob.Decoder }

func (d gobDecoder) Decode(m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	return d.dec.Decode(m)
}
