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
	// Make returns two connected ends and a stop function that closes
	// everything, may be called more than once and from any goroutine, and
	// unblocks any Read or Write in progress on either end.
	Make func() (a, b End, stop func(), err error)
}

// Transports is the transport registry in report order.
var Transports = []Transport{
	{Name: "pipe", Make: makePipe(0)},
	{Name: "pipe1m", Make: makePipe(1 << 20)},
	{Name: "unix", Make: makeUnix},
	{Name: "tcp", Make: makeTCP},
	{Name: "file", Make: makeFile},
	{Name: "iopipe", Make: makeIOPipe},
	{Name: "netpipe", Make: makeNetPipe},
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
