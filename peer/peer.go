package peer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"framebench/strategies"
)

// Config says what a peer speaks. The zero value is not usable: Strategy
// and Codec are required; Check reports what else is missing.
type Config struct {
	Strategy strategies.Strategy
	Codec    strategies.Codec
	// Options go to the strategy's readers and writers: MaxFrame bounds
	// every message read (stream and buffered: what one message may pull
	// from the stream, plus 1 MiB of read-ahead), FixedSize is the message
	// size of strategy none.
	Options strategies.Options
	// Messages moves the suite's strategies.Message payloads instead of
	// generic values; codecs that are not a strategies.ValueCodec (gob,
	// protobuf, raw) need it.
	Messages bool
	// Skip drops a bad message and goes on where the reader can (see
	// Resumable), instead of stopping at the first.
	Skip bool
	// OnSkip, if not nil, is called with the error of each dropped message.
	OnSkip func(err error)
	// TagBytes writes and reads byte strings in JSON lines as
	// {"$bytes": "<base64>"} objects rather than plain base64 strings, so
	// that bytes and strings stay apart.
	TagBytes bool

	acct *account // a serve connection's share of the memory budget
	done func()   // called after each message is passed on or skipped
}

// ErrConfig: a Config that cannot work (see Config.Check).
var ErrConfig = errors.New("peer: bad configuration")

// Resyncing returns the registered strategies whose readers can go on
// after a bad message (strategies.Facts.Resyncs): the ones that -on-error
// skip accepts. A frame whose framing is intact but whose payload the
// codec refuses (a truncated value, say) is skipped; after a header over
// the limit or a malformed one the reader discards at most four times the
// limit, or resynchronises at the next plausible header (see strategies'
// frameReader). Without checksums (Facts.ResyncChecked unset) a
// resynchronised reader can deliver wrong messages: a plausible header
// inside a payload.
func Resyncing() []strategies.Strategy {
	var out []strategies.Strategy
	for _, s := range strategies.Strategies {
		if s.Facts().Resyncs {
			out = append(out, s)
		}
	}
	return out
}

// unchecked reports whether messages that s delivers after a skip may be
// wrong: its frames have no checksum and its boundaries are not self-evident.
func unchecked(s strategies.Strategy) bool {
	f := s.Facts()
	return f.Resyncs && !f.ResyncChecked
}

// resyncingNames lists Resyncing's names, for messages.
func resyncingNames(and string) string {
	var names []string
	for _, s := range Resyncing() {
		names = append(names, s.Name())
	}
	if len(names) > 1 {
		names[len(names)-2] += " " + and + " " + names[len(names)-1]
		names = names[:len(names)-1]
	}
	return strings.Join(names, ", ")
}

