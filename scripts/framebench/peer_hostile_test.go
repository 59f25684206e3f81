package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"framebench/peer"
	"framebench/strategies"
)

// be32p is a lenprefix frame of p.
func be32p(p []byte) []byte { return append(binary.BigEndian.AppendUint32(nil, uint32(len(p))), p...) }

// serveCase is one hostile client of TestPeerServeHostile: a hello's
// flags and what it sends after an "ok". hello is set where the hello
// itself must be refused with one error line.
type serveCase struct {
	name  string
	flags []string
	send  []byte
	hello bool   // the hello must be refused
	echo  string // with -on-error skip: the frames echoed back, as raw bytes
}

func serveCases() []serveCase {
	lp := func(p []byte) []byte { return be32p(p) }
	jsonFrame := func(s string) []byte { return be32p([]byte(s)) }
	return []serveCase{
		// case 1: one line crashed the server; a hostile varint claim
		{name: "buf-size 1e11", flags: []string{"-strategy", "lenprefix", "-codec", "json", "-buf-size", "100000000000"}, hello: true},
		{name: "max-frame 2^63-1", flags: []string{"-strategy", "varint", "-codec", "raw", "-max-frame", "9223372036854775807"}, hello: true},
		{name: "varint 2^40 claim", flags: []string{"-strategy", "varint", "-codec", "raw", "-messages"}, send: []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x20}},
		// case 2: flags without bounds, in a hello
		{name: "buffered buf-size 2^63-1", flags: []string{"-strategy", "buffered", "-codec", "json", "-buf-size", "9223372036854775807"}, hello: true},
		{name: "msgio buf-size 2^63-1", flags: []string{"-strategy", "msgio", "-codec", "raw", "-buf-size", "9223372036854775807"}, hello: true},
		{name: "protodelim buf-size -1", flags: []string{"-strategy", "protodelim", "-codec", "raw", "-buf-size", "-1"}, hello: true},
		{name: "varint 2^62 claim", flags: []string{"-strategy", "varint", "-codec", "raw", "-messages"}, send: []byte("\x80\x80\x80\x80\x80\x80\x80\x80\x40xx")},
		{name: "varint overflow", flags: []string{"-strategy", "varint", "-codec", "raw", "-messages"}, send: []byte("\xff\xff\xff\xff\xff\xff\xff\xff\x7fxx")},
		{name: "msgio-varint 2^40 claim", flags: []string{"-strategy", "msgio-varint", "-codec", "raw", "-messages"}, send: []byte("\x80\x80\x80\x80\x80\x20xx")},
		// case 3: values that grow far past their frame
		{name: "msgpack 8 MiB of nils", flags: []string{"-strategy", "lenprefix", "-codec", "msgpack"}, send: lp(append([]byte{0xdd, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xc0}, 8<<20)...))},
		{name: "cbor 8 MiB of empty maps", flags: []string{"-strategy", "lenprefix", "-codec", "cbor"}, send: lp(append([]byte{0x9a, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xa0}, 8<<20)...))},
		{name: "json -messages 12 MiB", flags: []string{"-strategy", "stream", "-codec", "json", "-messages"}, send: []byte(`{"Items":[` + strings.Repeat("{},", 4<<20) + "{}]}")},
		{name: "cbor -messages 8 MiB", flags: []string{"-strategy", "stream", "-codec", "cbor", "-messages"}, send: append([]byte("\xa1\x65Items\x9a\x00\x80\x00\x00"), bytes.Repeat([]byte{0xa0}, 8<<20)...)},
		{name: "pickle 8 MiB of empty dicts", flags: []string{"-strategy", "lenprefix", "-codec", "pickle"}, send: lp([]byte("\x80\x04(" + strings.Repeat("}", 8<<20) + "l."))},
		// case 4: numbers
		{name: "json 4M-digit integer", flags: []string{"-strategy", "lenprefix", "-codec", "json"}, send: lp([]byte(strings.Repeat("7", 4<<20)))},
		{name: "cbor 8 MiB bignum", flags: []string{"-strategy", "lenprefix", "-codec", "cbor"}, send: lp(append([]byte{0xc2, 0x5a, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xff}, 8<<20)...))},
		{name: "pickle LONG of 4M digits", flags: []string{"-strategy", "stream", "-codec", "pickle"}, send: []byte("\x80\x02L" + strings.Repeat("3", 4<<20) + "L\n.")},
		// case 5: skips that skip (the echo of the good frames comes back)
		{name: "newline truncated value", flags: []string{"-strategy", "newline", "-codec", "json", "-on-error", "skip"}, send: []byte("1\n{\"a\":\n2\n"), echo: "1\n2\n"},
		{name: "msgpack 92 01", flags: []string{"-strategy", "lenprefix", "-codec", "msgpack", "-on-error", "skip"},
			send: []byte("\x00\x00\x00\x01\x01\x00\x00\x00\x02\x92\x01\x00\x00\x00\x01\x02"), echo: "\x00\x00\x00\x01\x01\x00\x00\x00\x01\x02"},
		{name: "corrupted lenprefix header", flags: []string{"-strategy", "lenprefix", "-codec", "json", "-on-error", "skip", "-max-frame", "1000"},
			send: corruptedStream(jsonFrame), echo: "[0]"},
		// case 10
		{name: "scanner max-frame 1MiB", flags: []string{"-strategy", "scanner", "-codec", "json", "-max-frame", "1MiB"}, hello: true},
		{name: "not a hello", hello: true},
	}
}

