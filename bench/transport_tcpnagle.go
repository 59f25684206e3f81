package bench

import (
	"fmt"
	"net"
)

// TCPNagle is TCP with Nagle's algorithm on, as CPython's sockets have it:
// ping-pong on it shows the stall of frames written in two calls.
var TCPNagle = Transport{Name: "tcp-nagle", Make: local(makeTCPNagle), Capacity: func(int) int { return 64 << 10 }, LatencyOnly: true}

// makeTCPNagle connects two TCP sockets on the loopback interface with
// TCP_NODELAY off on both, so that Nagle's algorithm is on, as on a socket
// of CPython and of most languages but Go. A frame written in two calls,
// header then payload, then stalls at small sizes: the kernel holds the
// payload back until the peer acknowledges the header, and the peer, which
// waits for the rest of the frame before it answers, delays its ACK (about
// 40 ms on Linux). A frame written with one call does not wait.
func makeTCPNagle() (End, End, func(), error) {
	a, b, stop, err := makeTCP()
	if err != nil {
		return End{}, End{}, nil, err
	}
	for _, e := range []End{a, b} {
		if err := e.W.(*net.TCPConn).SetNoDelay(false); err != nil {
			stop()
			return End{}, End{}, nil, fmt.Errorf("bench: turning Nagle's algorithm on: %w", err)
		}
	}
	return a, b, stop, nil
}
