package strategies_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"

	"framebench/strategies"
)

// TestFactsDeclared checks what every registry entry must declare: a
// strategy its role (ResyncChecked only with Resyncs, a Breakage with a
// predicate and a description that is not a plain error), a codec that
// reads ahead a Decoder that knows its offset, and one that does not a
// Decoder that does not claim to.
func TestFactsDeclared(t *testing.T) {
	for _, s := range strategies.Strategies {
		f := s.Facts()
		if f.Role == 0 {
			t.Errorf("%s: no Role", s.Name())
		}
		if f.ResyncChecked && !f.Resyncs {
			t.Errorf("%s: ResyncChecked without Resyncs", s.Name())
		}
		if b := f.Breaks; b != nil && (b.Is == nil || b.What == "" || b.Is(io.ErrUnexpectedEOF) || strategies.Breaks(s, nil)) {
			t.Errorf("%s: Breaks needs a predicate that refuses other errors and a description", s.Name())
		}
		if f.Role == strategies.RolePeer && f.Library == "" {
			t.Errorf("%s: a peer names its Library", s.Name())
		}
	}
	for _, c := range strategies.Codecs {
		dec := c.NewDecoder(bytes.NewReader(nil))
		if dec == nil {
			continue
		}
		if _, ok := dec.(strategies.OffsetDecoder); ok != c.ReadsAhead() {
			t.Errorf("%s: ReadsAhead() = %v, but its Decoder is an OffsetDecoder: %v", c.Name(), c.ReadsAhead(), ok)
		}
	}
}

// TestBreaksByDesign checks the two failures the suite shows on purpose:
// oneread's short read and scanner's 64 KiB line, each known by its own
// strategy's Breaks and by no other's.
func TestBreaksByDesign(t *testing.T) {
	msg := strategies.NewMessage(strategies.Blob, 100<<10, 1)
	for _, tc := range []struct {
		s strategies.Strategy
		r func(io.Reader) io.Reader
	}{
		{strategies.OneRead, func(r io.Reader) io.Reader { return &chunked{r: r, n: 1000} }},
		{strategies.Scanner, func(r io.Reader) io.Reader { return r }},
	} {
		var buf bytes.Buffer
		if err := tc.s.NewWriter(&buf, strategies.JSON, strategies.Options{}).WriteMessage(msg); err != nil {
			t.Fatal(err)
		}
		var m strategies.Message
		err := tc.s.NewReader(tc.r(&buf), strategies.JSON, strategies.Options{}).ReadMessage(&m)
		for _, s := range strategies.Strategies {
			if got, want := strategies.Breaks(s, err), s == tc.s; got != want {
				t.Errorf("Breaks(%s, %v) = %v, want %v", s.Name(), err, got, want)
			}
		}
	}
	if !strategies.Breaks(strategies.Scanner, bufio.ErrTooLong) || strategies.Breaks(strategies.Scanner, errors.New("x")) {
		t.Error("scanner's Breaks does not know bufio.ErrTooLong alone")
	}
}

type chunked struct {
	r io.Reader
	n int
}

func (c *chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }
