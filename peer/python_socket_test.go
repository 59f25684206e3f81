package peer

import (
	"net"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPythonNagleStall is the socket version of the seed's trap: over TCP
// with Nagle's algorithm on (CPython's default, and here this end's too),
// the seed's send() writing the "!L" header and the payload with two
// sock.sendall calls waits for this end's delayed ACK before the payload
// leaves: 10 ms or more per round trip of a 100-byte message (about 40 ms
// on Linux). Joined into one sendall, the same bytes take under 5 ms. A
// behaviour check with a margin of ten, not a benchmark: the median of
// the round trips after a few that warm the connection up.
func TestPythonNagleStall(t *testing.T) {
	const (
		warmUp, measured = 3, 5
		stall, noStall   = 10 * time.Millisecond, 5 * time.Millisecond
	)
	c := pythonConfigs()[0] // lenprefix: the seed's "!L" framing
	if c.Strategy.Name() != "lenprefix" {
		t.Fatalf("the first Python config is %s, want lenprefix", c.Strategy.Name())
	}
	value := strings.Repeat("n", 100)
	for _, sendall := range []string{"each", "joined"} {
		t.Run("sendall="+sendall, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			cmd := pyCommand(t, c, "echo", "-connect", ln.Addr().String(), "-sendall", sendall)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Wait()
			defer cmd.Process.Kill()
			ln.(*net.TCPListener).SetDeadline(time.Now().Add(30 * time.Second))
			conn, err := ln.Accept()
			if err != nil {
				t.Fatalf("waiting for pypeer to connect: %v", err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			if err := conn.(*net.TCPConn).SetNoDelay(false); err != nil {
				t.Fatal(err)
			}
			w, r := newWriter(conn, c), newReader(conn, c)
			var rtt []time.Duration
			for i := range warmUp + measured {
				t0 := time.Now()
				if err := w.write(value); err != nil {
					t.Fatalf("round trip %d: write: %v", i, err)
				}
				v, err := r.read()
				if err != nil || !sameValue(v, value) {
					t.Fatalf("round trip %d: read %s, %v; want the value echoed", i, short(v), err)
				}
				rtt = append(rtt, time.Since(t0))
			}
			conn.(*net.TCPConn).CloseWrite()
			if err := cmd.Wait(); err != nil {
				t.Errorf("python: %v", err)
			}
			s := slices.Clone(rtt[warmUp:])
			slices.Sort(s)
			med := s[len(s)/2]
			t.Logf("round trips %v: median %v after %d to warm up", rtt, med, warmUp)
			switch {
			case sendall == "each" && med < stall:
				t.Errorf("header and payload in two sendall calls: median round trip %v, want %v or more (Nagle's stall)", med, stall)
			case sendall == "joined" && med >= noStall:
				t.Errorf("one sendall per message: median round trip %v, want under %v", med, noStall)
			}
		})
	}
}
