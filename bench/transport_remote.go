package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"framebench/peer"
)

// RemoteEnv is the environment variable that holds the address
// (HOST:PORT) of a "framebench peer serve" on another host. When it is set,
// the remote transport is registered: BenchmarkStream and BenchmarkPingPong
// then also run every cell against that peer, which echoes each message
// (framebench run -remote sets it).
const RemoteEnv = "FRAMEBENCH_REMOTE"

func init() {
	if addr := os.Getenv(RemoteEnv); addr != "" {
		AddRemote(addr)
	}
}

// AddRemote registers the remote transport to the serve peer at addr, once.
// The framebench command calls it for -remote, so that it counts the remote
// cells as the test binary, started with RemoteEnv set, will run them.
func AddRemote(addr string) {
	for _, t := range Transports {
		if t.Name == "remote" {
			return
		}
	}
	Transports = append(Transports, Transport{Name: "remote", Make: makeRemote(addr), Echo: true})
}

// makeRemote returns the constructor of connections to the serve peer at
// addr: each cell gets its own TCP connection, whose hello names the
// cell's strategy and codec (see peer.Dial). When the connection fails,
// reads and writes return the serve peer's own error for it, if any.
func makeRemote(addr string) func(Cell) (End, End, func(), error) {
	return func(c Cell) (End, End, func(), error) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, ask, err := peer.Dial(ctx, addr, peerFlags(c))
		if err != nil {
			return End{}, End{}, nil, err
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
		return end, end, stop, nil
	}
}
