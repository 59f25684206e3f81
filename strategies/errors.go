package strategies

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Readers and writers wrap them in a *FrameError that names
// the strategy, the message index and the byte offset; test with errors.Is.
var (
	// ErrFrameTooLarge: a header claims, or a writer was given, more than
	// Options.MaxFrame bytes. Nothing was allocated for the claim.
	ErrFrameTooLarge = errors.New("frame too large")
	// ErrHeader: a frame header is malformed (an overlong or overflowing varint).
	ErrHeader = errors.New("malformed frame header")
	// ErrChecksum: a frame's CRC-32C does not match its payload or header.
	ErrChecksum = errors.New("checksum mismatch")
	// ErrShortRead: one Read call returned less than the whole message
	// (the oneread strategy's failure, the seed's bug).
	ErrShortRead = errors.New("short read")
	// ErrNewline: a payload for a newline-delimited strategy contains '\n'.
	ErrNewline = errors.New("payload contains a newline")
	// ErrNotApplicable: the strategy cannot carry the codec or payload.
	ErrNotApplicable = errors.New("not applicable")
	// ErrSizeUnknown: the none strategy was built without Options.FixedSize.
	ErrSizeUnknown = errors.New("none needs Options.FixedSize > 0")
	// ErrStamp: a message arrived without the stamps of the message that
	// was sent (CheckStamps): lost, repeated, shifted, stale or damaged.
	ErrStamp = errors.New("message does not carry the stamps sent")
)

// FrameError reports where on the stream a read or write went wrong.
type FrameError struct {
	Strategy string // registry name, e.g. "lenprefix"
	Op       string // "read" or "write"
	Index    int64  // zero-based index of the message being read or written
	Offset   int64  // byte offset on the stream where the message started
	Err      error  // the cause; a sentinel above, an io error or a codec error
}

// Error is one line: line breaks in the cause (og-rek's errors have them)
// become spaces, so that a tool can print one error per line.
func (e *FrameError) Error() string {
	s := fmt.Sprintf("strategies: %s: %s message %d at byte %d: %v", e.Strategy, e.Op, e.Index, e.Offset, e.Err)
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func (e *FrameError) Unwrap() error { return e.Err }

// PayloadError is the cause of a FrameError whose frame is intact but whose
// payload the codec refused: on reading, a message it could not decode (a
// framed reader goes on with the next frame); on writing, a message it
// could not encode (nothing was written). Its text is its cause's.
type PayloadError struct{ Err error }

func (e *PayloadError) Error() string { return e.Err.Error() }
func (e *PayloadError) Unwrap() error { return e.Err }

// fmtErr wraps a sentinel with detail: "frame too large: header claims …".
func fmtErr(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}
