package report

import (
	"reflect"
	"testing"
)

// TestParseSkips checks both orders in which go test prints a skipped
// benchmark's log (before its --- SKIP line with -v, after it without),
// skips inside -count runs, cells that broke in a later run (--- FAIL with
// a broken: line and the -GOMAXPROCS suffix: broken, not failed), a cell
// that broke in one run and failed otherwise in another (both), failures
// and n/a cells.
func TestParseSkips(t *testing.T) {
	const out = `BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB
    bench_test.go:21: broken: bench: BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB: strategies: oneread: short read: one read returned 65532 of 1048576 bytes (writer: broken pipe)
--- SKIP: BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB
--- SKIP: BenchmarkStream/transport=tcp/codec=raw/strategy=none/payload=blob/size=16B
    bench_test.go:30: n/a: none needs a fixed size
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=256B
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=256B-2   	  1000	  1200 ns/op
    bench_test.go:29: broken: short read: one read returned 72 of 256 bytes
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=256B-2   	     0	  NaN ns/op
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B
BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B-2   	  1000	  1200 ns/op
    bench_test.go:29: broken: short read: one read returned 4 of 16 bytes
--- FAIL: BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B-2
--- FAIL: BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B-2
    bench_test.go:29: broken: short read: one read returned 5 of 16 bytes
BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B-2   	  1000	  1200 ns/op
--- FAIL: BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B-2
    bench_test.go:31: watchdog: no progress for 30s
BenchmarkCodec/codec=gob/payload=blob/size=16B
    bench_test.go:80: round trip failed: EOF
--- FAIL: BenchmarkCodec/codec=gob/payload=blob/size=16B
--- FAIL: BenchmarkCodec
`
	want := []Skip{
		{"BenchmarkStream/transport=pipe/codec=raw/strategy=oneread/payload=blob/size=1MiB", Broken, "strategies: oneread: short read: one read returned 65532 of 1048576 bytes (writer: broken pipe)", "f"},
		{"BenchmarkStream/transport=tcp/codec=raw/strategy=none/payload=blob/size=16B", NA, "none needs a fixed size", "f"},
		{"BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=256B", Broken, "short read: one read returned 72 of 256 bytes", "f"},
		{"BenchmarkStream/transport=tcp/codec=raw/strategy=oneread/payload=blob/size=16B", Broken, "short read: one read returned 4 of 16 bytes", "f"},
		{"BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B", Broken, "short read: one read returned 5 of 16 bytes", "f"},
		{"BenchmarkStream/transport=unix/codec=raw/strategy=oneread/payload=blob/size=16B", Failed, "watchdog: no progress for 30s", "f"},
		{"BenchmarkCodec/codec=gob/payload=blob/size=16B", Failed, "round trip failed: EOF", "f"},
		{"BenchmarkCodec", Failed, "", "f"},
	}
	if got := parseSkips([]byte(out), "f"); !reflect.DeepEqual(got, want) {
		t.Errorf("parseSkips =\n%q\nwant\n%q", got, want)
	}
	ix := (&Set{Skips: parseSkips([]byte(out), "f")}).Index(0)
	for transport, kind := range map[string]string{"tcp": Broken, "unix": Failed} {
		c := Cell{"Stream", transport, "raw", "oneread", "blob", "16B"}
		if got := ix.Broken[c].Kind; got != kind {
			t.Errorf("Index: %v is %q, want %q", c, got, kind)
		}
	}
}

func TestSkipCause(t *testing.T) {
	for _, tc := range []struct{ reason, want string }{
		{"strategies: oneread: read message 0 at byte 0: short read: one read returned 65532 of 65536 bytes (writer: strategies: oneread: write message 0 at byte 0: broken pipe)", "short read: one read returned 65532 of 65536 bytes"},
		{"strategies: scanner: read message 0 at byte 0: bufio.Scanner: token too long", "bufio.Scanner: token too long"},
		{"timeout", "timeout"},
		{"odd (unbalanced", "odd (unbalanced"},
	} {
		if got := (Skip{Reason: tc.reason}).Cause(); got != tc.want {
			t.Errorf("Skip{Reason: %q}.Cause() = %q, want %q", tc.reason, got, tc.want)
		}
	}
}

func TestOrder(t *testing.T) {
	got := Order("size", []string{"1MiB", "16B", "65537B", "64KiB", "4KiB"})
	if want := []string{"16B", "4KiB", "64KiB", "65537B", "1MiB"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Order(size) = %v, want %v", got, want)
	}
	got = Order("strategy", []string{"zeta", "none", "stream", "lenprefix-crc"})
	if want := []string{"stream", "lenprefix-crc", "none", "zeta"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Order(strategy) = %v, want %v", got, want)
	}
}
