package strategies

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unsafe"

	ogórek "github.com/kisielk/og-rek"
)

// Pickle is the Python pickle codec, by github.com/kisielk/og-rek, protocol
// 4. A message travels as the seed's Python program would send it: a blob
// as a str, a struct payload as a list of dicts with the keys "id", "name",
// "score", "active", "tags", "data" (bytes) and "parts" (a list of dicts
// with "key" and "value"), always in that order: og-rek writes a struct's
// fields in map order, which changes from one process to the next, so the
// struct payload is written by pickleItemsWriter, which writes what og-rek
// would in a fixed order (the same message is always the same bytes). A
// message with both a blob and items cannot be carried. Decoding is strict about types (an int where a float belongs is
// an error) but accepts what CPython may send for the same value: a long for
// an int, bytes for a blob, a tuple for a list; unknown dict keys are
// ignored, absent ones left zero.
//
// The Decoder reads through one bufio.Reader, which owns the stream, and
// starts a fresh og-rek Decoder on it for every pickle, as CPython's
// pickle.load does: an og-rek Decoder keeps its memo (and its stack) from
// one Decode to the next, so the MEMOIZE opcodes of CPython's protocol 4
// and 5 would number the second pickle's objects after the first's and its
// BINGETs would fetch the wrong objects, silently. (A stream written by one
// long-lived pickle.Pickler, whose memo spans dumps, is not supported.)
// og-rek returns io.EOF only before the first opcode of a pickle and
// io.ErrUnexpectedEOF inside one. It decodes dicts as map[any]any
// (ogórek.Dict only in PyDict mode), str as string, bytes as ogórek.Bytes
// (a string type), bytearray as []byte, None as ogórek.None and a long as
// *big.Int; pickle's memo can make one object appear many times, so
// decoding stops at maxValueUnits.
//
// As a ValueCodec, pickle carries the whole value model: Python int and long
// are int64 or *big.Int, str is string, bytes is []byte, dict is
// map[string]any (other keys are refused), list and tuple are []any, None
// is nil.
var Pickle Codec = pickleCodec{}

var errPickleMixed = errors.New("pickle: carries a blob or items, not both")

// pickleConfig is shared read-only by every Encoder.
var pickleConfig = &ogórek.EncoderConfig{Protocol: 4}

type pickleCodec struct{}

func (pickleCodec) Name() string          { return "pickle" }
func (pickleCodec) Supports(Payload) bool { return true }
func (pickleCodec) NewlineFree() bool     { return false }
func (pickleCodec) ReadsAhead() bool      { return false }

func (pickleCodec) Append(dst []byte, m *Message) ([]byte, error) {
	w := sliceWriter{b: dst}
	if err := newPickleEncoder(&w).Encode(m); err != nil {
		return dst, err
	}
	return w.b, nil
}

// Unmarshal decodes one pickle. og-rek uses a bufio.Reader it is given as
// it is, so trailing data can be seen afterwards.
func (pickleCodec) Unmarshal(data []byte, m *Message) error {
	r := bytes.NewReader(data)
	br := bufio.NewReader(r)
	if err := (pickleDecoder{br}).Decode(m); err != nil {
		return noEOF(err)
	}
	if n := br.Buffered() + r.Len(); n != 0 {
		return fmt.Errorf("%w: %d bytes", ErrTrailingData, n)
	}
	return nil
}

func (pickleCodec) NewEncoder(w io.Writer) Encoder { return newPickleEncoder(w) }

// NewDecoder returns a Decoder that owns r through a bufio.Reader (r itself
// if it is a large enough one).
func (pickleCodec) NewDecoder(r io.Reader) Decoder { return pickleDecoder{bufio.NewReader(r)} }

// pickleEncoder writes a blob with og-rek, and a struct payload with
// pickleItemsWriter, which writes what og-rek would but in a fixed order.
type pickleEncoder struct {
	enc   *ogórek.Encoder
	items pickleItemsWriter
}

func newPickleEncoder(w io.Writer) *pickleEncoder {
	return &pickleEncoder{enc: ogórek.NewEncoderWithConfig(w, pickleConfig), items: pickleItemsWriter{w: w}}
}

func (e *pickleEncoder) Encode(m *Message) error {
	if len(m.Items) == 0 {
		return e.enc.Encode(unsafeString(m.Blob))
	}
	if len(m.Blob) != 0 {
		return errPickleMixed
	}
	return e.items.writeMessage(m.Items)
}

// unsafeString views b as a string without copying: og-rek only writes it
// out, and copying a 16 MiB blob first would measure this adapter, not
// pickle. The string must not outlive the Encode call.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

type pickleDecoder struct{ br *bufio.Reader }

func (d pickleDecoder) Decode(m *Message) (err error) {
	defer catchPanic(&err)
	*m = Message{}
	v, err := ogórek.NewDecoder(d.br).Decode()
	if err != nil {
		return err
	}
	return pickleToMessage(v, m)
}
