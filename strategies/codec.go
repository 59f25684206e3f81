package strategies

import (
	"fmt"
	"io"
	"slices"
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
	// ReadsAhead reports whether the streaming decoder reads ahead into a
	// buffer of its own and counts what it consumed: its Decoders then
	// implement OffsetDecoder. The stream strategy gives the decoders of
	// the others (which read exactly one message from an io.ByteReader) a
	// bufio.Reader over a byte counter, and counts for them.
	ReadsAhead() bool
}

// OffsetDecoder is a Decoder that knows the stream offset at which the
// next message starts (see Codec.ReadsAhead).
type OffsetDecoder interface {
	Decoder
	InputOffset() int64
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
var Codecs = []Codec{Raw, Gob, JSON, Pickle, Msgpack, CBOR, Protobuf}

// LookupCodec returns the registered codec with the given name.
func LookupCodec(name string) (Codec, error) {
	for _, c := range Codecs {
		if c.Name() == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("strategies: unknown codec %q", name)
}

// SweepCodecs are the codecs of the framing sweep, in the order that picks
// the codec a strategy is measured and shown with: the bytes as they are
// (a BytesCodec, raw) where the strategy carries them, else the first
// self-delimiting codec (for the stream strategies), else the first
// without raw newlines (for the newline strategies). They come from the
// registry's order and the codecs' own declarations.
func SweepCodecs() []Codec {
	var out []Codec
	add := func(keep func(Codec) bool) {
		for _, c := range Codecs {
			if keep(c) {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
				return
			}
		}
	}
	add(func(c Codec) bool { _, ok := c.(BytesCodec); return ok })
	add(func(c Codec) bool { return c.NewEncoder(io.Discard) != nil })
	add(Codec.NewlineFree)
	return out
}
