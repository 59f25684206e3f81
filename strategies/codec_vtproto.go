package strategies

import (
	"io"
	"slices"

	"framebench/strategies/pb"
)

// VTProto is protobuf with the marshalling code that
// github.com/planetscale/vtprotobuf generates for the types of package pb
// (pb/framebench_vtproto.pb.go: MarshalVT, UnmarshalVT and SizeVT, with no
// reflection), beside the protobuf codec, which runs the same types
// through google.golang.org/protobuf's reflection-based proto.Marshal. The
// bytes on the wire are protobuf's, so protobuf's scan checks them. As the
// protobuf codec does, it converts from and to Message through a pooled
// pb.Message whose fields alias m, so that what differs is the
// marshalling alone. Unlike proto.Unmarshal, the generated UnmarshalVT does
// not check that strings are valid UTF-8.
var VTProto Codec = vtprotoCodec{}

type vtprotoCodec struct{}

func (vtprotoCodec) Name() string                 { return "vtproto" }
func (vtprotoCodec) Supports(Payload) bool        { return true }
func (vtprotoCodec) NewlineFree() bool            { return false }
func (vtprotoCodec) ReadsAhead() bool             { return false } // no stream decoder
func (vtprotoCodec) NewEncoder(io.Writer) Encoder { return nil }
func (vtprotoCodec) NewDecoder(io.Reader) Decoder { return nil }

// Append appends m's encoding to dst: SizeVT, then MarshalToSizedBufferVT
// straight into dst's spare capacity.
func (vtprotoCodec) Append(dst []byte, m *Message) ([]byte, error) {
	s := protoPool.Get().(*protoScratch)
	s.fill(m)
	n := s.msg.SizeVT()
	dst = slices.Grow(dst, n)
	_, err := s.msg.MarshalToSizedBufferVT(dst[len(dst) : len(dst)+n])
	s.clear()
	protoPool.Put(s)
	if err != nil {
		return dst, err
	}
	return dst[:len(dst)+n], nil
}

// Unmarshal decodes one message with UnmarshalVT. m takes over the decoded
// byte slices.
func (vtprotoCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	var pm pb.Message
	if err := pm.UnmarshalVT(data); err != nil {
		return err
	}
	fromPB(&pm, m)
	return nil
}

// scanEncoding scans a protobuf message, at the protobuf codec's costs:
// UnmarshalVT allocates each Item and Part, and grows their slices, as
// proto.Unmarshal does.
func (vtprotoCodec) scanCosts(bool) (scale, bytes int64)       { return 4, 1 }
func (vtprotoCodec) scanMessage(s *scanner, _ *Splitter) error { return scanProtobuf(s) }
