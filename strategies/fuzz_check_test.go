package strategies_test

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"

	"framebench/strategies"
)

// addCheckSeeds seeds f with every codec's writer output (messages and,
// for value codecs, values) and the hostile cases of this package; each
// input's first byte picks the codec.
func addCheckSeeds(f *testing.F) {
	for i, c := range strategies.Codecs {
		for _, m := range fuzzMessages(c) {
			if b, err := c.Append(nil, m); err == nil {
				f.Add(append([]byte{byte(i)}, b...))
			}
		}
		if vc, ok := c.(strategies.ValueCodec); ok {
			for _, v := range []any{map[string]any{"a": []any{int64(1), 2.5, "x", nil, true}}, []byte{1, 2}, "ü"} {
				if b, err := vc.AppendValue(nil, v); err == nil {
					f.Add(append([]byte{byte(i)}, b...))
				}
			}
		}
	}
	index := func(c strategies.Codec) byte {
		for i, x := range strategies.Codecs {
			if x == c {
				return byte(i)
			}
		}
		return 0
	}
	for _, h := range hostileNumbers {
		f.Add(append([]byte{index(h.c)}, h.in[:min(len(h.in), 8000)]...))
	}
	for _, h := range hostileClaims {
		f.Add(append([]byte{index(h.c)}, h.in...))
	}
}

// codecOf picks a codec with data's first byte.
func codecOf(data []byte) (strategies.Codec, []byte) {
	if len(data) == 0 {
		return strategies.Raw, nil
	}
	return strategies.Codecs[int(data[0])%len(strategies.Codecs)], data[1:]
}

// FuzzCheckEncoding: the scan never panics, and whatever it accepts the
// library decodes without a panic and within the estimate it returned
// (runtime.MemStats.TotalAlloc, plus 512 KiB of fixed costs): the
// estimate must bound what decoding allocates, for any input.
func FuzzCheckEncoding(f *testing.F) {
	addCheckSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, in := codecOf(data)
		cost, err := strategies.CheckEncoding(c, in)
		if err == nil {
			var m strategies.Message
			used := allocs(func() { err = strategies.UnmarshalChecked(c, in, &m, nil) })
			if errors.Is(err, strategies.ErrCodecPanic) {
				t.Fatalf("%s: %v", c.Name(), err)
			}
			if used > uint64(cost)+512<<10 {
				t.Fatalf("%s: decoding %q allocated %d bytes, estimated %d", c.Name(), in, used, cost)
			}
		}
		vc, ok := c.(strategies.ValueCodec)
		if !ok {
			return
		}
		if cost, err = strategies.CheckValueEncoding(vc, in); err != nil {
			return
		}
		used := allocs(func() { _, err = vc.UnmarshalValue(in) })
		if errors.Is(err, strategies.ErrCodecPanic) {
			t.Fatalf("%s: %v", c.Name(), err)
		}
		if used > uint64(cost)+512<<10 {
			t.Fatalf("%s: decoding %q as a value allocated %d bytes, estimated %d", c.Name(), in, used, cost)
		}
	})
}

// FuzzSplitter: a Splitter over any input never panics, consumes input
// with every message it returns, returns messages that CheckEncoding
// accepts whole, and stops (io.EOF or an error, sticky) within
// len(data)+1 calls.
func FuzzSplitter(f *testing.F) {
	addCheckSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, in := codecOf(data)
		if c.NewDecoder(bytes.NewReader(nil)) == nil {
			return // not self-delimiting
		}
		sp := strategies.NewSplitter(c, bytes.NewReader(in), strategies.Options{MaxFrame: 1 << 16, BufSize: 16})
		last := int64(-1)
		for i := 0; ; i++ {
			if i > len(in)+1 {
				t.Fatalf("%s: %d messages from %d bytes", c.Name(), i, len(in))
			}
			p, err := sp.Next()
			if err != nil {
				if _, again := sp.Next(); again != err {
					t.Fatalf("%s: error %v, then %v: want it sticky", c.Name(), err, again)
				}
				if err != io.EOF && (sp.Start() < 0 || sp.Start() > int64(len(in))) {
					t.Fatalf("%s: error at %d of %d bytes", c.Name(), sp.Start(), len(in))
				}
				return
			}
			if sp.Start() <= last || len(p) == 0 {
				t.Fatalf("%s: message %d at %d, after one at %d, of %d bytes", c.Name(), i, sp.Start(), last, len(p))
			}
			last = sp.Start()
			if c != strategies.Gob { // a gob message needs the stream's types
				if _, err := strategies.CheckEncoding(c, p); err != nil {
					t.Fatalf("%s: the Splitter returned %q, which CheckEncoding refuses: %v", c.Name(), p, err)
				}
			}
		}
	})
}

// allocs returns the bytes allocated while f ran.
func allocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
