package bench

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"framebench/peer"
	"framebench/strategies"
)

// peerCells are cells for the transports whose far end is a peer: every
// codec, framed and stream strategies, both payloads, sizes around a pipe.
func peerCells(transport string) []Cell {
	cell := func(codec, strategy string, p strategies.Payload, size int) Cell {
		return Cell{Transport: transport, Codec: codec, Strategy: strategy, Payload: p, Size: size}
	}
	return []Cell{
		cell("raw", "none", strategies.Blob, 1<<20),
		cell("raw", "lenprefix", strategies.Blob, 65537),
		cell("gob", "stream", strategies.Struct, 4<<10),
		cell("json", "newline", strategies.Blob, 256),
		cell("json", "buffered", strategies.Struct, 64<<10),
		cell("pickle", "stream", strategies.Blob, 65537),
		cell("pickle", "lenprefix", strategies.Struct, 4<<10),
		cell("msgpack", "varint", strategies.Blob, 1<<20),
		cell("cbor", "lenprefix-crc", strategies.Struct, 64<<10),
		cell("protobuf", "protodelim", strategies.Struct, 4<<10),
		cell("raw", "msgio", strategies.Blob, 16),
	}
}

// testPeerTransport runs transfers and round trips, checked in full, over
// a transport whose far end echoes.
func testPeerTransport(t *testing.T, e Env, transport string) {
	for _, c := range peerCells(transport) {
		for _, bench := range []string{Stream, PingPong} {
			c.Bench = bench
			t.Run(c.Name(), func(t *testing.T) {
				if err := moveChecked(t, e, c, 5); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// testBroken checks that a cell that breaks by design in the peer (the
// scanner's 64 KiB limit) is recognised through the process or host
// boundary, as Breaks needs, in both workloads.
func testBroken(t *testing.T, e Env, transport string, cells ...Cell) {
	for _, c := range cells {
		for _, bench := range []string{Stream, PingPong} {
			c.Bench, c.Transport = bench, transport
			t.Run(c.Name(), func(t *testing.T) {
				err := moveChecked(t, e, c, 3)
				if err == nil || !Breaks(c, err) {
					t.Errorf("error %v: want the break of %s", err, c.Strategy)
				}
				var re *peer.RemoteError
				if !errors.As(err, &re) {
					t.Errorf("error %v: want the peer's own error", err)
				}
			})
		}
	}
}

func TestProc(t *testing.T) { testPeerTransport(t, env, "proc") }

// TestProcBroken: oneread's short read and the scanner's limit happen in
// the child, which reads first; the parent sees them.
func TestProcBroken(t *testing.T) {
	testBroken(t, env, "proc",
		Cell{Codec: "pickle", Strategy: "oneread", Payload: strategies.Blob, Size: 1 << 20},
		Cell{Codec: "json", Strategy: "scanner", Payload: strategies.Blob, Size: 1 << 20})
}

// TestProcStop: stop unblocks a read that waits for the child, and ends
// the child and every goroutine (goleak checks in TestMain).
func TestProcStop(t *testing.T) {
	a, stop, err := startProc(peerFlags(Cell{Codec: "json", Strategy: "lenprefix", Payload: strategies.Blob, Size: 16}, nil))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := a.R.Read(make([]byte, 1))
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	stop()
	stop() // idempotent
	select {
	case err := <-done:
		if err == nil {
			t.Error("Read after stop: no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("stop did not unblock the read")
	}
	if _, err := a.W.Write([]byte("x")); err == nil {
		t.Error("Write after stop: no error")
	}
}

// TestProcBadChild: a child that is not a peer (wrong flags) fails the
// link with its own error line, not with a hang.
func TestProcBadChild(t *testing.T) {
	c := Cell{Bench: Stream, Transport: "proc", Codec: "raw", Strategy: "none", Payload: strategies.Blob, Size: 16}
	flags := peerFlags(c, nil)
	if len(flags) < 2 || flags[len(flags)-2] != "-fixed-size" || flags[len(flags)-1] != "16" {
		t.Fatalf("peerFlags(%s) = %v: want the none size", c.Name(), flags)
	}
	a, stop, err := startProc(peerFlags(Cell{Codec: "raw", Strategy: "none", Payload: strategies.Blob, Size: 0}, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	_, err = io.ReadAll(a.R)
	var re *peer.RemoteError
	if !errors.As(err, &re) || re.Status != 1 {
		t.Errorf("read from a child with no size for none = %v, want its error line", err)
	}
}

// withRemote starts a serve peer on loopback for the test and returns an
// Env whose remote transport goes to it.
func withRemote(t *testing.T) Env {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback TCP: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- peer.Serve(ctx, ln, peer.Config{}, nil) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve = %v", err)
		}
	})
	e := env
	e.Remote = ln.Addr().String()
	return e
}

func TestRemote(t *testing.T) {
	testPeerTransport(t, withRemote(t), "remote")
}

// TestRemoteBroken: the serve peer's error reaches the benchmark through
// its status: the scanner's limit is recognised as the break it is.
func TestRemoteBroken(t *testing.T) {
	testBroken(t, withRemote(t), "remote", Cell{Codec: "json", Strategy: "scanner", Payload: strategies.Blob, Size: 1 << 20})
}

// TestRemoteUnreachable: a dead address fails Open with an error.
func TestRemoteUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if _, err := (Env{Remote: addr}).Open(Cell{Bench: Stream, Transport: "remote", Codec: "json", Strategy: "lenprefix", Payload: strategies.Blob, Size: 16}); err == nil {
		t.Error("Open on the remote transport to a closed port: no error")
	}
}
