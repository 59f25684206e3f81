package bench

import (
	"io"
	"sync"
)

// End is one end of a transport: what it writes arrives at the other end's
// reader. R and W are the transport's own values (*os.File, net.Conn, …) so
// that strategies see what they run on.
type End struct {
	R io.Reader
	W io.Writer
}

// Transport makes connected pairs of ends, in the manner of x/net/nettest's
// MakePipe, and says what the suite needs to know of them. Each is
// declared in a file of its own.
type Transport struct {
	Name string
	// Make returns two connected ends for cell c and a stop function that
	// closes everything, may be called more than once and from any
	// goroutine, and unblocks any Read or Write in progress on either end.
	// The transports of this package ignore c. It is nil for a transport
	// whose far end is a peer (Echo).
	Make func(c Cell) (a, b End, stop func(), err error)
	// Peer, for a transport whose far end is a peer process, returns the
	// end connected to a peer that speaks the echo flags of "framebench
	// peer" (the cell's strategy and codec, the Env's write policy) and a
	// stop function as Make's. Nil for the others.
	Peer func(flags []string) (end End, stop func(), err error)
	// Echo is set when the far end is a peer that echoes every message
	// itself (a child process, a remote host): the link's two ends are
	// then the same, and no echo goroutine runs in this process.
	Echo bool
	// Capacity is how many bytes the transport holds while nobody reads,
	// given pipeCap, the capacity of a default pipe on this machine; nil
	// or 0 means unbounded or unknown.
	Capacity func(pipeCap int) int
	// CappedReads is set when no Read returns more than Capacity (a
	// pipe): a frame larger than that cannot arrive in one read.
	CappedReads bool
	// WholeWrites is set when each Write arrives whole in one Read of a
	// buffer as large (io.Pipe, net.Pipe, a file read behind its writer).
	WholeWrites bool
}

// Transports is the transport registry in report order. The remote
// transport is not in it: an Env with a Remote address adds it.
var Transports = []Transport{Pipe, Pipe1M, Unix, TCP, File, IOPipe, NetPipe, Proc}

// LookupTransport returns the registered transport with the given name
// (Env.LookupTransport knows the remote one too).
func LookupTransport(name string) (Transport, error) { return Env{}.LookupTransport(name) }

// bareTransports are the transports of trs that carry bare bytes: all but
// those whose far end is a peer echoing messages.
func bareTransports(trs []Transport) []Transport {
	var out []Transport
	for _, tr := range trs {
		if !tr.Echo {
			out = append(out, tr)
		}
	}
	return out
}

// capacity is tr's Capacity, 0 if it has none.
func (tr Transport) capacity(pipeCap int) int {
	if tr.Capacity == nil {
		return 0
	}
	return tr.Capacity(pipeCap)
}

// local adapts the constructor of an in-process transport, which needs no cell.
func local(make func() (End, End, func(), error)) func(Cell) (End, End, func(), error) {
	return func(Cell) (End, End, func(), error) { return make() }
}

// closeAll returns an idempotent stop function closing every closer.
func closeAll(cs ...io.Closer) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			for _, c := range cs {
				c.Close()
			}
		})
	}
}
