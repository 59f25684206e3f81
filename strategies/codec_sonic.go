package strategies

import (
	"io"
	"reflect"

	"github.com/bytedance/sonic"
	"github.com/bytedance/sonic/encoder"
)

// Sonic is github.com/bytedance/sonic, a JSON codec that compiles an
// encoder and a decoder for each type at run time (JIT) and scans with
// SIMD, with its default configuration (sonic.ConfigDefault, what
// sonic.Marshal and sonic.Unmarshal use: no HTML escaping, no check of
// UTF-8). Append encodes straight into dst (encoder.EncodeInto, with
// ConfigDefault's options, none). Unmarshal copies its input before it
// decodes (sonic's own Unmarshal does), so that strings taken without a
// copy from it do not alias the reader's buffer; it rejects trailing data.
//
// Its encodings are JSON with the same fields as the json codec's, blobs
// in base64; they hold no raw newline (sonic escapes control characters),
// so the newline strategies carry it, and json's scan checks it. sonic's
// streaming decoder reads ahead of the message in a buffer of its own, so
// the stream strategy does not apply.
var Sonic Codec = sonicCodec{}

// init compiles sonic's encoder and decoder of Message now, as sonic's
// documentation advises (sonic.Pretouch), rather than in the first call:
// that call would allocate some MB for the compiler, which no measurement
// or decoding budget should be charged. Where sonic cannot compile (an
// unsupported CPU or Go), it falls back to encoding/json by itself.
func init() { _ = sonic.Pretouch(reflect.TypeFor[Message]()) }

type sonicCodec struct{}

func (sonicCodec) Name() string                 { return "sonic" }
func (sonicCodec) Supports(Payload) bool        { return true }
func (sonicCodec) NewlineFree() bool            { return true }
func (sonicCodec) ReadsAhead() bool             { return false } // no stream decoder
func (sonicCodec) NewEncoder(io.Writer) Encoder { return nil }
func (sonicCodec) NewDecoder(io.Reader) Decoder { return nil }

// Append appends m's encoding to dst.
func (sonicCodec) Append(dst []byte, m *Message) ([]byte, error) {
	buf := dst
	if err := encoder.EncodeInto(&buf, m, 0); err != nil {
		return dst, err
	}
	return buf, nil
}

// Unmarshal decodes one whole message with sonic.Unmarshal.
func (sonicCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	return sonic.ConfigDefault.Unmarshal(data, m)
}

// scanEncoding scans one JSON message, white space around it included.
// sonic copies the input, then grows slices by appending (an Item costs
// it 300 to 600 bytes): four times cbor's costs, three bytes per byte.
func (sonicCodec) scanCosts(bool) (scale, bytes int64)       { return 16, 3 }
func (sonicCodec) scanMessage(s *scanner, _ *Splitter) error { return scanJSON(s) }
func (sonicCodec) skipSpace(s *scanner) error                { return s.jsonSpace() }
