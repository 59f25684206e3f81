package bench

import (
	"bufio"
	"errors"
	"testing"

	"framebench/strategies"
)

// TestBreaks reproduces the failures the matrix skips as "broken": the
// seed's short read above the pipe capacity and bufio.Scanner's 64 KiB
// limit, while lenprefix on the same transport and size passes.
// moveChecked opens cell c (failing t if it cannot) and moves n messages,
// checked in full, the way c's workload does: one transfer for Stream,
// round trips for PingPong. It returns the transfer's error.
func moveChecked(t *testing.T, e Env, c Cell, n int) error {
	t.Helper()
	l, err := e.Open(c)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if c.Bench == Stream {
		_, err = l.Transfer(1, n, true)
	} else {
		_, err = l.RoundTrips(1, n, true, nil)
	}
	return err
}

func TestBreaks(t *testing.T) {
	for _, tc := range []struct {
		strategy, codec string
		size            int
		want            error
	}{
		{"oneread", "raw", 65537, strategies.ErrShortRead},
		{"oneread", "gob", 1 << 20, strategies.ErrShortRead},
		{"scanner", "json", 65537, bufio.ErrTooLong},
		{"lenprefix", "raw", 65537, nil},
		{"oneread", "raw", 65536 - 100, nil},
	} {
		for _, bench := range []string{Stream, PingPong} {
			c := Cell{Bench: bench, Transport: "pipe", Codec: tc.codec, Strategy: tc.strategy, Payload: "blob", Size: tc.size}
			t.Run(c.Name(), func(t *testing.T) {
				err := moveChecked(t, env, c, 3)
				if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
					t.Fatalf("transfer = %v, want %v", err, tc.want)
				}
				if err != nil && !Breaks(c, err) {
					t.Errorf("Breaks(%v) = false, want true", err)
				}
			})
		}
	}
}
