package strategies

// scanJSON scans one JSON value (RFC 8259: the grammar encoding/json
// accepts), leading white space included. Integers (numbers without a
// fraction or an exponent) may have at most MaxIntDigits digits.
func scanJSON(s *scanner) error {
	if err := s.jsonSpace(); err != nil {
		return err
	}
	return s.jsonValue()
}

func (jsonCodec) scanMessage(s *scanner, _ *Splitter) error { return scanJSON(s) }
func (jsonCodec) skipSpace(s *scanner) error                { return s.jsonSpace() }

// scanCosts: json's decoder copies its input into a buffer that doubles
// as it grows, then unquotes strings, and grows every slice by appending.
func (jsonCodec) scanCosts(bool) (scale, bytes int64) { return 12, 4 }

// jsonSpace skips white space; at the end of the input it returns nil.
func (s *scanner) jsonSpace() error {
	for {
		ok, err := s.more()
		if !ok {
			return err
		}
		switch s.buf[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return nil
		}
	}
}

func (s *scanner) jsonValue() error {
	if err := s.need(1); err != nil {
		return err
	}
	switch c := s.buf[s.pos]; {
	case c == '{' || c == '[':
		return s.jsonContainer(c)
	case c == '"':
		n, err := s.jsonString()
		if err != nil {
			return err
		}
		return s.str(n)
	case c == 't':
		return s.jsonLiteral("true")
	case c == 'f':
		return s.jsonLiteral("false")
	case c == 'n':
		return s.jsonLiteral("null")
	case c == '-' || c >= '0' && c <= '9':
		return s.jsonNumber()
	}
	return s.errorf(ErrMalformed, "invalid character %q looking for a value", s.buf[s.pos])
}

func (s *scanner) jsonLiteral(lit string) error {
	b, err := s.take(uint64(len(lit)))
	if err != nil {
		return err
	}
	if string(b) != lit {
		s.pos -= len(lit)
		return s.errorf(ErrMalformed, "invalid literal %q", b)
	}
	return s.scalar()
}

// jsonContainer scans an object or an array, c being its opening byte.
func (s *scanner) jsonContainer(c byte) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.pos++
	closing, cost, each := byte(']'), int64(costArray), s.slot
	if c == '{' {
		closing, cost, each = '}', costMap, s.entry
	}
	if err := s.spend(cost); err != nil {
		return err
	}
	for n := 0; ; n++ {
		if err := s.jsonSpace(); err != nil {
			return err
		}
		b, err := s.byte()
		if err != nil {
			return err
		}
		if b == closing {
			s.leave()
			return nil
		}
		if n > 0 {
			if b != ',' {
				s.pos--
				return s.errorf(ErrMalformed, "invalid character %q after an element", b)
			}
			if err := s.jsonSpace(); err != nil {
				return err
			}
		} else {
			s.pos--
		}
		if err := each(); err != nil {
			return err
		}
		if c == '{' {
			if err := s.jsonKey(); err != nil {
				return err
			}
		}
		if err := s.jsonValue(); err != nil {
			return err
		}
	}
}

// jsonKey scans an object's key and the ':' after it.
func (s *scanner) jsonKey() error {
	if err := s.need(1); err != nil {
		return err
	}
	if s.buf[s.pos] != '"' {
		return s.errorf(ErrMalformed, "invalid character %q looking for a key", s.buf[s.pos])
	}
	n, err := s.jsonString()
	if err != nil {
		return err
	}
	if err := s.key(n); err != nil {
		return err
	}
	if err := s.jsonSpace(); err != nil {
		return err
	}
	b, err := s.byte()
	if err == nil && b != ':' {
		s.pos--
		err = s.errorf(ErrMalformed, "invalid character %q after a key", b)
	}
	if err != nil {
		return err
	}
	return s.jsonSpace()
}

// jsonString scans a string from its opening quote and returns its length
// on the wire.
func (s *scanner) jsonString() (int, error) {
	start := s.pos
	s.pos++
	for {
		if err := s.need(1); err != nil {
			return 0, err
		}
		b := s.buf[s.pos]
		switch {
		case b == '"':
			s.pos++
			return s.pos - start, nil
		case b < 0x20:
			return 0, s.errorf(ErrMalformed, "control character %#x in a string", b)
		case b == '\\':
			if err := s.jsonEscape(); err != nil {
				return 0, err
			}
			continue
		}
		s.pos++
	}
}

func (s *scanner) jsonEscape() error {
	if err := s.need(2); err != nil {
		return err
	}
	switch s.buf[s.pos+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos += 2
		return nil
	case 'u':
		if err := s.need(6); err != nil {
			return err
		}
		for _, h := range s.buf[s.pos+2 : s.pos+6] {
			if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
				return s.errorf(ErrMalformed, "invalid \\u escape")
			}
		}
		s.pos += 6
		return nil
	}
	return s.errorf(ErrMalformed, "invalid escape %q", s.buf[s.pos:s.pos+2])
}
