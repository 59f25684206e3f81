package bench

// TCP is a pair of TCP sockets on the loopback interface; messages of up
// to a third of 64 KiB arrive whole.
var TCP = Transport{Name: "tcp", Make: local(makeTCP), Capacity: func(int) int { return 64 << 10 }}

// makeTCP connects two TCP sockets on the loopback interface. Go sets
// TCP_NODELAY by default, so small writes are not held back.
func makeTCP() (End, End, func(), error) {
	return dialPair("tcp", "127.0.0.1:0")
}
