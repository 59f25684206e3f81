package peer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"

	"framebench/strategies"
)

// Usage is the manual of "framebench peer", printed by -h.
const Usage = `usage: framebench peer send|recv|echo|serve [flags]

The peer puts framebench's strategies and codecs at the end of a pipe, a
process boundary or a TCP connection, so that other programs, languages
and hosts can be checked and measured against them.

  recv   read messages from stdin until EOF; write each as one JSON line on stdout
  send   read JSON lines from stdin; write each as one message on stdout
  echo   read messages from stdin and write each back on stdout: the far end
         of ping-pong; each message is decoded with the codec and encoded again
  serve  echo over TCP on -listen, every connection concurrently, until
         interrupted. With -strategy or -codec every connection speaks them
         from its first byte; without, each connection opens with a hello
         line naming them (the remote transport of the benchmarks), and
         serve's -max-frame and -buf-size are the most a hello may ask for

Values: json, pickle, msgpack and cbor carry generic values, mapped to
JSON lines as null, true/false, integers (exact JSON numbers of at most
4300 digits, CPython's default limit; msgpack stops at 64 bits), floats
(always with a '.' or an exponent), strings, lists, objects with string
keys, and bytes as base64 strings ({"$bytes": "<base64>"} with
-tag-bytes, which send reads back as bytes). gob, protobuf and raw carry
only the suite's own payloads (strategies.Message: {"Blob": "<base64>"}
or {"Items": [...]}); echo decodes those with the codec and re-encodes
them. -messages selects the suite's payloads for the other codecs too.

Bounds: -max-frame, -buf-size and -fixed-size are at most 1GiB (a hello
line's flags too); out of range is a usage error (status 2). A message is
at most -max-frame bytes; before a library decodes it, a scan of its
encoding checks its shape, and refuses it if decoding would allocate more
than 7 times its size plus 64 MiB (all garbage included: with the message
itself the peer stays within about 8 times the message plus 80 MB) or if
it holds an integer of more than 4300 digits (14284 bits).

Bad input stops the peer with one line on stderr naming the strategy, the
message index and the byte offset, and exit status 1. With -on-error
skip, the strategies that can find the next message (lenprefix, varint,
lenprefix-crc, newline) drop a bad one, report it on stderr and go on: a
frame that arrived whole but holds a bad or truncated value is skipped;
a header that claims more than -max-frame drops its frame if it claims
at most four times that, and is otherwise not believed: the reader then
slides to the next header that claims no more than -max-frame. Without a
checksum (lenprefix, varint) that header may lie inside another message,
and a resynchronised reader can deliver wrong messages; lenprefix-crc
checks every header and payload. send skips bad JSON lines with any
strategy. A summary line on stderr then counts the messages delivered
and skipped, the bytes discarded, and the messages delivered after a
skip without a checksum.

serve's limits: at most -max-conns connections at once (more get an
error line), holding at most -max-memory bytes together for their
buffers and messages (reserved before they are allocated: a connection
that would pass it fails, the others go on); a connection may wait
-idle-timeout for its next message, and a message must arrive within
-read-timeout of its first byte (its echo be taken within it too).

The seed's framing, byte for byte, is -strategy lenprefix -codec pickle;
consecutive pickle.dump(obj, f, -1) is -strategy stream -codec pickle.
`

// ErrUsage marks errors in the command line: test with errors.Is.
var ErrUsage = errors.New("peer: usage")

type usageErr struct{ msg string }

func (e usageErr) Error() string        { return e.msg }
func (e usageErr) Is(target error) bool { return target == ErrUsage }

func usagef(format string, args ...any) error { return usageErr{fmt.Sprintf(format, args...)} }

// Command runs "framebench peer": args[0] is the mode, the rest its flags.
// It reads stdin and writes stdout (serve: TCP), reports skipped messages
// and summaries on stderr, and returns the error that stopped it, on one
// line; command-line errors wrap ErrUsage. "-h" (alone or after a mode)
// prints the manual on stdout and returns flag.ErrHelp. serve runs until
// ctx is done.
func Command(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, Usage)
		return usagef("peer: no mode given: send, recv, echo or serve")
	}
	mode := args[0]
	switch mode {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, Usage)
		return flag.ErrHelp
	}
	o, err := parse(mode, args[1:], stdout, stderr)
	if err != nil {
		return err
	}
	c := o.c
	prefix := "framebench peer " + mode + ": "
	if c.Skip {
		c.OnSkip = func(err error) { fmt.Fprintln(stderr, prefix+"skipped: "+oneLine(err.Error())) }
	}
	var s Summary
	switch mode {
	case "recv":
		s, err = Recv(stdin, stdout, c)
	case "send":
		s, err = Send(stdin, stdout, c)
	case "echo":
		s, err = Echo(stdin, stdout, c)
	case "serve":
		if o.hello {
			// Each connection names its own; the flags given are ceilings.
			c = Config{Options: strategies.Options{MaxFrame: c.Options.MaxFrame, BufSize: c.Options.BufSize}}
		}
		ln, lerr := net.Listen("tcp", o.listen)
		if lerr != nil {
			return fmt.Errorf("peer serve: %w", lerr)
		}
		fmt.Fprintf(stderr, "%slistening on %s\n", prefix, ln.Addr())
		return ServeLimits(ctx, ln, c, o.limits, stderr)
	}
	if c.Skip {
		fmt.Fprintf(stderr, "%s%s/%s: %v\n", prefix, c.Strategy.Name(), c.Codec.Name(), s)
	}
	if errors.Is(err, ErrConfig) {
		err = usagef("%v", err)
	}
	if err != nil {
		return oneLineError{fmt.Errorf("peer %s: %w", mode, err)}
	}
	return nil
}

// oneLine folds an error message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

type oneLineError struct{ err error }

func (e oneLineError) Error() string { return oneLine(e.err.Error()) }
func (e oneLineError) Unwrap() error { return e.err }
