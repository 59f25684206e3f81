package strategies

import (
	"fmt"
	"io"
)

// Codec turns a Message into bytes and back. Implementations are stateless
// values, safe for concurrent use; the Encoders and Decoders they make are not.
type Codec interface {
	// Name is the registry and benchmark name, e.g. "gob".
	Name() string
	// Supports reports whether the codec can carry payload p.
	Supports(p Payload) bool
	// Append appends the encoding of m to dst and returns the extended slice.
	Append(dst []byte, m *Message) ([]byte, error)
	// Unmarshal decodes one whole encoding into m, replacing its contents.
	// m may alias data afterwards (raw does), so data must not be reused
	// while m is in use.
	Unmarshal(data []byte, m *Message) error
	// NewEncoder returns a streaming encoder that lives for the whole stream,
	// or nil if the codec is not self-delimiting (raw, protobuf).
	NewEncoder(w io.Writer) Encoder
	// NewDecoder returns the matching streaming decoder, or nil.
	NewDecoder(r io.Reader) Decoder
	// NewlineFree reports whether encodings never contain a '\n' byte, so
	// that newline-delimited strategies can carry them (json only).
	NewlineFree() bool
}

// Encoder writes messages to a stream, one after another.
type Encoder interface {
	Encode(m *Message) error
}

// Decoder reads messages written by the matching Encoder. Decode returns
// io.EOF only at a clean message boundary.
type Decoder interface {
	Decode(m *Message) error
}

// BytesCodec is implemented by codecs whose encoding of a message is a slice
// the message already holds (raw), so that writers send it without a copy.
type BytesCodec interface {
	Bytes(m *Message) ([]byte, error)
}

// Codecs is the codec registry in report order.
var Codecs = []Codec{Raw, Gob, JSON, Sonic, Pickle, Msgpack, Msgp, CBOR, Avro, Protobuf, VTProto}

// LookupCodec returns the registered codec with the given name.
func LookupCodec(name string) (Codec, error) {
	for _, c := range Codecs {
		if c.Name() == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("strategies: unknown codec %q", name)
}
