// Package strategytest is the conformance suite that every codec and
// strategy of package strategies runs, in the manner of internal/testhash:
//
//	for each strategy s and codec c in the registries:
//		strategytest.Run(t, s, c)
//
// Each check is a Case whose Run returns the problems it found, so that a
// test can also run the suite against a deliberately broken strategy and
// expect failures (see TestSuiteCatchesBrokenStrategy).
package strategytest

import (
	"errors"
	"fmt"
	"testing"

	"framebench/strategies"
)

// Case is one conformance check. Run returns nil if the pair conforms.
type Case struct {
	Name string
	Run  func() error
}

// Sizes crosses the pipe capacity and the framed readers' buffer size.
var Sizes = []int{0, 1, 16, 256, 4096, 65535, 65536, 65537, 1 << 20}

// LargeSize is added to Sizes for blob payloads outside -short runs.
const LargeSize = 16 << 20

// Run runs every Case for strategy s carrying codec c as subtests.
func Run(t *testing.T, s strategies.Strategy, c strategies.Codec) {
	t.Helper()
	cases := Cases(s, c, testing.Short())
	if len(cases) == 0 {
		t.Skipf("%s does not apply to %s", s.Name(), c.Name())
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			if err := tc.Run(); err != nil {
				t.Error(err)
			}
		})
	}
}

// Cases returns the checks for strategy s carrying codec c, for every
// payload the pair applies to. short leaves out the 16 MiB round trip.
func Cases(s strategies.Strategy, c strategies.Codec, short bool) []Case {
	var cases []Case
	for _, p := range strategies.Payloads {
		if strategies.Applies(s, c, p) != nil {
			continue
		}
		k := pair{s: s, c: c, p: p}
		sizes := Sizes
		if p == strategies.Blob && !short {
			sizes = append(sizes[:len(sizes):len(sizes)], LargeSize)
		}
		for _, n := range sizes {
			if n == 0 && s == strategies.None {
				continue // none cannot delimit empty messages: FixedSize must be > 0
			}
			cases = append(cases, Case{fmt.Sprintf("payload=%s/roundtrip/size=%s", p, strategies.SizeName(n)), func() error { return k.roundTrip(n) }})
		}
		cases = append(cases,
			Case{fmt.Sprintf("payload=%s/limit", p), k.limit},
			Case{fmt.Sprintf("payload=%s/truncated", p), k.truncated},
			Case{fmt.Sprintf("payload=%s/shortreads", p), k.shortReads},
			Case{fmt.Sprintf("payload=%s/writeerror", p), k.writeError},
			Case{fmt.Sprintf("payload=%s/hostile-limits", p), k.hostileLimits},
			Case{fmt.Sprintf("payload=%s/bad-payload", p), k.badPayload},
		)
		if !short {
			cases = append(cases, Case{fmt.Sprintf("payload=%s/writepaths", p), k.writePaths})
		}
	}
	return cases
}

// pair is one strategy, codec and payload under test.
type pair struct {
	s strategies.Strategy
	c strategies.Codec
	p strategies.Payload
}

func (k pair) String() string { return fmt.Sprintf("%s/%s/%s", k.s.Name(), k.c.Name(), k.p) }

// opts returns options fitting messages of n payload bytes: none must know
// the encoded size.
func (k pair) opts(msgs []*strategies.Message) strategies.Options {
	o := strategies.Options{}
	if len(msgs) > 0 {
		if b, err := k.c.Append(nil, msgs[0]); err == nil {
			o.FixedSize = len(b)
		}
	}
	return o
}

// messages returns count messages of n bytes with distinct sequence numbers.
func (k pair) messages(n, count int) []*strategies.Message {
	msgs := make([]*strategies.Message, count)
	for i := range msgs {
		msgs[i] = strategies.NewMessage(k.p, n, uint64(i+1))
	}
	return msgs
}

// checkFrameError reports a problem if err is not a *FrameError naming k's strategy.
func (k pair) checkFrameError(err error) error {
	var fe *strategies.FrameError
	if !errors.As(err, &fe) {
		return fmt.Errorf("%v: error %v (%T) is not a *strategies.FrameError", k, err, err)
	}
	if fe.Strategy != k.s.Name() {
		return fmt.Errorf("%v: error %v names strategy %q, want %q", k, err, fe.Strategy, k.s.Name())
	}
	return nil
}
