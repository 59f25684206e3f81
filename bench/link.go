package bench

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"framebench/strategies"
)

var (
	// ErrStuck is the error of a transfer that the watchdog stopped.
	ErrStuck = errors.New("bench: no progress: transport closed by the watchdog")
	// errBetweenStamps: the full comparison found a difference that the
	// stamps do not show.
	errBetweenStamps = errors.New("its stamps are right, bytes between them differ")
)

// Link runs one cell's strategy and codec over a fresh transport: a writer
// at end a, a reader at end b and, for ping-pong, the reverse direction.
// A Link is used by one goroutine at a time; Close releases everything.
type Link struct {
	Cell Cell
	Opts strategies.Options

	stop     func()
	aw, bw   *countWriter
	ar, br   *countReader
	w, echoW strategies.Writer // a → b, b → a
	r, echoR strategies.Reader // at b, at a
	out      *strategies.Message
	want     *strategies.Message
	progress atomic.Int64
	watchdog time.Duration // Env.Watchdog
	// remoteEcho: the far end echoes by itself (Transport.Echo).
	remoteEcho bool
	// last is the last message the last transfer received, and lastSeq
	// its number; its slices may alias the reader's buffer, valid until
	// the link reads again.
	last    strategies.Message
	lastSeq uint64
	hasLast bool

	// Unchecked turns off the check of each message that Transfer and
	// RoundTrips make when not asked for a full one (their timed loops'
	// check): BenchmarkCheck measures the check's cost with it. Full checks
	// and CheckLast still run.
	Unchecked bool
}

// Stats counts what a transfer did on the transport.
type Stats struct {
	Reads, Writes, WireBytes int64
}

// Open is Env{}.Open: the registered transports, the default watchdog and
// write path.
func Open(c Cell) (*Link, error) { return Env{}.Open(c) }

// Open makes the transport of c and the strategy's writers and readers on
// it, with e's watchdog and write policy.
func (e Env) Open(c Cell) (*Link, error) {
	tr, err := e.LookupTransport(c.Transport)
	if err != nil {
		return nil, err
	}
	s, err := strategies.LookupStrategy(c.Strategy)
	if err != nil {
		return nil, err
	}
	codec, err := strategies.LookupCodec(c.Codec)
	if err != nil {
		return nil, err
	}
	if err := strategies.Applies(s, codec, c.Payload); err != nil {
		return nil, err
	}
	a, b, stop, err := e.ends(tr, c)
	if err != nil {
		return nil, fmt.Errorf("bench: transport %s: %w", c.Transport, err)
	}
	l := &Link{Cell: c, stop: stop, remoteEcho: tr.Echo, watchdog: e.watchdog()}
	l.Opts.Write = e.Write
	l.out = strategies.NewMessage(c.Payload, c.Size, 0)
	l.want = strategies.NewMessage(c.Payload, c.Size, 0)
	if enc, err := codec.Append(nil, l.out); err == nil {
		l.Opts.FixedSize = len(enc)
	}
	l.aw, l.bw = newCountWriter(a.W), newCountWriter(b.W)
	l.ar, l.br = &countReader{r: a.R}, &countReader{r: b.R}
	l.w, l.r = s.NewWriter(l.aw, codec, l.Opts), s.NewReader(l.br, codec, l.Opts)
	l.echoW, l.echoR = s.NewWriter(l.bw, codec, l.Opts), s.NewReader(l.ar, codec, l.Opts)
	return l, nil
}

// Close closes the transport; it unblocks any transfer in progress.
func (l *Link) Close() { l.stop() }

// check compares a received message with the one sent as number seq: in
// full (every byte) when full is set, else by its stamps
// (strategies.CheckStamps: lengths, item IDs and 16 bytes in 4,032), the
// check of a benchmark's timed loop, unless the link is Unchecked. It
// remembers got for CheckLast.
func (l *Link) check(got *strategies.Message, seq uint64, full bool) error {
	l.last, l.lastSeq, l.hasLast = *got, seq, true
	var err error
	switch {
	case full:
		if err = strategies.CheckStamps(got, l.want, seq); err == nil {
			l.want.SetSeq(seq)
			if !strategies.Equal(got, l.want) {
				err = errBetweenStamps
			}
		}
	case !l.Unchecked:
		err = strategies.CheckStamps(got, l.want, seq)
	}
	if err != nil {
		return fmt.Errorf("bench: %s: message %d arrived different from what was sent: %w", l.Cell.Name(), seq, err)
	}
	return nil
}

// CheckLast compares the last message that the last Transfer or RoundTrips
// received with the one sent, in full. The benchmarks call it after their
// timer stops, so that every cell's last message is checked byte for byte.
func (l *Link) CheckLast() error {
	if !l.hasLast {
		return fmt.Errorf("bench: %s: no message received to check", l.Cell.Name())
	}
	return l.check(&l.last, l.lastSeq, true)
}

// watch runs the watchdog until done is closed: if no message arrives for
// the Env's Watchdog, it closes the transport and sets *stuck.
func (l *Link) watch(done <-chan struct{}, stuck *atomic.Bool) {
	tick := time.NewTicker(min(l.watchdog/4, time.Second))
	defer tick.Stop()
	last, since := l.progress.Load(), time.Now()
	for {
		select {
		case <-done:
			return
		case now := <-tick.C:
			if p := l.progress.Load(); p != last {
				last, since = p, now
			} else if now.Sub(since) >= l.watchdog {
				stuck.Store(true)
				l.stop()
				return
			}
		}
	}
}

// finish turns the reader's and writer's errors into one, naming the cell.
func (l *Link) finish(rerr, werr error, stuck bool) error {
	switch {
	case stuck:
		return fmt.Errorf("%s: %w after %v (reader: %v)", l.Cell.Name(), ErrStuck, l.watchdog, rerr)
	case rerr != nil && werr != nil:
		return fmt.Errorf("%w (writer: %w)", rerr, werr)
	case rerr != nil:
		return rerr
	case werr != nil:
		return fmt.Errorf("bench: %s: writer: %w", l.Cell.Name(), werr)
	}
	return nil
}
