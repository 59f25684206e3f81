package strategies

// How the pickle scanner reads each opcode's argument (pickletools' names).
const (
	argNone   = iota
	argLine   // up to a '\n'
	argLines  // two of them (GLOBAL, INST)
	argFixed  // n bytes
	argCount  // an n-byte little-endian length, then that many bytes
	argInt    // INT: a line of decimal digits, MaxIntDigits at most
	argLong   // LONG: the same, with a trailing 'L'
	argBigInt // LONG1, LONG4: a length, then a little-endian integer of MaxBigIntBits at most
)

// pickleOp is an opcode: its argument, its effect on og-rek's stack and
// what decoding it costs. It pops pop objects, or all down to the last
// MARK (toMark), charging each popped object each (a list slot, a dict
// entry's half: what the container it moves into takes), then pushes push
// objects (a stack slot each); cost is the new object itself, per what
// each byte of the argument costs (og-rek reads a string into a buffer
// that it grows once more at the end, copies it out, and the Message or
// value copies it again: 7 in all).
type pickleOp struct {
	arg    int
	n      int
	pop    int
	toMark bool
	push   int
	each   int64
	cost   int64
	per    int64
}

// costPickleSlot is a list element's: og-rek appends one at a time, and
// the Message's slice is made again from the list.
const costPickleSlot = costSlot + 16

// Effects shared by many opcodes. A short string (a one-byte length) is
// read without the buffer's last growth: 3 copies, not 7, but each read
// leaves an io.LimitedReader and its copy's garbage (48 bytes).
var (
	pkPush   = pickleOp{push: 1}
	pkString = pickleOp{arg: argCount, push: 1, cost: costString, per: 7}
	pkShort  = pickleOp{arg: argCount, n: 1, push: 1, cost: costString + 48, per: 3}
)

func pkWith(op pickleOp, arg, n int) *pickleOp { op.arg, op.n = arg, n; return &op }

// pickleOps are the opcodes of pickle protocols 0 to 5 (CPython's
// pickletools); og-rek refuses the few it does not implement.
var pickleOps = [256]*pickleOp{
	'(': {}, '0': {pop: 1}, '1': {toMark: true}, '2': {push: 1}, '.': nil,
	'F': {arg: argLine, push: 1, cost: costScalar}, 'I': {arg: argInt, push: 1, cost: costScalar},
	'L': {arg: argLong, push: 1, cost: costScalar}, 'N': &pkPush,
	'P': {arg: argLine, push: 1, cost: costString, per: 1}, 'R': {pop: 2, push: 1, cost: costMap},
	'S': pkWith(pkString, argLine, 0), 'V': pkWith(pkString, argLine, 0),
	'a': {pop: 1, each: costPickleSlot}, 'b': {pop: 1, cost: costMap}, 'c': {arg: argLines, push: 1, cost: costMap, per: 1},
	'd': {toMark: true, each: costEntry, push: 1, cost: costMap}, 'g': {arg: argLine, push: 1},
	'i': {arg: argLines, toMark: true, push: 1, cost: costMap, per: 1},
	'l': {toMark: true, each: costPickleSlot, push: 1, cost: costArray}, 'p': {arg: argLine, cost: costEntry},
	's': {pop: 2, each: costEntry}, 't': {toMark: true, each: costPickleSlot, push: 1, cost: costArray},
	'J': {arg: argFixed, n: 4, push: 1, cost: costScalar}, 'K': {arg: argFixed, n: 1, push: 1, cost: costScalar},
	'M': {arg: argFixed, n: 2, push: 1, cost: costScalar}, 'Q': {pop: 1, push: 1, cost: costMap},
	'T': pkWith(pkString, argCount, 4), 'U': &pkShort, 'X': pkWith(pkString, argCount, 4),
	'e': {toMark: true, each: costPickleSlot},
	'h': {arg: argFixed, n: 1, push: 1}, 'j': {arg: argFixed, n: 4, push: 1},
	']': {push: 1, cost: costArray}, ')': {push: 1, cost: costArray}, '}': {push: 1, cost: costMap},
	'o': {toMark: true, push: 1, cost: costMap}, 'q': {arg: argFixed, n: 1, cost: costEntry},
	'r': {arg: argFixed, n: 4, cost: costEntry}, 'u': {toMark: true, each: costEntry},
	'G': {arg: argFixed, n: 8, push: 1, cost: costScalar},
	'B': pkWith(pkString, argCount, 4), 'C': &pkShort,
	0x80: {arg: argFixed, n: 1}, 0x81: {pop: 2, push: 1, cost: costMap},
	0x82: {arg: argFixed, n: 1, push: 1}, 0x83: {arg: argFixed, n: 2, push: 1}, 0x84: {arg: argFixed, n: 4, push: 1},
	0x85: {pop: 1, each: costPickleSlot, push: 1, cost: costArray}, 0x86: {pop: 2, each: costPickleSlot, push: 1, cost: costArray},
	0x87: {pop: 3, each: costPickleSlot, push: 1, cost: costArray}, 0x88: &pkPush, 0x89: &pkPush,
	0x8a: {arg: argBigInt, n: 1, push: 1, cost: costScalar, per: 2}, 0x8b: {arg: argBigInt, n: 4, push: 1, cost: costScalar, per: 2},
	0x8c: &pkShort, 0x8d: pkWith(pkString, argCount, 8), 0x8e: pkWith(pkString, argCount, 8),
	0x8f: {push: 1, cost: costMap}, 0x90: {toMark: true, each: costEntry},
	0x91: {toMark: true, each: costEntry, push: 1, cost: costMap}, 0x92: {pop: 3, push: 1, cost: costMap},
	0x93: {pop: 2, push: 1, cost: costMap}, 0x94: {cost: costEntry}, 0x95: {arg: argFixed, n: 8},
	0x96: pkWith(pkString, argCount, 8), 0x97: &pkPush, 0x98: {},
}

