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
         line naming them (the remote transport of the benchmarks)

Values: json, pickle, msgpack and cbor carry generic values, mapped to
JSON lines as null, true/false, integers of any size (exact JSON numbers;
msgpack stops at 64 bits), floats (always with a '.' or an exponent),
strings, lists, objects with string keys, and bytes as base64 strings
({"$bytes": "<base64>"} with -tag-bytes, which send reads back as bytes).
gob, protobuf and raw carry only the suite's own payloads
(strategies.Message: {"Blob": "<base64>"} or {"Items": [...]}); echo
decodes those with the codec and re-encodes them. -messages selects the
suite's payloads for the other codecs too.

Bad input stops the peer with one line on stderr naming the strategy, the
message index and the byte offset, and exit status 1; no message may take
more memory than -max-frame (stream and buffered cannot delimit messages:
there a message may pull -max-frame plus 1 MiB of read-ahead). With
-on-error skip, the strategies that can find the next message (lenprefix,
varint, lenprefix-crc, newline) drop a bad one, report it on stderr and
go on; send skips bad JSON lines with any strategy. A summary line on
stderr then counts the messages delivered and skipped.

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
// line; command-line errors wrap ErrUsage, -h returns flag.ErrHelp. serve
// runs until ctx is done.
func Command(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, Usage)
		return usagef("peer: no mode given: send, recv, echo or serve")
	}
	mode := args[0]
	c, listen, hello, err := parse(mode, args[1:], stderr)
	if err != nil {
		return err
	}
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
		if hello {
			c = Config{}
		}
		ln, lerr := net.Listen("tcp", listen)
		if lerr != nil {
			return fmt.Errorf("peer serve: %w", lerr)
		}
		fmt.Fprintf(stderr, "%slistening on %s\n", prefix, ln.Addr())
		return Serve(ctx, ln, c, stderr)
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

// parse parses the flags of a peer mode into a Config. For serve it also
// returns the address to listen on, and hello: neither -strategy nor
// -codec was given, so each connection names its own. Errors wrap ErrUsage.
func parse(mode string, args []string, output io.Writer) (c Config, listen string, hello bool, err error) {
	switch mode {
	case "send", "recv", "echo", "serve":
	default:
		fmt.Fprint(output, Usage)
		return c, "", false, usagef("peer: unknown mode %q: send, recv, echo or serve", mode)
	}
	fs := flag.NewFlagSet("framebench peer "+mode, flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() { fmt.Fprint(output, Usage+"\nflags:\n"); fs.PrintDefaults() }
	strategy := fs.String("strategy", "lenprefix", "framing `strategy`: "+names(strategies.Strategies))
	codec := fs.String("codec", "pickle", "`codec`: "+codecNames())
	fs.IntVar(&c.Options.MaxFrame, "max-frame", strategies.DefaultMaxFrame, "largest message accepted, in `bytes`")
	onError := fs.String("on-error", "stop", "on a bad message: stop, or skip it and go on (lenprefix, varint, lenprefix-crc, newline)")
	fs.BoolVar(&c.Messages, "messages", false, "carry the suite's strategies.Message payloads, not generic values (always so for gob, protobuf, raw)")
	fs.BoolVar(&c.TagBytes, "tag-bytes", false, `JSON lines write and read bytes as {"$bytes": "<base64>"}`)
	fs.IntVar(&c.Options.FixedSize, "fixed-size", 0, "size of every message, in `bytes` (strategy none only)")
	fs.IntVar(&c.Options.BufSize, "buf-size", 0, "read buffer size in `bytes` (0: the strategy's default)")
	fs.StringVar(&listen, "listen", "127.0.0.1:7777", "serve: TCP `address` to listen on")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, "", false, err
		}
		return c, "", false, usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return c, "", false, usagef("peer %s: unexpected argument %q", mode, fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	hello = mode == "serve" && !set["strategy"] && !set["codec"]
	if set["listen"] && mode != "serve" {
		return c, "", false, usagef("peer %s: -listen is for serve", mode)
	}
	switch *onError {
	case "stop":
	case "skip":
		c.Skip = true
	default:
		return c, "", false, usagef("-on-error %q: stop or skip", *onError)
	}
	if c.Options.MaxFrame <= 0 {
		return c, "", false, usagef("-max-frame %d: want > 0", c.Options.MaxFrame)
	}
	if c.Strategy, err = strategies.LookupStrategy(*strategy); err != nil {
		return c, "", false, usagef("%v", err)
	}
	if c.Codec, err = strategies.LookupCodec(*codec); err != nil {
		return c, "", false, usagef("%v", err)
	}
	if _, ok := c.Codec.(strategies.ValueCodec); !ok {
		c.Messages = true
	}
	if err := c.Check(mode != "send"); err != nil && !hello {
		return c, "", false, usagef("%v", err)
	}
	return c, listen, hello, nil
}

func names(ss []strategies.Strategy) string {
	var b []string
	for _, s := range ss {
		b = append(b, s.Name())
	}
	return strings.Join(b, ", ")
}

func codecNames() string {
	var b []string
	for _, c := range strategies.Codecs {
		b = append(b, c.Name())
	}
	return strings.Join(b, ", ")
}

// oneLine folds an error message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

type oneLineError struct{ err error }

func (e oneLineError) Error() string { return oneLine(e.err.Error()) }
func (e oneLineError) Unwrap() error { return e.err }
