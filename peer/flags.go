package peer

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"framebench/strategies"
)

// options are the parsed flags of a peer mode.
type options struct {
	c      Config
	listen string          // serve: the address to listen on
	hello  bool            // serve: each connection names its strategy and codec
	limits Limits          // serve: what all connections may take together
	set    map[string]bool // the flags given
}

// parse parses the flags of a peer mode; -h prints the manual and the flags
// on help and returns flag.ErrHelp. Errors wrap ErrUsage and name the flag;
// nothing is printed on errs but an unknown mode's manual.
// A serve peer's hello lines go through parse and checkBounds too, so that
// a flag and a hello field are held to the same bounds.
func parse(mode string, args []string, help, errs io.Writer) (o options, err error) {
	switch mode {
	case "send", "recv", "echo", "serve":
	default:
		fmt.Fprint(errs, Usage)
		return o, usagef("peer: unknown mode %q: send, recv, echo or serve", mode)
	}
	fs := flag.NewFlagSet("framebench peer "+mode, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, on one line, not printed
	fs.Usage = func() {}
	c := &o.c
	c.Options.MaxFrame = strategies.DefaultMaxFrame
	o.limits = DefaultLimits
	strategy := fs.String("strategy", strategies.LenPrefix.Name(), "framing `strategy`: "+names(strategies.Strategies))
	codec := fs.String("codec", strategies.Pickle.Name(), "`codec`: "+codecNames())
	fs.Var(sizeFlag[int]{&c.Options.MaxFrame}, "max-frame", "largest message accepted, in `bytes` (1 to 1GiB; KiB, MiB, GiB suffixes)")
	onError := fs.String("on-error", "stop", "on a bad message: stop, or skip it and go on ("+resyncingNames("or")+")")
	fs.BoolVar(&c.Messages, "messages", false, "carry the suite's strategies.Message payloads, not generic values (always so for gob, protobuf, raw)")
	fs.BoolVar(&c.TagBytes, "tag-bytes", false, `JSON lines write and read bytes as {"$bytes": "<base64>"}`)
	fs.Var(sizeFlag[int]{&c.Options.FixedSize}, "fixed-size", "size of every message, in `bytes` (strategy none only; at most -max-frame)")
	fs.Var(sizeFlag[int]{&c.Options.BufSize}, "buf-size", "read buffer size in `bytes` (0: the strategy's default; at most 1GiB)")
	fs.Func("write-policy", "how frames over 16KiB are written, as strategies.ParsePolicy reads it (the bench's writepolicy line; commas may stand for spaces); default writev", func(v string) (err error) {
		c.Options.Write, err = strategies.ParsePolicy(v)
		return err
	})
	fs.StringVar(&o.listen, "listen", "127.0.0.1:7777", "serve: TCP `address` to listen on")
	fs.IntVar(&o.limits.MaxConns, "max-conns", DefaultLimits.MaxConns, "serve: connections served at once; more are answered with an error line")
	fs.Var(sizeFlag[int64]{&o.limits.MaxMemory}, "max-memory", "serve: `bytes` that all connections may hold together for frames and decoded messages")
	fs.DurationVar(&o.limits.IdleTimeout, "idle-timeout", DefaultLimits.IdleTimeout, "serve: how long a connection may wait for its next message")
	fs.DurationVar(&o.limits.ReadTimeout, "read-timeout", DefaultLimits.ReadTimeout, "serve: how long a message may take to arrive from its first byte, and its echo to leave")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(help, Usage+"\nflags:\n")
			fs.SetOutput(help)
			fs.PrintDefaults()
			return o, err
		}
		return o, usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return o, usagef("peer %s: unexpected argument %q", mode, fs.Arg(0))
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	o.hello = mode == "serve" && !o.set["strategy"] && !o.set["codec"]
	for _, name := range []string{"listen", "max-conns", "max-memory", "idle-timeout", "read-timeout"} {
		if o.set[name] && mode != "serve" {
			return o, usagef("peer %s: -%s is for serve", mode, name)
		}
	}
	switch *onError {
	case "stop":
	case "skip":
		c.Skip = true
	default:
		return o, usagef("-on-error %q: stop or skip", *onError)
	}
	if c.Strategy, err = strategies.LookupStrategy(*strategy); err != nil {
		return o, usagef("%v", err)
	}
	if c.Codec, err = strategies.LookupCodec(*codec); err != nil {
		return o, usagef("%v", err)
	}
	if _, ok := c.Codec.(strategies.ValueCodec); !ok {
		c.Messages = true
	}
	if err := checkBounds(o); err != nil {
		return o, err
	}
	if err := c.Check(mode != "send"); err != nil && !o.hello {
		return o, usagef("%v", err)
	}
	return o, nil
}