// corruptedStream is 300 frames "[0]" to "[299]" whose frame 10 has a
// header claiming 1 GiB more: the reader must not swallow the rest.
func corruptedStream(frame func(string) []byte) []byte {
	var b []byte
	for i := range 300 {
		f := frame(fmt.Sprintf("[%d]", i))
		if i == 10 {
			f[0] |= 0x40
		}
		b = append(b, f...)
	}
	return b
}

// TestPeerServeHostile throws every case of issue 13 that a serve peer can
// meet at one "framebench peer serve" process: bad hellos get one error
// line, hostile messages end their connection with an error the client
// can ask for, skips echo the good frames; meanwhile clients hold big
// frames half sent and idle connections. A good client is served while
// they are connected and after, the server's peak memory stays within
// its budget's reach, and it stops cleanly on SIGTERM.
func TestPeerServeHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("sends about 150 MB to a serve peer: without -short only")
	}
	cmd := mainCommand("peer", "serve", "-listen", "127.0.0.1:0", "-max-conns", "40", "-max-memory", "400MiB",
		"-idle-timeout", "3s", "-read-timeout", "2s")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	if !sc.Scan() {
		t.Fatal("serve printed nothing")
	}
	_, addr, ok := strings.Cut(sc.Text(), "listening on ")
	if !ok {
		t.Fatalf("serve said %q", sc.Text())
	}
	logged := make(chan string, 1)
	go func() {
		var b strings.Builder
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
		}
		logged <- b.String()
	}()
	var held []net.Conn // case 6: big frames half sent, and idle connections
	var wg sync.WaitGroup
	for range 8 {
		conn, _, err := peer.Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "raw", "-messages", "-max-frame", "64MiB"})
		if err != nil {
			t.Fatalf("a client with a big frame: %v", err)
		}
		conn.SetWriteDeadline(time.Now().Add(20 * time.Second))
		wg.Go(func() { conn.Write(append(binary.BigEndian.AppendUint32(nil, 60<<20), make([]byte, 30<<20)...)) })
		held = append(held, conn)
	}
	wg.Wait()
	for range 16 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, conn)
	}
	for _, tc := range serveCases() {
		t.Run(tc.name, func(t *testing.T) { throw(t, addr, tc) })
	}
	goodEcho(t, addr)
	for _, c := range held {
		c.Close()
	}
	goodEcho(t, addr)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err == nil && !peerRaceEnabled { // the race detector multiplies memory use
		var kb int64
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			}
		}
		if peak := kb << 10; peak > 550<<20 { // 400 MiB, and the process's own
			t.Errorf("the serve peer's peak RSS was %d MB with -max-memory 400MiB", peak>>20)
		} else {
			t.Logf("the serve peer's peak RSS: %d MB", peak>>20)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	if log := <-logged; strings.Contains(log, "goroutine") || strings.Contains(log, "panic") {
		t.Errorf("serve log has a panic:\n%.2000s", log)
	}
}

// throw runs one hostile case against the serve peer at addr.
func throw(t *testing.T, addr string, tc serveCase) {
	if tc.flags == nil { // not a hello at all
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET / HTTP/1.0\n")
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		reply, _ := io.ReadAll(conn)
		if !strings.HasPrefix(string(reply), "error ") || strings.Count(string(reply), "\n") != 1 {
			t.Errorf("reply %q, want one error line", reply)
		}
		return
	}
	conn, why, err := peer.Dial(context.Background(), addr, tc.flags)
	if tc.hello {
		if err == nil || strings.Contains(err.Error(), "\n") {
			conn.Close()
			t.Errorf("hello %v: Dial = %v, want one error line", tc.flags, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("Dial %v: %v", tc.flags, err)
	}
	defer conn.Close()
	go func() { conn.Write(tc.send); conn.(*net.TCPConn).CloseWrite() }()
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	echo, rerr := io.ReadAll(conn)
	switch {
	case tc.echo == "[0]": // the corrupted stream: its first and last frames come back
		if !bytes.HasPrefix(echo, be32p([]byte("[0]"))) || !bytes.HasSuffix(echo, be32p([]byte("[299]"))) {
			t.Errorf("echo %q, %v; want it to begin with [0] and end with [299]", echo, rerr)
		}
		return
	case tc.echo != "":
		if string(echo) != tc.echo {
			t.Errorf("echo %q, %v; want %q", echo, rerr, tc.echo)
		}
		return
	}
	if err := why(); err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("the serve peer's status for the connection: %v, want its one-line error", err)
	}
}

// goodEcho is a good client: a few values echoed over lenprefix and json.
func goodEcho(t *testing.T, addr string) {
	t.Helper()
	conn, _, err := peer.Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "json"})
	if err != nil {
		t.Fatalf("good client: %v", err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	f := strategies.Frames(strategies.LenPrefix)
	w, r := f.NewFrameWriter(conn, strategies.Options{}), f.NewFrameReader(conn, strategies.Options{})
	for _, msg := range []string{`{"x":[1,2]}`, `"` + strings.Repeat("g", 200<<10) + `"`} {
		w.WriteFrame([]byte(msg))
		p, err := r.ReadFrame()
		if err != nil || string(p) != msg {
			t.Fatalf("good client: echo %.40q, %v", p, err)
		}
	}
}
