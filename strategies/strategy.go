package strategies

import (
	"fmt"
	"io"
)

// DefaultMaxFrame is the largest frame a reader accepts when Options.MaxFrame is 0.
const DefaultMaxFrame = 64 << 20

// Options configures a strategy's readers and writers. The zero value works
// for every strategy but none, which needs FixedSize.
type Options struct {
	// MaxFrame is the largest payload a framed reader accepts, and a writer
	// sends, in bytes; 0 means DefaultMaxFrame, more than MaxSize means
	// MaxSize. It is checked before allocating.
	MaxFrame int
	// BufSize is the size of read-ahead buffers (buffered strategy, framed
	// readers' initial buffer); 0 means a strategy's default, more than
	// MaxSize means MaxSize.
	BufSize int
	// FixedSize is the size of every frame for the none strategy, which has
	// no framing: the reader must know it.
	FixedSize int
	// Write is the write policy of the header writers for payloads over
	// 16 KiB (see WritePath); nil sends them with one writev.
	Write *WritePolicy
	// Reserve, if not nil, is told the size a reader's buffer is about to
	// grow to, or the size a frame header claims that a library's reader
	// is about to allocate, before the allocation; an error fails that
	// frame. A server budgets memory across connections with it.
	Reserve func(n int) error
	// Admit, if not nil, is told the estimated cost of decoding each
	// message that a checked reader (NewCheckedReader, NewValueReader) is
	// about to decode; an error refuses the message.
	Admit Admit
}

// MaxFrameSize is MaxFrame as the readers and writers apply it:
// DefaultMaxFrame when 0, at most MaxSize.
func (o Options) MaxFrameSize() int { return clampSize(o.MaxFrame, DefaultMaxFrame) }

func (o Options) maxFrame() int { return o.MaxFrameSize() }

// Writer sends messages on a stream. It never closes the underlying writer.
// Errors are *FrameError values and are sticky for stream strategies.
type Writer interface {
	WriteMessage(m *Message) error
}

// Reader receives messages. ReadMessage decodes the next message into m,
// which may alias the reader's buffer until the next call. It returns io.EOF
// only at a clean message boundary and io.ErrUnexpectedEOF (wrapped) inside a
// message. After an error that left the stream at a known frame boundary (a
// bad payload, a checksum mismatch, a frame over MaxFrame) a framed reader
// can be called again and goes on with the next frame.
type Reader interface {
	ReadMessage(m *Message) error
}

// Strategy is how messages are delimited and read on a stream. Values are
// stateless and safe for concurrent use.
type Strategy interface {
	// Name is the registry and benchmark name, e.g. "lenprefix".
	Name() string
	// Applies returns nil if the strategy can carry codec c with payload p,
	// or an error wrapping ErrNotApplicable that says why not.
	Applies(c Codec, p Payload) error
	NewWriter(w io.Writer, c Codec, o Options) Writer
	NewReader(r io.Reader, c Codec, o Options) Reader
	// Facts are what the suite knows of the strategy (see Facts).
	Facts() Facts
}

// Strategies is the strategy registry in report order: the project's own,
// then the peers, then lenprefix-naive (the length prefix as most code
// writes it, the baseline of the tuned one). A new entry goes last, so
// that the styles the charts give by registry place do not move.
var Strategies = []Strategy{
	Stream, Buffered, LenPrefix, Varint, OneRead, Scanner, Newline, LenPrefixCRC, None,
	Msgio, MsgioVarint, Protodelim, LenPrefixNaive,
}

// StrategyNames returns the names of the registered strategies that keep
// accepts (every one, for a nil keep), in registry order.
func StrategyNames(keep func(Strategy) bool) []string {
	var out []string
	for _, s := range Strategies {
		if keep == nil || keep(s) {
			out = append(out, s.Name())
		}
	}
	return out
}

// LookupStrategy returns the registered strategy with the given name.
func LookupStrategy(name string) (Strategy, error) {
	for _, s := range Strategies {
		if s.Name() == name {
			return s, nil
		}
	}
	return nil, fmt.Errorf("strategies: unknown strategy %q", name)
}

// Applies reports whether strategy s can carry codec c with payload p,
// checking the codec's payloads too.
func Applies(s Strategy, c Codec, p Payload) error {
	if !c.Supports(p) {
		return fmt.Errorf("%w: codec %s carries no %s payload", ErrNotApplicable, c.Name(), p)
	}
	return s.Applies(c, p)
}

// FrameWriter writes one frame per call: the framing layer without a codec.
type FrameWriter interface {
	// WriteFrame writes p as one frame. It does not retain p.
	WriteFrame(p []byte) error
}

// FrameReader reads one frame per call. The returned slice is owned by the
// reader and valid until the next call.
type FrameReader interface {
	ReadFrame() ([]byte, error)
}

// Framing makes frame writers and readers; a framed Strategy is a Framing
// plus a codec (see framed).
type Framing interface {
	NewFrameWriter(w io.Writer, o Options) FrameWriter
	NewFrameReader(r io.Reader, o Options) FrameReader
}
