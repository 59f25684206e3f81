package peer

import (
	"bufio"
	"io"
	"strings"

	"framebench/strategies"
)

// RemoteError is how a peer at the far end failed, as it reported it: the
// error line of a child process, the status of a serve peer's connection.
// Is matches the sentinel errors that the text names (those of package
// strategies, io.ErrUnexpectedEOF, bufio.ErrTooLong), so that errors.Is
// sees through the process boundary: a benchmark can tell the failure a
// strategy exists to show (oneread's short read) from any other.
type RemoteError struct {
	Text   string // the far end's error, one line
	Status int    // a child's exit status, or 0
}

func (e *RemoteError) Error() string { return "peer at the far end: " + e.Text }

// Is reports whether target is a known sentinel that e's text names.
func (e *RemoteError) Is(target error) bool {
	for _, s := range sentinels {
		if target == s {
			return strings.Contains(e.Text, s.Error())
		}
	}
	return false
}

var sentinels = []error{
	strategies.ErrFrameTooLarge, strategies.ErrHeader, strategies.ErrChecksum,
	strategies.ErrShortRead, strategies.ErrNewline, strategies.ErrNotApplicable,
	strategies.ErrSizeUnknown, strategies.ErrValueType, strategies.ErrValueRange,
	strategies.ErrValueLimit, strategies.ErrTrailingData, strategies.ErrCodecPanic,
	io.ErrUnexpectedEOF, bufio.ErrTooLong,
}
