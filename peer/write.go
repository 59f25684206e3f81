package peer

import (
	"errors"
	"io"

	"framebench/strategies"
)

// writer writes one item as one message.
type writer interface {
	write(item any) error
}

type writerFunc func(item any) error

func (f writerFunc) write(item any) error { return f(item) }

// newWriter returns the writer of c on w: the strategy's own writer of
// messages, or the strategies' writer of generic values.
func newWriter(w io.Writer, c Config) writer {
	if c.Messages {
		mw := c.Strategy.NewWriter(w, c.Codec, c.Options)
		return writerFunc(func(item any) error { return refused(mw.WriteMessage(item.(*strategies.Message))) })
	}
	vw := strategies.NewValueWriter(c.Strategy, w, c.Codec.(strategies.ValueCodec), c.Options)
	return writerFunc(func(item any) error { return refused(vw.WriteValue(item)) })
}

// refused marks an item that the codec refused before anything was
// written (a *strategies.PayloadError cause) as an encodeError.
func refused(err error) error {
	if errors.As(err, new(*strategies.PayloadError)) {
		return encodeError{err}
	}
	return err
}

// encodeError marks a value the codec or JSON cannot carry, refused before
// anything was written: the peer can drop it and go on.
type encodeError struct{ err error }

func (e encodeError) Error() string { return e.err.Error() }
func (e encodeError) Unwrap() error { return e.err }
