package peer

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"framebench/strategies"
)

// TestPeerChild is not a test: it runs Command in a child process started
// by runChild, with the arguments after "--", and exits as the framebench
// command would (2 for usage errors, 1 for others).
func TestPeerChild(t *testing.T) {
	if os.Getenv("FRAMEBENCH_PEER_CHILD") != "1" {
		t.Skip("runs the peer in a child process of the memory tests")
	}
	err := Command(context.Background(), os.Stdin, os.Stdout, os.Stderr, flag.Args())
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		os.WriteFile(os.Getenv("FRAMEBENCH_PEER_HWM"), status, 0o644)
	}
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.Is(err, ErrUsage):
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// peakRSS reads VmHWM (the peak resident set, in kB) from a copy of
// /proc/PID/status. getrusage's ru_maxrss would not do: a child started
// with vfork counts the parent's memory too.
func peakRSS(t *testing.T, status []byte) int64 {
	t.Helper()
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			return kb << 10
		}
	}
	t.Skip("no VmHWM in /proc/self/status: not Linux")
	return 0
}

// runChild runs "peer ARGS" in a child process on stdin and returns its
// stderr, exit status and peak resident memory (VmHWM).
func runChild(t *testing.T, stdin []byte, args ...string) (string, int, int64) {
	t.Helper()
	hwm := t.TempDir() + "/status"
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestPeerChild$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "FRAMEBENCH_PEER_CHILD=1", "FRAMEBENCH_PEER_HWM="+hwm)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	status, err := os.ReadFile(hwm)
	if err != nil {
		t.Fatalf("the child left no status: %v (stderr %q)", err, stderr.String())
	}
	return stderr.String(), cmd.ProcessState.ExitCode(), peakRSS(t, status)
}

func lenPrefixed(p []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(p))), p...)
}

func repeat(head string, unit string, n int, tail string) []byte {
	return []byte(head + strings.Repeat(unit, n) + tail)
}

