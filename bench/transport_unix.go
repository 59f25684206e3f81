package bench

import (
	"net"
	"os"
	"path/filepath"
)

// Unix is a pair of Unix stream sockets. One read returns what the socket
// holds; messages of up to a third of 64 KiB arrive whole.
var Unix = Transport{Name: "unix", Make: local(makeUnix), Capacity: func(int) int { return 64 << 10 }}

// makeUnix connects two Unix stream sockets through a listener in a
// temporary directory, which it removes on stop.
func makeUnix() (End, End, func(), error) {
	dir, err := os.MkdirTemp("", "framebench")
	if err != nil {
		return End{}, End{}, nil, err
	}
	a, b, stop, err := dialPair("unix", filepath.Join(dir, "s"))
	if err != nil {
		os.RemoveAll(dir)
		return End{}, End{}, nil, err
	}
	return a, b, func() { stop(); os.RemoveAll(dir) }, nil
}

// dialPair listens on addr, dials it and returns the two connections.
func dialPair(network, addr string) (End, End, func(), error) {
	ln, err := net.Listen(network, addr)
	if err != nil {
		return End{}, End{}, nil, err
	}
	defer ln.Close()
	type accepted struct {
		c   net.Conn
		err error
	}
	ch := make(chan accepted, 1)
	go func() {
		c, err := ln.Accept()
		ch <- accepted{c, err}
	}()
	c1, err := net.Dial(network, ln.Addr().String())
	if err != nil {
		ln.Close()
		<-ch
		return End{}, End{}, nil, err
	}
	acc := <-ch
	if acc.err != nil {
		c1.Close()
		return End{}, End{}, nil, acc.err
	}
	c2 := acc.c
	return End{R: c1, W: c1}, End{R: c2, W: c2}, closeAll(c1, c2), nil
}
