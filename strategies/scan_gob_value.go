package strategies

// structValue scans the value of a message: a struct of type id.
func (t gobTypes) structValue(s *scanner, id int64) error {
	typ, ok := t[id]
	if !ok || !typ.isStruct {
		return s.errorf(ErrValueType, "a value of type %d, which is not a struct defined before it", id)
	}
	return t.value(s, id)
}

// value scans one value of type id.
func (t gobTypes) value(s *scanner, id int64) error {
	switch id {
	case gobBool, gobInt, gobUint, gobFloat:
		_, err := s.gobUint()
		if err == nil {
			err = s.scalar()
		}
		return err
	case gobComplex:
		_, err := s.gobUint()
		if err == nil {
			_, err = s.gobUint()
		}
		return err
	case gobBytes, gobString:
		n, err := s.gobUint()
		if err == nil {
			_, err = s.take(n)
		}
		if err == nil {
			err = s.str(int(n))
		}
		return err
	}
	typ, ok := t[id]
	if !ok {
		return s.errorf(ErrValueType, "a value of type %d: not a type the suite's messages carry, or not defined", id)
	}
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if typ.isStruct {
		if err := s.spend(2 * 16 * int64(len(typ.fields))); err != nil {
			return err
		}
		return s.fields(func(f int64) error {
			if f >= int64(len(typ.fields)) {
				return s.errorf(ErrMalformed, "field %d of a struct of %d", f, len(typ.fields))
			}
			return t.value(s, typ.fields[f])
		})
	}
	n, err := s.gobUint()
	if err != nil {
		return err
	}
	if err := s.spend(costArray); err != nil {
		return err
	}
	for range n {
		if err := s.spend(costSlot); err != nil {
			return err
		}
		if err := t.value(s, typ.elem); err != nil {
			return err
		}
	}
	return nil
}