// memoryCases are issue 13's cases 2, 3 and 4 as the command meets them:
// each must end with status 1 and one line naming the strategy, the
// message and the byte, in at most 8·F + 100 MB of memory for F bytes of
// input (the old code took 0.6 to 2.9 GB, or minutes, on most of them).
var memoryCases = []struct {
	name string
	args []string
	in   func() []byte
	want string
}{
	{"msgpack 8 MiB of nils", []string{"-strategy", "lenprefix", "-codec", "msgpack"},
		func() []byte {
			return lenPrefixed(append([]byte{0xdd, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xc0}, 8<<20)...))
		}, "value too deep or too large"},
	{"msgpack 32 MiB of nils", []string{"-strategy", "lenprefix", "-codec", "msgpack"},
		func() []byte {
			return lenPrefixed(append([]byte{0xdd, 2, 0, 0, 0}, bytes.Repeat([]byte{0xc0}, 32<<20)...))
		}, "value too deep or too large"},
	{"cbor 8 MiB of empty maps", []string{"-strategy", "lenprefix", "-codec", "cbor"},
		func() []byte {
			return lenPrefixed(append([]byte{0x9a, 0, 0x80, 0, 0}, bytes.Repeat([]byte{0xa0}, 8<<20)...))
		}, "value too deep or too large"},
	{"json -messages 12 MiB stream", []string{"-strategy", "stream", "-codec", "json", "-messages"},
		func() []byte { return repeat(`{"Items":[`, "{},", 4<<20, "{}]}") }, "value too deep or too large"},
	{"cbor -messages 8 MiB stream", []string{"-strategy", "stream", "-codec", "cbor", "-messages"},
		func() []byte {
			return append(append([]byte("\xa1\x65Items\x9a"), binary.BigEndian.AppendUint32(nil, 8<<20)...), bytes.Repeat([]byte{0xa0}, 8<<20)...)
		}, "value too deep or too large"},
	{"json 12 MiB stream of lists", []string{"-strategy", "stream", "-codec", "json"},
		func() []byte { return repeat("[", "[],", 4<<20, "[]]") }, "value too deep or too large"},
	{"pickle 8 MiB of empty dicts", []string{"-strategy", "lenprefix", "-codec", "pickle"},
		func() []byte { return lenPrefixed(repeat("\x80\x04(", "}", 8<<20, "l.")) }, "value too deep or too large"},
	{"msgpack -messages claims", []string{"-strategy", "lenprefix", "-codec", "msgpack", "-messages"},
		func() []byte { return lenPrefixed([]byte("\x81\xa5Items\x91\x81\xa4Tags\xdd\xff\xff\xff\xff")) }, "unexpected EOF"},
	{"json 4M-digit integer", []string{"-strategy", "lenprefix", "-codec", "json"},
		func() []byte { return lenPrefixed(repeat("", "7", 4<<20, "")) }, "integer of 4194304 decimal digits, limit 4300"},
	{"cbor 8 MiB bignum", []string{"-strategy", "varint", "-codec", "cbor"},
		func() []byte {
			p := append(append([]byte{0xc2, 0x5a}, binary.BigEndian.AppendUint32(nil, 8<<20)...), bytes.Repeat([]byte{0xff}, 8<<20)...)
			return append(binary.AppendUvarint(nil, uint64(len(p))), p...)
		}, "limit 14284 bits"},
	{"pickle LONG of 4M digits", []string{"-strategy", "stream", "-codec", "pickle"},
		func() []byte { return repeat("\x80\x02L", "3", 4<<20, "L\n.") }, "limit 4300"},
	{"varint 2^40 claim", []string{"-strategy", "varint", "-codec", "raw"},
		func() []byte { return []byte("\x80\x80\x80\x80\x80\x20xx") }, "frame too large"},
	{"varint 2^62 claim", []string{"-strategy", "varint", "-codec", "raw"},
		func() []byte { return []byte("\x80\x80\x80\x80\x80\x80\x80\x80\x40xx") }, "frame too large"},
	{"varint overflow", []string{"-strategy", "varint", "-codec", "raw"},
		func() []byte { return []byte("\xff\xff\xff\xff\xff\xff\xff\xff\x7fxx") }, "frame too large"},
	{"msgio-varint 2^40 claim", []string{"-strategy", "msgio-varint", "-codec", "raw"},
		func() []byte { return []byte("\x80\x80\x80\x80\x80\x20xx") }, "frame too large"},
	{"protodelim 2^40 claim", []string{"-strategy", "protodelim", "-codec", "raw"},
		func() []byte { return []byte("\x80\x80\x80\x80\x80\x20xx") }, "frame too large"},
}

// TestMemoryChild measures each memory case in a child process: status 1,
// one line on stderr with the expected cause, and peak RSS within 8·F +
// 100 MB. The two largest inputs run only without -short.
func TestMemoryChild(t *testing.T) {
	for _, tc := range memoryCases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in()
			if testing.Short() && len(in) > 16<<20 {
				t.Skip("a large input: without -short only")
			}
			if raceEnabled {
				t.Skip("the race detector multiplies memory use")
			}
			stderr, code, rss := runChild(t, in, append([]string{"recv"}, tc.args...)...)
			if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.want) ||
				!strings.Contains(stderr, "read message 0 at byte 0") {
				t.Errorf("status %d, stderr %.300q; want 1 and one line with message 0, byte 0 and %q", code, stderr, tc.want)
			}
			if bound := 8*int64(len(in)) + 100e6; rss > bound {
				t.Errorf("peak RSS %d MB for %d bytes of input, want at most %d MB", rss>>20, len(in), bound>>20)
			}
			t.Logf("peak RSS %d MB for %d bytes", rss>>20, len(in))
		})
	}
}

// acceptedCases are messages within the budget, the largest of their
// kind: they are delivered (status 0) in at most 8·F + 100 MB as well.
var acceptedCases = []struct {
	name string
	args []string
	in   func() []byte
}{
	{"pickle 32 MiB string", []string{"-strategy", "lenprefix", "-codec", "pickle"},
		func() []byte { return lenPrefixed(pickleString(32 << 20)) }},
	{"json 16 MiB string stream", []string{"-strategy", "stream", "-codec", "json"},
		func() []byte { return []byte(`"` + strings.Repeat("j", 16<<20) + `"`) }},
	{"msgpack 600k nils, just within the budget", []string{"-strategy", "lenprefix", "-codec", "msgpack"},
		func() []byte {
			return lenPrefixed(append([]byte{0xdd, 0, 9, 0x27, 0xc0}, bytes.Repeat([]byte{0xc0}, 600_000)...))
		}},
	{"gob 16 MiB struct message", []string{"-strategy", "lenprefix", "-codec", "gob"},
		func() []byte {
			b, _ := strategies.Gob.Append(nil, strategies.NewMessage(strategies.Struct, 16<<20, 1))
			return lenPrefixed(b)
		}},
}

