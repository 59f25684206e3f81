package strategies

import (
	"errors"
	"fmt"
	"io"

	"github.com/tinylib/msgp/msgp"
)

// The msgp methods of Message, Item and Part are generated (go generate
// ./strategies, with the msgp tool of go.mod) and committed. The limits of
// their msg tags make the generated decoder refuse a list that claims more
// than 65,536 elements (msgp.ErrLimitExceeded) before it makes the slice:
// without them, five bytes claiming 2^32 Items would make it allocate
// 480 GB. (msgp's file-wide limit directive would bound byte strings too.)
//go:generate go tool msgp -file message.go -o message_msgp.go -tests=false -io=false -d "ignore Payload"

// Msgp is github.com/tinylib/msgp: msgpack marshalling generated for the
// message types, no reflection. The encoding is msgpack's, the same as
// the msgpack codec's (a map of field names, Blob and Items left out when
// nil), so msgpack's scan checks it. Decoding copies byte strings and
// strings out of the input and makes each slice at its claimed length, up
// to 65,536 elements (more fail: ErrLimitExceeded), ahead of the data: at
// most about 10 MB for a chain of claims, as the msgpack codec's cap.
//
// msgp also generates streaming methods on its own read-ahead Reader;
// they are not used (the stream strategy does not apply): the encoding is
// self-delimiting, but the Reader buffers ahead of the message.
var Msgp Codec = msgpCodec{}

type msgpCodec struct{}

func (msgpCodec) Name() string                 { return "msgp" }
func (msgpCodec) Supports(Payload) bool        { return true }
func (msgpCodec) NewlineFree() bool            { return false }
func (msgpCodec) ReadsAhead() bool             { return false } // no stream decoder
func (msgpCodec) NewEncoder(io.Writer) Encoder { return nil }
func (msgpCodec) NewDecoder(io.Reader) Decoder { return nil }

// Append appends m's encoding to dst with the generated MarshalMsg.
func (msgpCodec) Append(dst []byte, m *Message) ([]byte, error) {
	return m.MarshalMsg(dst)
}

// Unmarshal decodes one whole message with the generated UnmarshalMsg and
// rejects trailing data. A cut message is io.ErrUnexpectedEOF.
func (msgpCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	rest, err := m.UnmarshalMsg(data)
	switch {
	case errors.Is(err, msgp.ErrShortBytes):
		return fmt.Errorf("%w: %v", io.ErrUnexpectedEOF, err)
	case err != nil:
		return err
	case len(rest) != 0:
		return fmt.Errorf("%w: %d bytes", ErrTrailingData, len(rest))
	}
	return nil
}

// scanEncoding scans a msgpack message. msgp allocates no more than
// cbor's library for the same shapes: slices are made at their length,
// not grown.
func (msgpCodec) scanCosts(bool) (scale, bytes int64)       { return 4, 1 }
func (msgpCodec) scanMessage(s *scanner, _ *Splitter) error { return scanMsgpack(s) }
