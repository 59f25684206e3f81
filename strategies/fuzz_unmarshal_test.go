package strategies_test

import (
	"errors"
	"testing"

	"framebench/strategies"
)

// FuzzUnmarshal: every codec of the registry (the input's first byte picks
// it, as in FuzzCheckEncoding) unmarshals any input without a panic (a
// recovered one, ErrCodecPanic, fails too), unchecked, as the framed
// readers of the benchmarks call it; and what it accepts survives a round
// trip through Append and Unmarshal. It covers the codecs that have no
// stream decoder for fuzzDecoder.
func FuzzUnmarshal(f *testing.F) {
	addCheckSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, in := codecOf(data)
		var m strategies.Message
		err := c.Unmarshal(in, &m)
		if errors.Is(err, strategies.ErrCodecPanic) {
			t.Fatalf("%s: %v", c.Name(), err)
		}
		if err == nil {
			checkReencode(t, c, &m)
		}
	})
}
