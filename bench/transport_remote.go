package bench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"framebench/peer"
)

// Remote is the transport to a "framebench peer serve" on another host,
// which echoes every message: BenchmarkStream and BenchmarkPingPong run
// every cell against it too when the Env names its address (Env.Remote;
// framebench run -remote). It is not in Transports, and knows nothing of
// the far host's buffers.
var Remote = Transport{Name: "remote", Echo: true}

// remoteAt is Remote, connecting to the serve peer at addr.
func remoteAt(addr string) Transport {
	t := Remote
	t.Peer = dialRemote(addr)
	return t
}

// dialRemote returns the constructor of connections to the serve peer at
// addr: each cell gets its own TCP connection, whose hello carries the
// cell's echo flags (see peer.Dial). When the connection fails, reads and
// writes return the serve peer's own error for it, if any.
func dialRemote(addr string) func(flags []string) (End, func(), error) {
	return func(flags []string) (End, func(), error) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, ask, err := peer.Dial(ctx, addr, flags)
		if err != nil {
			return End{}, nil, err
		}
		why := func(err error) error {
			var re *peer.RemoteError
			if e := ask(); errors.As(e, &re) {
				return fmt.Errorf("bench: remote peer %s: %w", addr, e)
			}
			return err
		}
		why, stop := stoppable(why, closeAll(conn))
		end := End{R: &peerReader{r: conn, why: why}, W: newPeerWriter(conn, why)}
		return end, stop, nil
	}
}
