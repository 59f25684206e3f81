package strategies

import "io"

// jsonNumber scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *scanner) jsonNumber() error {
	start := s.pos
	if s.buf[s.pos] == '-' {
		s.pos++
	}
	digits, err := s.jsonDigits(true)
	if err != nil {
		return err
	}
	integer := true
	if ok, err := s.more(); err != nil {
		return err
	} else if ok && s.buf[s.pos] == '.' {
		integer = false
		s.pos++
		if _, err := s.jsonDigits(false); err != nil {
			return err
		}
	}
	if ok, err := s.more(); err != nil {
		return err
	} else if ok && (s.buf[s.pos] == 'e' || s.buf[s.pos] == 'E') {
		integer = false
		s.pos++
		if ok, err := s.more(); err != nil {
			return err
		} else if ok && (s.buf[s.pos] == '+' || s.buf[s.pos] == '-') {
			s.pos++
		}
		if _, err := s.jsonDigits(false); err != nil {
			return err
		}
	}
	if integer {
		if err := checkIntDigits(digits); err != nil {
			return s.errorf(err, "a number")
		}
		if err := s.bigInt(digits); err != nil {
			return err
		}
	}
	if s.typed {
		return nil
	}
	return s.str(s.pos - start) // a json.Number, then its value
}

// jsonDigits scans one or more digits (no leading zero if first) and
// returns how many.
func (s *scanner) jsonDigits(first bool) (int, error) {
	n := 0
	for {
		ok, err := s.more()
		if err != nil {
			return 0, err
		}
		if !ok || s.buf[s.pos] < '0' || s.buf[s.pos] > '9' {
			break
		}
		if first && n == 1 && s.buf[s.pos-1] == '0' {
			return 0, s.errorf(ErrMalformed, "a number with a leading zero")
		}
		s.pos++
		n++
	}
	if n == 0 {
		if s.pos == len(s.buf) {
			return 0, s.errorf(io.ErrUnexpectedEOF, "the input ends inside a number")
		}
		return 0, s.errorf(ErrMalformed, "a number without digits")
	}
	return n, nil
}
