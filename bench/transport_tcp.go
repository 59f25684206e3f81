package bench

// makeTCP connects two TCP sockets on the loopback interface. Go sets
// TCP_NODELAY by default, so small writes are not held back.
func makeTCP() (End, End, func(), error) {
	return dialPair("tcp", "127.0.0.1:0")
}
