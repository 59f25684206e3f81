package strategies

import "google.golang.org/protobuf/encoding/protowire"

// Costs of the protobuf codec's decoding, by pb/framebench.proto's schema:
// proto.Unmarshal allocates a pb.Item (about 150 bytes) and a pointer to it
// in a slice that doubles as it grows, then Unmarshal converts it to an
// Item (112 bytes); a Part likewise (about 64 and 24); a tag is a string
// header in a slice that doubles as it grows.
const (
	costPBItem = 384
	costPBPart = 160
	costPBTag  = 96
)

// scanProtobuf scans one pb.Message: the fields it knows with the costs
// of their decoding, the others (which protobuf keeps as unknown fields)
// at their length. Protobuf messages are not self-delimiting: it scans the
// whole input (CheckEncoding only; there is no protobuf stream).
func (protobufCodec) scanMessage(s *scanner, _ *Splitter) error { return scanProtobuf(s) }
func (protobufCodec) scanCosts(typed bool) (int64, int64)       { return leanCosts(typed) }

func scanProtobuf(s *scanner) error {
	err := s.pbMessage(s.buf[s.pos:], func(num protowire.Number, b []byte) error {
		switch num {
		case 1: // blob
			return s.str(len(b))
		case 2: // items
			if err := s.spend(costPBItem); err != nil {
				return err
			}
			return s.pbMessage(b, s.pbItem)
		}
		return s.spend(int64(len(b)))
	})
	if err == nil {
		s.pos = len(s.buf)
	}
	return err
}

func (s *scanner) pbItem(num protowire.Number, b []byte) error {
	switch num {
	case 2, 6: // name, data
		return s.str(len(b))
	case 5: // tags
		s.cost += int64(len(b))
		return s.spend(costPBTag)
	case 7: // parts
		if err := s.spend(costPBPart); err != nil {
			return err
		}
		return s.pbMessage(b, func(num protowire.Number, b []byte) error {
			return s.str(len(b)) // key, or unknown
		})
	}
	return s.spend(int64(len(b)))
}

// pbMessage calls f with the number and bytes of each length-delimited
// field of the message in b; the other fields cost a scalar each.
func (s *scanner) pbMessage(b []byte, f func(protowire.Number, []byte) error) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	for off := 0; off < len(b); {
		num, typ, n := protowire.ConsumeTag(b[off:])
		if n < 0 {
			return s.pbError(off, n)
		}
		m := protowire.ConsumeFieldValue(num, typ, b[off+n:])
		if m < 0 {
			return s.pbError(off, m)
		}
		field := b[off+n : off+n+m]
		off += n + m
		var err error
		if typ == protowire.BytesType {
			v, _ := protowire.ConsumeBytes(field)
			err = f(num, v)
		} else {
			err = s.spend(costScalar)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *scanner) pbError(off, code int) error {
	err := protowire.ParseError(code)
	return s.errorf(ErrMalformed, "%v at %d bytes into a message", err, off)
}
