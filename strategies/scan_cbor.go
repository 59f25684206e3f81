package strategies

// scanCBOR scans one CBOR data item (RFC 8949), indefinite lengths
// included. Bignums (tags 2 and 3) may have at most MaxBigIntBits.
func scanCBOR(s *scanner) error { return s.cborItem() }

func (cborCodec) scanMessage(s *scanner, _ *Splitter) error { return scanCBOR(s) }
func (cborCodec) scanCosts(typed bool) (int64, int64)       { return leanCosts(typed) }

// cborHead reads an item's initial byte and argument; indefinite is set
// for additional information 31, which has no argument.
func (s *scanner) cborHead() (major byte, arg uint64, indefinite bool, err error) {
	ib, err := s.byte()
	if err != nil {
		return 0, 0, false, err
	}
	major, ai := ib>>5, ib&31
	switch {
	case ai < 24:
		return major, uint64(ai), false, nil
	case ai <= 27:
		arg, err = s.uintN(1 << (ai - 24))
		if err == nil && major == 7 && ai == 24 && arg < 32 {
			err = s.errorf(ErrMalformed, "a two-byte simple value below 32")
		}
		return major, arg, false, err
	case ai == 31 && major >= 2:
		return major, 0, true, nil
	}
	s.pos--
	return 0, 0, false, s.errorf(ErrMalformed, "initial byte %#x", ib)
}

func (s *scanner) cborItem() error {
	major, arg, indef, err := s.cborHead()
	if err != nil {
		return err
	}
	switch major {
	case 0, 1:
		return s.scalar()
	case 2, 3:
		n, err := s.cborString(major, arg, indef)
		if err != nil {
			return err
		}
		return s.str(n)
	case 4, 5:
		return s.cborContainer(major, arg, indef)
	case 6:
		return s.cborTag(arg)
	}
	// major 7: simple values and floats
	if indef {
		return s.errorf(ErrMalformed, "a break outside an indefinite-length item")
	}
	return s.scalar()
}

// cborString scans the bytes of a byte or text string (indefinite: its
// chunks, definite strings of the same major type) and returns their length.
func (s *scanner) cborString(major byte, arg uint64, indef bool) (int, error) {
	if !indef {
		_, err := s.take(arg)
		return int(arg), err
	}
	total := 0
	for {
		if err := s.need(1); err != nil {
			return 0, err
		}
		if s.buf[s.pos] == 0xff {
			s.pos++
			return total, nil
		}
		m, n, in, err := s.cborHead()
		if err != nil {
			return 0, err
		}
		if m != major || in {
			return 0, s.errorf(ErrMalformed, "a chunk of major type %d in an indefinite string of type %d", m, major)
		}
		if _, err := s.take(n); err != nil {
			return 0, err
		}
		total += int(n)
	}
}

// cborContainer scans an array (major 4) or a map (5) of arg elements, or
// until a break if indefinite. A claim of more elements than there are
// bytes left fails at the end of the data, each element having cost first.
func (s *scanner) cborContainer(major byte, arg uint64, indef bool) error {
	if err := s.enter(); err != nil {
		return err
	}
	cost, each, items := int64(costArray), s.slot, 1
	if major == 5 {
		cost, each, items = costMap, s.entry, 2
	}
	if err := s.spend(cost); err != nil {
		return err
	}
	for i := uint64(0); indef || i < arg; i++ {
		if indef {
			if err := s.need(1); err != nil {
				return err
			}
			if s.buf[s.pos] == 0xff {
				s.pos++
				break
			}
		}
		if err := each(); err != nil {
			return err
		}
		for range items {
			if err := s.cborItem(); err != nil {
				return err
			}
		}
	}
	s.leave()
	return nil
}

// cborTag scans a tag's content. A bignum's byte string is held to
// MaxBigIntBits: converting it to decimal takes more than linear time.
func (s *scanner) cborTag(tag uint64) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if tag != 2 && tag != 3 {
		if err := s.scalar(); err != nil {
			return err
		}
		return s.cborItem()
	}
	major, arg, indef, err := s.cborHead()
	if err != nil {
		return err
	}
	if major != 2 {
		return s.errorf(ErrMalformed, "a bignum (tag %d) of major type %d, want a byte string", tag, major)
	}
	n, err := s.cborString(major, arg, indef)
	if err != nil {
		return err
	}
	if err := checkIntBytes(n); err != nil {
		return s.errorf(err, "a bignum")
	}
	if err := s.bigInt(n * 2); err != nil {
		return err
	}
	return s.str(n)
}
