package bench

import (
	"fmt"
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
// MakePipe.
type Transport struct {
	Name string
	// Make returns two connected ends for cell c and a stop function that
	// closes everything, may be called more than once and from any
	// goroutine, and unblocks any Read or Write in progress on either end.
	// Most transports ignore c; one whose far end is a peer process needs
	// its strategy and codec.
	Make func(c Cell) (a, b End, stop func(), err error)
	// Echo is set when the far end is a peer that echoes every message
	// itself (a child process, a remote host): a and b are then the same
	// end, and no echo goroutine runs in this process.
	Echo bool
}

// Transports is the transport registry in report order.
var Transports = []Transport{
	{Name: "pipe", Make: local(makePipe(0))},
	{Name: "pipe1m", Make: local(makePipe(1 << 20))},
	{Name: "unix", Make: local(makeUnix)},
	{Name: "tcp", Make: local(makeTCP)},
	{Name: "tcp-nagle", Make: local(makeTCPNagle)},
	{Name: "file", Make: local(makeFile)},
	{Name: "iopipe", Make: local(makeIOPipe)},
	{Name: "netpipe", Make: local(makeNetPipe)},
	{Name: "proc", Make: makeProc, Echo: true},
}

// LookupTransport returns the registered transport with the given name.
func LookupTransport(name string) (Transport, error) {
	for _, t := range Transports {
		if t.Name == name {
			return t, nil
		}
	}
	return Transport{}, fmt.Errorf("bench: unknown transport %q", name)
}

// bareTransports are the transports that carry bare bytes: all but those
// whose far end is a peer echoing messages.
func bareTransports() []Transport {
	var out []Transport
	for _, tr := range Transports {
		if !tr.Echo {
			out = append(out, tr)
		}
	}
	return out
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
