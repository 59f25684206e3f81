package peer

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"framebench/strategies"
)

// TestSendHostileLines: send's JSON lines are input too. A line that
// would decode into far more than its size, or holds an integer of a
// million digits, is refused (a LineError, skipped with Skip) before it
// is decoded, in little memory, and the next line is sent.
func TestSendHostileLines(t *testing.T) {
	for _, tc := range []struct {
		name string
		line string
		want error
	}{
		{"12 MiB of empty lists", "[" + strings.Repeat("[],", 4<<20) + "[]]", strategies.ErrValueLimit},
		{"a 1M-digit integer", strings.Repeat("9", 1<<20), strategies.ErrValueRange},
	} {
		for _, messages := range []bool{false, true} {
			c := Config{Strategy: strategies.LenPrefix, Codec: strategies.CBOR, Skip: true, Messages: messages}
			line := tc.line
			if messages {
				line = `{"Items":` + tc.line + "}"
			}
			var skipped []error
			c.OnSkip = func(err error) { skipped = append(skipped, err) }
			var wire bytes.Buffer
			in := strings.NewReader(line + "\n{}\n")
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			sum, err := Send(in, &wire, c)
			runtime.ReadMemStats(&after)
			var le *LineError
			if err != nil || sum.Delivered != 1 || len(skipped) != 1 || !errors.As(skipped[0], &le) || le.Line != 0 {
				t.Errorf("%s (messages %v): Send = %v, %v, skipped %v; want line 0 skipped, the next sent", tc.name, messages, sum, err, skipped)
				continue
			}
			if !messages && !errors.Is(skipped[0], tc.want) {
				t.Errorf("%s: skipped for %v, want %v", tc.name, skipped[0], tc.want)
			}
			// The line itself is kept (growing by doubling); decoding it
			// would have taken 50 times its size.
			if used := after.TotalAlloc - before.TotalAlloc; used > 8*uint64(len(line))+8<<20 {
				t.Errorf("%s (messages %v): Send allocated %d bytes for a line of %d", tc.name, messages, used, len(line))
			}
		}
	}
}