// TestMemoryChildAccepted: the accepted cases end with status 0 within
// 8·F + 100 MB (measured as TestMemoryChild does).
func TestMemoryChildAccepted(t *testing.T) {
	for _, tc := range acceptedCases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in()
			if testing.Short() && len(in) > 16<<20 {
				t.Skip("a large input: without -short only")
			}
			if raceEnabled {
				t.Skip("the race detector multiplies memory use")
			}
			stderr, code, rss := runChild(t, in, append([]string{"recv"}, tc.args...)...)
			if code != 0 {
				t.Errorf("status %d, stderr %.300q; want 0", code, stderr)
			}
			if bound := 8*int64(len(in)) + 100e6; rss > bound {
				t.Errorf("peak RSS %d MB for %d bytes of input, want at most %d MB", rss>>20, len(in), bound>>20)
			}
			t.Logf("peak RSS %d MB for %d bytes", rss>>20, len(in))
		})
	}
}

// TestFlagBounds is issue 13's case 2 on the command line: every number
// out of its bounds is a usage error (status 2) naming the flag, before
// anything is read or allocated.
func TestFlagBounds(t *testing.T) {
	for _, args := range [][]string{
		{"recv", "-strategy", "varint", "-codec", "raw", "-max-frame", "9223372036854775807"},
		{"recv", "-strategy", "buffered", "-codec", "json", "-buf-size", "9223372036854775807"},
		{"recv", "-strategy", "msgio", "-codec", "raw", "-buf-size", "9223372036854775807"},
		{"recv", "-strategy", "protodelim", "-codec", "raw", "-buf-size", "9223372036854775807"},
		{"recv", "-strategy", "lenprefix", "-codec", "json", "-buf-size", "-1"},
		{"recv", "-strategy", "lenprefix", "-codec", "json", "-buf-size", "100000000000"},
		{"recv", "-strategy", "lenprefix", "-codec", "json", "-max-frame", "0"},
		{"recv", "-strategy", "lenprefix", "-codec", "json", "-max-frame", "2GiB"},
		{"recv", "-strategy", "none", "-codec", "raw", "-fixed-size", "-3"},
		{"recv", "-strategy", "scanner", "-codec", "json", "-max-frame", "1MiB"},
		{"serve", "-max-conns", "0"},
		{"serve", "-max-memory", "1MiB"},
		{"serve", "-idle-timeout", "-1s"},
		{"recv", "-max-frame", "99999999999999999999999"},
		{"echo", "-strategy", "lenprefix", "-codec", "raw", "-write-policy", "pipe-64KiB,64KiB=sendfile"},
	} {
		stderr, code, _ := runChild(t, nil, args...)
		flagName := args[len(args)-2]
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, flagName) {
			t.Errorf("peer %v: status %d, stderr %q; want 2 and one line naming %s", args, code, stderr, flagName)
		}
	}
	o, err := parse("echo", []string{"-messages", "-strategy", "lenprefix", "-codec", "raw", "-write-policy", "pipe-64KiB,64KiB=copy,1MiB=split;socket-unix,64KiB=chunk"}, io.Discard, io.Discard)
	if want := "pipe-64KiB 64KiB=copy 1MiB=split; socket-unix 64KiB=chunk"; err != nil || o.c.Options.Write.String() != want {
		t.Errorf("-write-policy: Options.Write = %v, %v; want %s", o.c.Options.Write, err, want)
	}
	var c Config
	if err := c.Check(true); !errors.Is(err, ErrConfig) {
		t.Errorf("the zero Config: Check = %v", err)
	}
	_ = strategies.MaxSize
}
