package bench

import "net"

// NetPipe is net.Pipe: every write waits for reads that take all of it.
var NetPipe = Transport{Name: "netpipe", Make: local(makeNetPipe), WholeWrites: true}

// makeNetPipe is net.Pipe: synchronous, in memory, full duplex.
func makeNetPipe() (End, End, func(), error) {
	c1, c2 := net.Pipe()
	return End{R: c1, W: c1}, End{R: c2, W: c2}, closeAll(c1, c2), nil
}
