package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"framebench/peer"
	"framebench/strategies"
)

// TestPeerMainHelper is not a test: it runs main in a child process started
// by runMain, with the arguments after "--".
func TestPeerMainHelper(t *testing.T) {
	if os.Getenv("FRAMEBENCH_TEST_MAIN") != "1" {
		t.Skip("runs main in a child process of the peer command tests")
	}
	os.Args = append([]string{"framebench"}, flag.Args()...)
	main()
	os.Exit(0)
}

// mainCommand is the framebench command, as a child process of the test.
func mainCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestPeerMainHelper$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "FRAMEBENCH_TEST_MAIN=1")
	return cmd
}

// runMain runs the command on stdin and returns stdout, stderr and the exit status.
func runMain(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	cmd := mainCommand(args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

// TestPeerSendRecv: JSON lines through "peer send" and back out of "peer
// recv", for every generic codec, as separate processes.
func TestPeerSendRecv(t *testing.T) {
	in := `{"s":"ü","n":[1,-2,123456789012345678901234567890],"f":2.5,"b":{"$bytes":"AAE="},"z":null}` + "\n" + `"` + strings.Repeat("0", 65537) + `"` + "\n"
	for _, codec := range []string{"json", "pickle", "msgpack", "cbor"} {
		strategies := []string{"lenprefix", "stream", "varint", "lenprefix-crc"}
		if testing.Short() {
			strategies = strategies[:2]
		}
		for _, strategy := range strategies {
			flags := []string{"-strategy", strategy, "-codec", codec, "-tag-bytes"}
			line := in
			if codec == "msgpack" {
				line = strings.Replace(in, ",123456789012345678901234567890", "", 1)
			}
			wire, stderr, code := runMain(t, []byte(line), append([]string{"peer", "send"}, flags...)...)
			if code != 0 {
				t.Fatalf("%s/%s: peer send: status %d: %s", strategy, codec, code, stderr)
			}
			out, stderr, code := runMain(t, []byte(wire), append([]string{"peer", "recv"}, flags...)...)
			if code != 0 {
				t.Fatalf("%s/%s: peer recv: status %d: %s", strategy, codec, code, stderr)
			}
			want := line
			if codec == "json" {
				want = strings.Replace(line, `{"$bytes":"AAE="}`, `"AAE="`, 1) // json carries no bytes
			}
			if !sameJSONLines(t, out, want) {
				t.Errorf("%s/%s: recv gave %.200q, want %.200q", strategy, codec, out, want)
			}
		}
	}
}

func sameJSONLines(t *testing.T, a, b string) bool {
	t.Helper()
	la, lb := strings.Split(strings.TrimSpace(a), "\n"), strings.Split(strings.TrimSpace(b), "\n")
	if len(la) != len(lb) {
		return false
	}
	for i := range la {
		va, err1 := peer.ParseJSON([]byte(la[i]), true)
		vb, err2 := peer.ParseJSON([]byte(lb[i]), true)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad JSON lines: %v, %v", err1, err2)
		}
		ja, _ := peer.AppendJSON(nil, va, true)
		jb, _ := peer.AppendJSON(nil, vb, true)
		if !bytes.Equal(ja, jb) {
			return false
		}
	}
	return true
}

// TestPeerBadInput: hostile and truncated input end the command with
// status 1 and one line on stderr that names the strategy, the message
// and the byte offset; never a panic trace.
func TestPeerBadInput(t *testing.T) {
	good, _, _ := runMain(t, []byte("{\"a\":1}\n"), "peer", "send")
	tests := []struct {
		name  string
		in    []byte
		args  []string
		where string
	}{
		{"truncated", []byte(good + good[:len(good)-3]), []string{"-strategy", "lenprefix"}, "lenprefix: read message 1 at byte " + strconv.Itoa(len(good))},
		{"4 GiB claim", []byte("\xff\xff\xff\xffxx"), []string{"-strategy", "lenprefix"}, "lenprefix: read message 0 at byte 0: frame too large"},
		{"garbage pickle", []byte("\x00\x00\x00\x05\x80\x05\x95zz"), []string{"-strategy", "lenprefix"}, "lenprefix: read message 0 at byte 0: pickle"},
		{"garbage stream", []byte("\x80\x05\x95\x00\x00\x00\x00\x00\x00\x00\x00\xff"), []string{"-strategy", "stream"}, "stream: read message 0 at byte 0"},
		{"varint overlong", bytes.Repeat([]byte{0xff}, 11), []string{"-strategy", "varint", "-codec", "cbor"}, "varint: read message 0 at byte 0: malformed frame header"},
		{"bad crc", append([]byte("0123456789ab"), good...), []string{"-strategy", "lenprefix-crc"}, "lenprefix-crc: read message 0 at byte 0: checksum mismatch"},
		{"newline over max", []byte(`"` + strings.Repeat("x", 100) + "\"\n"), []string{"-strategy", "newline", "-codec", "json", "-max-frame", "50"}, "newline: read message 0 at byte 0: frame too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runMain(t, tt.in, append([]string{"peer", "recv"}, tt.args...)...)
			if code != 1 {
				t.Errorf("status %d, want 1 (stderr %q)", code, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.where) {
				t.Errorf("stderr %q: want one line with %q", stderr, tt.where)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr %q: a panic", stderr)
			}
		})
	}
}

// TestPeerSkip: -on-error skip drops the bad message, goes on and counts.
func TestPeerSkip(t *testing.T) {
	good, _, _ := runMain(t, []byte("[1]\n"), "peer", "send", "-strategy", "varint", "-codec", "cbor")
	bad := "\x02\xff\xff" // a frame of two bytes that are no CBOR
	out, stderr, code := runMain(t, []byte(good+bad+good), "peer", "recv", "-strategy", "varint", "-codec", "cbor", "-on-error", "skip")
	if code != 0 || out != "[1]\n[1]\n" {
		t.Errorf("recv -on-error skip = %q, status %d (stderr %q)", out, code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "varint: read message 1 at byte 3") ||
		!strings.HasSuffix(lines[1], "delivered 2, skipped 1, discarded 3 bytes (1 delivered after a skip: without a checksum they may be wrong)") {
		t.Errorf("stderr %q: want the skipped message, then the summary", stderr)
	}
	if _, stderr, code := runMain(t, nil, "peer", "recv", "-strategy", "stream", "-on-error", "skip"); code != 2 || !strings.Contains(stderr, "cannot go on") {
		t.Errorf("skip with stream: status %d, stderr %q; want a usage error", code, stderr)
	}
}

// TestPeerUsage: command-line errors exit 2 with one line; -h prints the
// manual on stdout and exits 0 (issue 13's case 10).
func TestPeerUsage(t *testing.T) {
	for _, args := range [][]string{{"peer"}, {"peer", "talk"}, {"peer", "recv", "-codec", "nope"}, {"peer", "recv", "-strategy", "none"}, {"peer", "recv", "-on-error", "maybe"}} {
		if _, stderr, code := runMain(t, nil, args...); code != 2 {
			t.Errorf("%v: status %d, want 2 (stderr %q)", args, code, stderr)
		}
	}
	for _, args := range [][]string{{"peer", "-h"}, {"peer", "help"}, {"peer", "echo", "-h"}, {"peer", "recv", "-h"}, {"peer", "serve", "-h"}} {
		stdout, stderr, code := runMain(t, nil, args...)
		if code != 0 || stderr != "" || !strings.Contains(stdout, "only the suite's own payloads") {
			t.Errorf("%v: status %d, stdout %.100q, stderr %.300q; want the manual on stdout, status 0", args, code, stdout, stderr)
		}
		if len(args) > 2 && !strings.Contains(stdout, "-max-frame") {
			t.Errorf("%v: stdout %.300q does not list the flags", args, stdout)
		}
	}
}

// TestPeerEchoMessages: echo of the suite's messages for a codec without
// generic values (gob), in-process through runPeer.
func TestPeerEchoMessages(t *testing.T) {
	m := strategies.NewMessage(strategies.Struct, 4096, 7)
	var wire bytes.Buffer
	w := strategies.LenPrefix.NewWriter(&wire, strategies.Gob, strategies.Options{})
	w.WriteMessage(m)
	w.WriteMessage(m)
	defer func() { peerStdin = os.Stdin }()
	peerStdin = bytes.NewReader(wire.Bytes())
	var out, stderr bytes.Buffer
	if err := runPeer(&out, &stderr, []string{"echo", "-strategy", "lenprefix", "-codec", "gob"}); err != nil {
		t.Fatalf("peer echo: %v (%s)", err, stderr.String())
	}
	r := strategies.LenPrefix.NewReader(&out, strategies.Gob, strategies.Options{})
	for i := range 2 {
		var got strategies.Message
		if err := r.ReadMessage(&got); err != nil || !strategies.Equal(&got, m) {
			t.Errorf("echo %d: %v", i, err)
		}
	}
}

// TestPeerServe: "peer serve" echoes over TCP and stops cleanly on SIGTERM.
func TestPeerServe(t *testing.T) {
	cmd := mainCommand("peer", "serve", "-listen", "127.0.0.1:0")
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
	conn, _, err := peer.Dial(context.Background(), addr, []string{"-strategy", "lenprefix", "-codec", "json"})
	if err != nil {
		t.Fatal(err)
	}
	c := strategies.Frames(strategies.LenPrefix)
	c.NewFrameWriter(conn, strategies.Options{}).WriteFrame([]byte(`{"x":[1,2]}`))
	p, err := c.NewFrameReader(conn, strategies.Options{}).ReadFrame()
	if err != nil || string(p) != `{"x":[1,2]}` {
		t.Errorf("echo = %q, %v", p, err)
	}
	conn.Close()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() {
		for sc.Scan() {
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}
