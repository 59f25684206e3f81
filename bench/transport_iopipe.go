package bench

import "io"

// IOPipe is two io.Pipes: every write waits for reads that take all of it.
var IOPipe = Transport{Name: "iopipe", Make: local(makeIOPipe), WholeWrites: true}

// makeIOPipe joins two io.Pipes: synchronous, in memory, no buffering, so
// every write waits for reads that take all of it.
func makeIOPipe() (End, End, func(), error) {
	r1, w1 := io.Pipe()
	r2, w2 := io.Pipe()
	return End{R: r2, W: w1}, End{R: r1, W: w2}, closeAll(r1, w1, r2, w2), nil
}
