package strategies

import (
	"io"
	"sync"

	"google.golang.org/protobuf/proto"

	"framebench/strategies/pb"
)

// Protobuf is the google.golang.org/protobuf codec over the generated types
// in package pb (see pb/framebench.proto). Protobuf is not self-delimiting:
// it has no streaming Encoder or Decoder (the protodelim strategy adds a
// varint length), and concatenated encodings merge into one message, so
// Unmarshal cannot see trailing data. Strings must be valid UTF-8 (proto3).
//
// A program that uses protobuf holds pb types to begin with; this codec has
// to convert. Append fills a pooled pb.Message whose fields alias m (no
// copies) and whose Item and Part values are reused, so that what is
// measured is protobuf's own marshalling; Unmarshal decodes into a fresh
// pb.Message, whose byte slices m then takes over.
var Protobuf Codec = protobufCodec{}

type protobufCodec struct{}

func (protobufCodec) Name() string                 { return "protobuf" }
func (protobufCodec) Supports(Payload) bool        { return true }
func (protobufCodec) NewlineFree() bool            { return false }
func (protobufCodec) ReadsAhead() bool             { return false }
func (protobufCodec) NewEncoder(io.Writer) Encoder { return nil }
func (protobufCodec) NewDecoder(io.Reader) Decoder { return nil }

// protoScratch is a pb.Message with reusable backing for its items and parts.
type protoScratch struct {
	msg   pb.Message
	items []pb.Item
	iptrs []*pb.Item
	parts []pb.Part
	pptrs []*pb.Part
}

// protoPool holds scratch messages: the codec is stateless and safe for
// concurrent use, so reuse goes through a pool.
var protoPool = sync.Pool{New: func() any { return new(protoScratch) }}

func (protobufCodec) Append(dst []byte, m *Message) ([]byte, error) {
	s := protoPool.Get().(*protoScratch)
	s.fill(m)
	out, err := proto.MarshalOptions{}.MarshalAppend(dst, &s.msg)
	s.clear()
	protoPool.Put(s)
	if err != nil {
		return dst, err
	}
	return out, nil
}

// fill points s.msg at m's data.
func (s *protoScratch) fill(m *Message) {
	s.msg.Blob = m.Blob
	n, np := len(m.Items), 0
	for i := range m.Items {
		np += len(m.Items[i].Parts)
	}
	// Grow by reallocating: pb values must not be copied once used.
	if cap(s.items) < n {
		s.items = make([]pb.Item, n)
		s.iptrs = make([]*pb.Item, n)
		for i := range s.items {
			s.iptrs[i] = &s.items[i]
		}
	}
	if cap(s.parts) < np {
		s.parts = make([]pb.Part, np)
		s.pptrs = make([]*pb.Part, np)
		for i := range s.parts {
			s.pptrs[i] = &s.parts[i]
		}
	}
	s.msg.Items = s.iptrs[:n]
	np = 0
	for i := range m.Items {
		it, pi := &m.Items[i], &s.items[i]
		pi.Id, pi.Name, pi.Score, pi.Active = it.ID, it.Name, it.Score, it.Active
		pi.Tags, pi.Data = it.Tags, it.Data
		pi.Parts = s.pptrs[np : np+len(it.Parts) : np+len(it.Parts)]
		for _, p := range it.Parts {
			s.parts[np].Key, s.parts[np].Value = p.Key, p.Value
			np++
		}
	}
}

// clear drops the references to the caller's message before s is pooled.
func (s *protoScratch) clear() {
	s.msg.Blob = nil
	for i := range s.msg.Items {
		pi := &s.items[i]
		for _, pp := range pi.Parts {
			pp.Key = ""
		}
		pi.Name, pi.Tags, pi.Data, pi.Parts = "", nil, nil, nil
	}
	s.msg.Items = nil
}

// Unmarshal decodes one message. m takes over the decoded byte slices.
func (protobufCodec) Unmarshal(data []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	var pm pb.Message
	if err := proto.Unmarshal(data, &pm); err != nil {
		return err
	}
	m.Blob = pm.GetBlob()
	if len(pm.Items) == 0 {
		return nil
	}
	m.Items = make([]Item, len(pm.Items))
	for i, pi := range pm.Items {
		it := &m.Items[i]
		it.ID, it.Name, it.Score, it.Active = pi.GetId(), pi.GetName(), pi.GetScore(), pi.GetActive()
		it.Tags, it.Data = pi.GetTags(), pi.GetData()
		if len(pi.Parts) > 0 {
			it.Parts = make([]Part, len(pi.Parts))
			for j, pp := range pi.Parts {
				it.Parts[j] = Part{Key: pp.GetKey(), Value: pp.GetValue()}
			}
		}
	}
	return nil
}