// Check reports whether c can work for a peer that reads (reads is false
// for send, which only writes the strategy). It wraps ErrConfig.
func (c Config) Check(reads bool) error {
	if c.Strategy == nil || c.Codec == nil {
		return fmt.Errorf("%w: a strategy and a codec are needed", ErrConfig)
	}
	if err := c.Strategy.Applies(c.Codec, strategies.Blob); err != nil {
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if _, ok := c.Codec.(strategies.ValueCodec); !ok && !c.Messages {
		return fmt.Errorf("%w: codec %s carries no generic values, only the suite's messages (-messages)", ErrConfig, c.Codec.Name())
	}
	if c.Strategy.Facts().FixedSize && c.Options.FixedSize <= 0 {
		return fmt.Errorf("%w: strategy %s needs the message size (-fixed-size)", ErrConfig, c.Strategy.Name())
	}
	if c.Skip && reads && !c.Strategy.Facts().Resyncs {
		return fmt.Errorf("%w: strategy %s cannot go on after a bad message; -on-error skip works with %s", ErrConfig, c.Strategy.Name(), resyncingNames("and"))
	}
	return nil
}

// Resumable reports whether a reader of strategy s can go on after err,
// s being one of Resyncing: a frame arrived whole but the codec refused
// its payload (a *strategies.PayloadError, truncated values included), or
// the reader knows where to go on (a frame over the limit, a checksum
// mismatch, a malformed header: it discards or resynchronises). The
// stream ending inside a frame, transport errors and the memory budget
// are final.
func Resumable(s strategies.Strategy, err error) bool {
	if !s.Facts().Resyncs || errors.Is(err, ErrBudget) {
		return false
	}
	if errors.As(err, new(*strategies.PayloadError)) {
		return true
	}
	return !errors.Is(err, io.ErrUnexpectedEOF) && (errors.Is(err, strategies.ErrFrameTooLarge) ||
		errors.Is(err, strategies.ErrChecksum) || errors.Is(err, strategies.ErrHeader))
}

// Summary counts what a peer did.
type Summary struct {
	Delivered int64 // messages read and passed on
	Skipped   int64 // bad messages dropped (Config.Skip)
	// Discarded is the bytes read that were not part of a delivered
	// message: skipped frames, headers not believed, bytes slid over.
	Discarded int64
	// Unchecked counts the messages delivered after the first skip by a
	// strategy without checksums (strategies.Facts.ResyncChecked unset):
	// after a bad header they may be bytes from the middle of other
	// messages.
	Unchecked int64
}

func (s Summary) String() string {
	str := fmt.Sprintf("delivered %d, skipped %d, discarded %d bytes", s.Delivered, s.Skipped, s.Discarded)
	if s.Unchecked > 0 {
		str += fmt.Sprintf(" (%d delivered after a skip: without a checksum they may be wrong)", s.Unchecked)
	}
	return str
}

// Recv reads messages from r until a clean end of stream and writes each
// as one JSON line on w (see AppendJSON; in messages mode a
// strategies.Message as encoding/json writes it), flushing after each.
// It returns nil at a clean end, else the first error it cannot skip.
func Recv(r io.Reader, w io.Writer, c Config) (Summary, error) {
	if err := c.Check(true); err != nil {
		return Summary{}, err
	}
	bw := bufio.NewWriter(w)
	var line []byte
	rd := newReader(r, c)
	return pump(rd, func(item any) error {
		var err error
		if c.Messages {
			line, err = appendMessageJSON(line[:0], item.(*strategies.Message))
		} else {
			line, err = AppendJSON(line[:0], item, c.TagBytes)
		}
		if err != nil {
			idx, off := rd.pos()
			return encodeError{fmt.Errorf("%s: message %d at byte %d: %w", c.Strategy.Name(), idx, off, err)}
		}
		if _, err := bw.Write(line); err != nil {
			return err
		}
		return bw.Flush()
	}, c)
}

// Send reads JSON lines from r (see ParseJSON; in messages mode a
// strategies.Message each) and writes each as one message on w. Blank
// lines are ignored; a line may hold at most twice Options.MaxFrame bytes.
// Errors name the line and its byte offset.
func Send(r io.Reader, w io.Writer, c Config) (Summary, error) {
	if err := c.Check(false); err != nil {
		return Summary{}, err
	}
	lr, wr := newLineReader(r, c), newWriter(w, c)
	return pump(lr, func(item any) error {
		err := wr.write(item)
		if ee := (encodeError{}); errors.As(err, &ee) {
			return encodeError{&LineError{Line: lr.last, Offset: lr.lastOff, Err: err}}
		}
		return err
	}, c)
}

// Echo reads messages from r and writes each back on w: the far end of
// ping-pong. Each message is decoded with the codec and encoded again.
func Echo(r io.Reader, w io.Writer, c Config) (Summary, error) {
	if err := c.Check(true); err != nil {
		return Summary{}, err
	}
	return pump(newReader(r, c), newWriter(w, c).write, c)
}

// pump moves items from rd to put until a clean end of stream, skipping
// what Config.Skip allows. A panic in a library becomes an error: a peer
// reports bad input in one line, never with a stack trace.
func pump(rd reader, put func(any) error, c Config) (s Summary, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("peer: internal error: %v", r)
		}
	}()
	defer func() { s.Discarded = rd.discarded() }()
	skip := func(err error) {
		s.Skipped++
		if c.OnSkip != nil {
			c.OnSkip(err)
		}
	}
	for {
		item, err := rd.read()
		if err == io.EOF {
			return s, nil
		}
		resumable := err != nil && (Resumable(c.Strategy, err) || isLineError(err))
		if err == nil {
			err = put(item)
			resumable = errors.As(err, new(encodeError))
		}
		c.acct.done()
		if c.done != nil {
			c.done()
		}
		switch {
		case err == nil:
			rd.delivered()
			s.Delivered++
			if s.Skipped > 0 && !rd.checked() {
				s.Unchecked++
			}
		case c.Skip && resumable:
			skip(err)
		default:
			return s, err
		}
	}
}