// scanPickle scans one pickle, up to and including its STOP opcode,
// following the height of og-rek's stack and its MARKs so that a
// container built from many objects at once (APPENDS, SETITEMS, DICT…)
// costs what it holds. Shared objects (the memo's GETs) cost their slot
// here; what they expand to when a value is rebuilt is counted by the
// walk that rebuilds it.
func (pickleCodec) scanMessage(s *scanner, _ *Splitter) error { return scanPickle(s) }

// scanCosts: a pickle's generic value is og-rek's tree rebuilt (maps with
// string keys); its strings cost what its opcodes say (pickleOps).
func (pickleCodec) scanCosts(typed bool) (scale, bytes int64) {
	if typed {
		return 4, 0
	}
	return 8, 0
}

func (pickleCodec) unmarshalBudget(data []byte, m *Message, units int64) error {
	return pickleUnmarshal(data, m, units)
}

func scanPickle(s *scanner) error {
	height := 0
	var marks []int
	for {
		c, err := s.byte()
		if err != nil {
			return err
		}
		if c == '.' {
			return nil
		}
		op := pickleOps[c]
		if op == nil {
			s.pos--
			return s.errorf(ErrMalformed, "pickle opcode %#x", c)
		}
		n, err := s.pickleArg(op)
		if err != nil {
			return err
		}
		popped := min(op.pop, height)
		switch {
		case c == '(':
			if len(marks) >= 1<<20 {
				return s.errorf(ErrValueLimit, "more than %d MARKs", 1<<20)
			}
			marks = append(marks, height)
		case op.toMark && len(marks) > 0:
			popped = height - marks[len(marks)-1]
			height = marks[len(marks)-1]
			marks = marks[:len(marks)-1]
		case op.toMark: // og-rek refuses it: no MARK
			popped = 0
		}
		height += op.push - min(op.pop, height)
		s.cost += op.per * int64(n)
		if err := s.spend(op.cost + int64(op.push)*costSlot + int64(popped)*op.each); err != nil {
			return err
		}
	}
}

// pickleArg scans op's argument and returns its length.
func (s *scanner) pickleArg(op *pickleOp) (int, error) {
	switch op.arg {
	case argLine, argInt, argLong:
		n, err := s.pickleLine()
		if err != nil {
			return 0, err
		}
		digits := n - 1 // the sign, or LONG's 'L'
		if op.arg == argLong {
			digits--
		}
		if op.arg != argLine {
			if err := checkIntDigits(digits); err != nil {
				return 0, s.errorf(err, "an INT or LONG")
			}
			if err := s.bigInt(digits); err != nil {
				return 0, err
			}
		}
		return n, nil
	case argLines:
		a, err := s.pickleLine()
		if err != nil {
			return 0, err
		}
		b, err := s.pickleLine()
		return a + b, err
	case argFixed:
		_, err := s.take(uint64(op.n))
		return op.n, err
	}
	b, err := s.take(uint64(op.n))
	if err != nil {
		return 0, err
	}
	var n uint64
	for i := len(b) - 1; i >= 0; i-- {
		n = n<<8 | uint64(b[i])
	}
	if op.arg == argBigInt {
		if err := checkIntBytes(int(min(n, 1<<31))); err != nil {
			return 0, s.errorf(err, "a LONG1 or LONG4")
		}
		if err := s.bigInt(int(n) * 2); err != nil {
			return 0, err
		}
	}
	if _, err := s.take(n); err != nil {
		return 0, err
	}
	return int(n), nil
}

// pickleLine scans up to and including a '\n' and returns the length.
func (s *scanner) pickleLine() (int, error) {
	for n := 0; ; n++ {
		c, err := s.byte()
		if err != nil {
			return 0, err
		}
		if c == '\n' {
			return n, nil
		}
	}
}
