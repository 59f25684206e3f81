package strategies

import (
	"errors"
	"io"
)

// Raw is the codec that sends a blob's bytes as they are. It is not
// self-delimiting: it has no streaming encoder and carries only blobs.
var Raw Codec = rawCodec{}

type rawCodec struct{}

var errRawStruct = errors.New("raw: carries blob payloads only")

func (rawCodec) Name() string            { return "raw" }
func (rawCodec) Supports(p Payload) bool { return p == Blob }
func (rawCodec) NewlineFree() bool       { return false }
func (rawCodec) ReadsAhead() bool        { return false }

func (rawCodec) Append(dst []byte, m *Message) ([]byte, error) {
	if len(m.Items) > 0 {
		return dst, errRawStruct
	}
	return append(dst, m.Blob...), nil
}

func (rawCodec) Bytes(m *Message) ([]byte, error) {
	if len(m.Items) > 0 {
		return nil, errRawStruct
	}
	return m.Blob, nil
}

// Unmarshal makes m.Blob alias data: no copy.
func (rawCodec) Unmarshal(data []byte, m *Message) error {
	m.Blob, m.Items = data, nil
	return nil
}

// scanMessage: a raw message is its whole input, and decodes to it: it
// costs nothing.
func (rawCodec) scanMessage(s *scanner, _ *Splitter) error {
	s.pos = len(s.buf)
	return nil
}

func (rawCodec) scanCosts(typed bool) (int64, int64) { return leanCosts(typed) }

func (rawCodec) NewEncoder(io.Writer) Encoder { return nil }
func (rawCodec) NewDecoder(io.Reader) Decoder { return nil }
