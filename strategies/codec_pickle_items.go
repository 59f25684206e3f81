package strategies

import (
	"encoding/binary"
	"io"
	"math"
	"strconv"
	"unsafe"
)

// The pickle opcodes that a struct payload is written with (protocol 4),
// named as in Python's pickletools.
const (
	pkProto           = 0x80
	pkStop            = '.'
	pkMark            = '('
	pkList            = 'l'
	pkEmptyList       = ']'
	pkDict            = 'd'
	pkBinInt1         = 'K'
	pkBinInt2         = 'M'
	pkBinInt          = 'J'
	pkInt             = 'I'
	pkBinFloat        = 'G'
	pkNewTrue         = 0x88
	pkNewFalse        = 0x89
	pkShortBinUnicode = 0x8c
	pkBinUnicode      = 'X'
	pkShortBinBytes   = 'C'
	pkBinBytes        = 'B'
)

// pickleItemsWriter writes a struct payload as og-rek v1.3.0 writes a slice
// of structs tagged "id", "name", "score", "active", "tags", "data" (as
// ogórek.Bytes) and "parts" ("key", "value"): the same opcodes, the same
// argument forms and one Write call per piece og-rek emits, so that the
// stream strategy makes the calls og-rek makes. One thing differs: og-rek
// writes a struct's fields in the order of a Go map's iteration, different
// from one process (and one call) to the next; here the keys come in the
// order above, so that the same message is always the same bytes (the
// fault campaign's seeds reproduce only so). TestPickleItemsAsOgRek
// compares the two.
type pickleItemsWriter struct {
	w   io.Writer
	err error
	b   [32]byte
}

// writeMessage writes the pickle of items and returns the first error.
func (p *pickleItemsWriter) writeMessage(items []Item) error {
	p.err = nil
	p.op2(pkProto, 4)
	p.list(len(items), func(i int) {
		it := &items[i]
		p.op(pkMark)
		p.key("id")
		p.int(it.ID)
		p.key("name")
		p.str(it.Name)
		p.key("score")
		p.float(it.Score)
		p.key("active")
		p.bool(it.Active)
		p.key("tags")
		p.list(len(it.Tags), func(j int) { p.str(it.Tags[j]) })
		p.key("data")
		p.bytes(it.Data)
		p.key("parts")
		p.list(len(it.Parts), func(j int) {
			p.op(pkMark)
			p.key("key")
			p.str(it.Parts[j].Key)
			p.key("value")
			p.int(it.Parts[j].Value)
			p.op(pkDict)
		})
		p.op(pkDict)
	})
	p.op(pkStop)
	return p.err
}

func (p *pickleItemsWriter) write(b []byte) {
	if p.err == nil {
		_, p.err = p.w.Write(b)
	}
}

func (p *pickleItemsWriter) op(op byte) {
	p.b[0] = op
	p.write(p.b[:1])
}

func (p *pickleItemsWriter) op2(op, arg byte) {
	p.b[0], p.b[1] = op, arg
	p.write(p.b[:2])
}

// list writes n elements as og-rek writes a slice: EMPTY_LIST, or MARK,
// the elements, LIST.
func (p *pickleItemsWriter) list(n int, elem func(i int)) {
	if n == 0 {
		p.op(pkEmptyList)
		return
	}
	p.op(pkMark)
	for i := range n {
		elem(i)
	}
	p.op(pkList)
}

func (p *pickleItemsWriter) key(k string) { p.str(k) }

// str writes a str (og-rek's encodeUnicode): the header, then the bytes.
func (p *pickleItemsWriter) str(s string) {
	if len(s) < 256 {
		p.op2(pkShortBinUnicode, byte(len(s)))
	} else {
		p.b[0] = pkBinUnicode
		binary.LittleEndian.PutUint32(p.b[1:], uint32(len(s)))
		p.write(p.b[:5])
	}
	p.write(unsafe.Slice(unsafe.StringData(s), len(s))) // io.Writer must not retain or modify it
}

// bytes writes a bytes object (og-rek's encodeBytes of ogórek.Bytes).
func (p *pickleItemsWriter) bytes(b []byte) {
	if len(b) < 256 {
		p.op2(pkShortBinBytes, byte(len(b)))
	} else {
		p.b[0] = pkBinBytes
		binary.LittleEndian.PutUint32(p.b[1:], uint32(len(b)))
		p.write(p.b[:5])
	}
	p.write(b)
}

// int writes an integer as og-rek's encodeInt: BININT1, BININT2 or BININT
// where they fit, else the text form INT.
func (p *pickleItemsWriter) int(i int64) {
	switch {
	case i >= 0 && i <= math.MaxUint8:
		p.op2(pkBinInt1, byte(i))
	case i >= 0 && i <= math.MaxUint16:
		p.b[0], p.b[1], p.b[2] = pkBinInt2, byte(i), byte(i>>8)
		p.write(p.b[:3])
	case i >= math.MinInt32 && i <= math.MaxInt32:
		p.b[0] = pkBinInt
		binary.LittleEndian.PutUint32(p.b[1:], uint32(i))
		p.write(p.b[:5])
	default:
		b := strconv.AppendInt(append(p.b[:0], pkInt), i, 10)
		p.write(append(b, '\n'))
	}
}

func (p *pickleItemsWriter) float(f float64) {
	p.b[0] = pkBinFloat
	binary.BigEndian.PutUint64(p.b[1:], math.Float64bits(f))
	p.write(p.b[:9])
}

func (p *pickleItemsWriter) bool(b bool) {
	if b {
		p.op(pkNewTrue)
	} else {
		p.op(pkNewFalse)
	}
}