// Bounds of the flags (and hello fields) that are not sizes of MaxSize.
const (
	maxConnsLimit = 1 << 16
	minMemory     = 16 << 20 // besides connBase for each connection
	maxMemory     = 1 << 40
	maxTimeout    = 24 * time.Hour
)

// checkBounds holds every number of o to its bounds: the one check of
// flags and hello fields. Errors wrap ErrUsage and name the flag.
func checkBounds(o options) error {
	c := o.c
	switch {
	case c.Options.MaxFrame < 1 || c.Options.MaxFrame > strategies.MaxSize:
		return usagef("-max-frame %d: want 1 to %d bytes (1GiB)", c.Options.MaxFrame, strategies.MaxSize)
	case c.Options.BufSize < 0 || c.Options.BufSize > strategies.MaxSize:
		return usagef("-buf-size %d: want 0 (the strategy's default) or 1 to %d bytes (1GiB)", c.Options.BufSize, strategies.MaxSize)
	case c.Options.FixedSize < 0 || c.Options.FixedSize > c.Options.MaxFrame:
		return usagef("-fixed-size %d: want 1 to -max-frame (%d) bytes", c.Options.FixedSize, c.Options.MaxFrame)
	case c.Options.FixedSize > 0 && !c.Strategy.Facts().FixedSize:
		return usagef("-fixed-size is for strategies that know every message's size (%s), not %s", fixedSizeNames(), c.Strategy.Name())
	}
	if limit, ok := strategies.Limit(c.Strategy, c.Options); o.set["max-frame"] && ok && limit < c.Options.MaxFrame {
		return usagef("-max-frame %d: %s takes frames of at most %d bytes whatever it is given; -max-frame can only lower it", c.Options.MaxFrame, c.Strategy.Name(), limit)
	}
	l := o.limits
	switch {
	case l.MaxConns < 1 || l.MaxConns > maxConnsLimit:
		return usagef("-max-conns %d: want 1 to %d", l.MaxConns, maxConnsLimit)
	case l.MaxMemory < int64(l.MaxConns)*connBase+minMemory || l.MaxMemory > maxMemory:
		return usagef("-max-memory %d: want -max-conns MiB + 16MiB (%d) to 1TiB", l.MaxMemory, int64(l.MaxConns)*connBase+minMemory)
	case l.IdleTimeout <= 0 || l.IdleTimeout > maxTimeout:
		return usagef("-idle-timeout %v: want more than 0 and at most %v", l.IdleTimeout, maxTimeout)
	case l.ReadTimeout <= 0 || l.ReadTimeout > maxTimeout:
		return usagef("-read-timeout %v: want more than 0 and at most %v", l.ReadTimeout, maxTimeout)
	}
	return nil
}

// sizeFlag is an integer flag of bytes that takes KiB, MiB and GiB
// suffixes. Set refuses what does not fit; checkBounds does the rest.
type sizeFlag[T int | int64] struct{ p *T }

func (f sizeFlag[T]) String() string {
	if f.p == nil {
		return "0"
	}
	return formatSize(int64(*f.p))
}

func (f sizeFlag[T]) Set(s string) error {
	n, err := parseSize(s)
	if err == nil && int64(T(n)) != n {
		err = fmt.Errorf("%q is out of range", s)
	}
	*f.p = T(n)
	return err
}

func parseSize(s string) (int64, error) {
	mult, num := int64(1), s
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			mult, num = u.mult, strings.TrimSuffix(s, u.suffix)
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n > (1<<63-1)/mult || n < -(1<<63-1)/mult {
		return 0, fmt.Errorf("%q is not a number of bytes (with an optional KiB, MiB or GiB)", s)
	}
	return n * mult, nil
}

// formatSize writes n with the largest binary suffix that divides it.
func formatSize(n int64) string {
	switch {
	case n != 0 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GiB"
	case n != 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n != 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	}
	return strconv.FormatInt(n, 10)
}

func names(ss []strategies.Strategy) string {
	var b []string
	for _, s := range ss {
		b = append(b, s.Name())
	}
	return strings.Join(b, ", ")
}

// fixedSizeNames names the strategies that need Options.FixedSize.
func fixedSizeNames() string {
	var ss []strategies.Strategy
	for _, s := range strategies.Strategies {
		if s.Facts().FixedSize {
			ss = append(ss, s)
		}
	}
	return names(ss)
}

func codecNames() string {
	var b []string
	for _, c := range strategies.Codecs {
		b = append(b, c.Name())
	}
	return strings.Join(b, ", ")
}
