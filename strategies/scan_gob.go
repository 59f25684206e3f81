package strategies

import (
	"encoding/gob"
	"fmt"
)

// gobTypes are the types a gob stream has defined so far (ids from 64 up),
// as far as the scanner needs them: slices of a type, and structs of
// fields. Arrays, maps, interfaces and GobEncoders are refused: the suite's
// Message has none, and gob would refuse them for a Message anyway.
type gobTypes map[int64]gobType

type gobType struct {
	isStruct bool
	elem     int64   // a slice's element type
	fields   []int64 // a struct's field types
}

// maxGobTypes bounds the types one stream may define (the scanner keeps them).
const maxGobTypes = 1024

// Builtin gob type ids (encoding/gob's doc.go).
const (
	gobBool, gobInt, gobUint, gobFloat, gobBytes, gobString, gobComplex = 1, 2, 3, 4, 5, 6, 7
	gobFirstUser                                                        = 64
)

// scanGob scans gob messages (a length, then a type id and a body) up to
// and including the first that carries a value, defining the types that
// come before it. Each message costs its own length (gob reads it into a
// buffer) on top of the value's shape; a struct costs 32 bytes a field.
func (gobCodec) scanCosts(typed bool) (int64, int64) { return leanCosts(typed) }

// splitUnmarshal decodes a Splitter's message with a gob.Decoder that
// lives for the stream: a stream sends each type once.
func (gobCodec) splitUnmarshal(sp *Splitter, p []byte, m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	if sp.dec == nil {
		sp.dec = gob.NewDecoder(&sp.unit)
	}
	sp.unit.b = p
	if err := sp.dec.Decode(m); err != nil {
		sp.err = fmt.Errorf("gob: %w", noEOF(err)) // the decoder's state is unknown
		return sp.err
	}
	if n := len(sp.unit.b); n != 0 {
		sp.err = fmt.Errorf("%w: gob left %d bytes", ErrTrailingData, n)
		return sp.err
	}
	return nil
}

// scanMessage scans with the stream's types so far, or a new stream's.
func (gobCodec) scanMessage(s *scanner, sp *Splitter) error {
	if sp == nil {
		return gobTypes{}.scan(s)
	}
	if sp.types == nil {
		sp.types = gobTypes{}
	}
	return sp.types.scan(s)
}

func (t gobTypes) scan(s *scanner) error {
	for {
		n, err := s.gobUint()
		if err != nil {
			return err
		}
		at := s.pos
		body, err := s.take(n)
		if err != nil {
			return err
		}
		s.cost += int64(n) // gob reads each message into a buffer
		if err := s.spend(0); err != nil {
			return err
		}
		sub := scanner{buf: body, base: s.base + int64(at), codec: s.codec, depth: s.depth, scale: 4, bytes: 1, typed: true}
		sub.fixed = max(1, s.budgetLeft())
		id, err := sub.gobInt()
		switch {
		case err != nil:
		case id < 0:
			err = t.define(&sub, -id)
		case id == 0:
			err = sub.errorf(ErrMalformed, "type id 0")
		default:
			err = t.structValue(&sub, id)
		}
		if err == nil && sub.pos != len(sub.buf) {
			err = sub.errorf(ErrMalformed, "%d bytes after the message's body", len(sub.buf)-sub.pos)
		}
		if err != nil {
			return err
		}
		if err := s.spend(sub.cost); err != nil {
			return err
		}
		if id > 0 {
			return nil
		}
	}
}

// budgetLeft is what the budget still allows at this point.
func (s *scanner) budgetLeft() int64 {
	if s.fixed != 0 {
		return s.fixed - s.cost
	}
	return decodeBudget(int64(s.pos-s.start)) - s.cost
}

// gobUint reads gob's unsigned integer: one byte below 128, or a byte
// holding minus the count (1 to 8) of big-endian bytes that follow.
func (s *scanner) gobUint() (uint64, error) {
	b, err := s.byte()
	if err != nil || b < 0x80 {
		return uint64(b), err
	}
	n := -int(int8(b))
	if n > 8 {
		return 0, s.errorf(ErrMalformed, "an unsigned integer of %d bytes", n)
	}
	return s.uintN(n)
}

func (s *scanner) gobInt() (int64, error) {
	u, err := s.gobUint()
	if u&1 != 0 {
		return ^int64(u >> 1), err
	}
	return int64(u >> 1), err
}

// fields calls f with the number of each field of a struct value sent, in
// order, until its terminating zero delta.
func (s *scanner) fields(f func(field int64) error) error {
	for field := int64(-1); ; {
		delta, err := s.gobUint()
		if err != nil || delta == 0 {
			return err
		}
		if delta > 1<<20 {
			return s.errorf(ErrMalformed, "a field delta of %d", delta)
		}
		field += int64(delta)
		if err := f(field); err != nil {
			return err
		}
	}
}

// define reads the wireType of type id: a slice or a struct.
func (t gobTypes) define(s *scanner, id int64) error {
	if _, ok := t[id]; ok || id < gobFirstUser {
		return s.errorf(ErrMalformed, "type %d defined again, or reserved", id)
	}
	if len(t) >= maxGobTypes {
		return s.errorf(ErrValueLimit, "more than %d types in one stream", maxGobTypes)
	}
	var typ gobType
	kinds := 0
	err := s.fields(func(kind int64) error {
		if kinds++; kinds > 1 || kind != 1 && kind != 2 {
			return s.errorf(ErrValueType, "a gob type of kind %d: the suite's messages carry slices and structs only", kind)
		}
		typ.isStruct = kind == 2
		return s.fields(func(f int64) error { // sliceType or structType
			switch {
			case f == 0: // CommonType: Name, Id
				return s.fields(func(f int64) error {
					if f == 0 {
						return s.gobSkipBytes()
					}
					_, err := s.gobInt()
					return err
				})
			case f == 1 && !typ.isStruct:
				var err error
				typ.elem, err = s.gobInt()
				return err
			case f == 1:
				return typ.fieldTypes(s)
			}
			return s.errorf(ErrMalformed, "field %d of a type definition", f)
		})
	})
	if err == nil && kinds == 0 {
		err = s.errorf(ErrMalformed, "an empty type definition")
	}
	if err != nil {
		return err
	}
	t[id] = typ
	return s.spend(costMap + costSlot*int64(len(typ.fields)))
}

// fieldTypes reads a structType's []fieldType: Name, Id each.
func (typ *gobType) fieldTypes(s *scanner) error {
	n, err := s.gobUint()
	if err != nil {
		return err
	}
	if n > 1<<16 {
		return s.errorf(ErrValueLimit, "a struct of %d fields", n)
	}
	for range n {
		var id int64
		err := s.fields(func(f int64) error {
			if f == 0 {
				return s.gobSkipBytes()
			}
			var err error
			id, err = s.gobInt()
			return err
		})
		if err != nil {
			return err
		}
		typ.fields = append(typ.fields, id)
	}
	return nil
}

// gobSkipBytes skips a string or []byte: a length, then the bytes.
func (s *scanner) gobSkipBytes() error {
	n, err := s.gobUint()
	if err == nil {
		_, err = s.take(n)
	}
	return err
}
