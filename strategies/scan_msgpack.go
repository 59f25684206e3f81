package strategies

// scanMsgpack scans one msgpack object (the msgpack specification's
// formats; 0xc1 is never used). msgpack integers have at most 64 bits.
func (msgpackCodec) scanMessage(s *scanner, _ *Splitter) error { return scanMsgpack(s) }

// scanCosts: msgpack's decoder grows its slices by appending.
func (msgpackCodec) scanCosts(bool) (scale, bytes int64) { return 8, 1 }

func scanMsgpack(s *scanner) error {
	c, err := s.byte()
	if err != nil {
		return err
	}
	switch {
	case c <= 0x7f || c >= 0xe0 || c >= 0xc0 && c <= 0xc3 && c != 0xc1: // fixints, nil, bools
		return s.scalar()
	case c <= 0x8f:
		return s.msgpackContainer(uint64(c&0x0f), true)
	case c <= 0x9f:
		return s.msgpackContainer(uint64(c&0x0f), false)
	case c <= 0xbf:
		return s.msgpackBytes(uint64(c & 0x1f))
	case c >= 0xc4 && c <= 0xc6: // bin 8, 16, 32
		return s.msgpackLength(1<<(c-0xc4), 0)
	case c >= 0xc7 && c <= 0xc9: // ext 8, 16, 32: a length, a type byte
		return s.msgpackLength(1<<(c-0xc7), 1)
	case c == 0xca || c == 0xcb: // float 32, 64
		return s.msgpackFixed(4 << (c - 0xca))
	case c >= 0xcc && c <= 0xd3: // uint and int 8 to 64
		return s.msgpackFixed(1 << ((c - 0xcc) % 4))
	case c >= 0xd4 && c <= 0xd8: // fixext 1 to 16, after a type byte
		return s.msgpackFixed(1 + 1<<(c-0xd4))
	case c >= 0xd9 && c <= 0xdb: // str 8, 16, 32
		return s.msgpackLength(1<<(c-0xd9), 0)
	case c == 0xdc || c == 0xdd:
		n, err := s.uintN(2 << (c - 0xdc))
		if err != nil {
			return err
		}
		return s.msgpackContainer(n, false)
	case c == 0xde || c == 0xdf:
		n, err := s.uintN(2 << (c - 0xde))
		if err != nil {
			return err
		}
		return s.msgpackContainer(n, true)
	}
	s.pos--
	return s.errorf(ErrMalformed, "msgpack code %#x", c)
}

func (s *scanner) msgpackFixed(n int) error {
	if _, err := s.take(uint64(n)); err != nil {
		return err
	}
	return s.scalar()
}

// msgpackLength scans a string, binary or extension of a size-byte length
// and extra bytes (an extension's type) before its data.
func (s *scanner) msgpackLength(size, extra int) error {
	n, err := s.uintN(size)
	if err != nil {
		return err
	}
	if _, err := s.take(uint64(extra)); err != nil {
		return err
	}
	return s.msgpackBytes(n)
}

func (s *scanner) msgpackBytes(n uint64) error {
	if _, err := s.take(n); err != nil {
		return err
	}
	return s.str(int(n))
}

// msgpackContainer scans an array of n objects or a map of n pairs. A
// claim beyond the data fails at its end, each element having cost first.
func (s *scanner) msgpackContainer(n uint64, isMap bool) error {
	if err := s.enter(); err != nil {
		return err
	}
	cost, each, items := int64(costArray), s.slot, 1
	if isMap {
		cost, each, items = costMap, s.entry, 2
	}
	if err := s.spend(cost); err != nil {
		return err
	}
	for range n {
		if err := each(); err != nil {
			return err
		}
		for range items {
			if err := scanMsgpack(s); err != nil {
				return err
			}
		}
	}
	s.leave()
	return nil
}
