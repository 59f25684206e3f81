package strategies_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"framebench/strategies"
)

// TestCheckedReader: a frame whose payload the codec refuses fails with a
// *PayloadError cause and the reader goes on with the next frame; a
// refusal of Options.Admit is returned as it is (no PayloadError), after
// the estimate, which counts the message's own bytes, was asked for; and
// the reader says where each message began and what it consumed.
func TestCheckedReader(t *testing.T) {
	var buf bytes.Buffer
	fw := strategies.Frames(strategies.LenPrefix).NewFrameWriter(&buf, strategies.Options{})
	for _, p := range []string{`{"a":1}`, `{"a":`, `[2]`, `"big"`} {
		if err := fw.WriteFrame([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	refuse := errors.New("over budget")
	var asked []int64
	o := strategies.Options{Admit: func(cost int64) error {
		asked = append(asked, cost)
		if len(asked) == 2 {
			return refuse
		}
		return nil
	}}
	r := strategies.NewValueReader(strategies.LenPrefix, bytes.NewReader(buf.Bytes()), strategies.JSON.(strategies.ValueCodec), o)
	starts := []int64{0, 11, 20, 27}
	for i, want := range []func(any, error) bool{
		func(v any, err error) bool { return err == nil },
		func(v any, err error) bool { return errors.As(err, new(*strategies.PayloadError)) },
		func(v any, err error) bool {
			return errors.Is(err, refuse) && !errors.As(err, new(*strategies.PayloadError))
		},
		func(v any, err error) bool { return err == nil && v == "big" },
		func(v any, err error) bool { return err == io.EOF },
	} {
		v, err := r.ReadValue()
		if !want(v, err) {
			t.Fatalf("ReadValue #%d = %v, %v", i, v, err)
		}
		if i < len(starts) {
			if got := r.(strategies.FrameStarter).FrameStart(); got != starts[i] {
				t.Errorf("FrameStart after #%d = %d, want %d", i, got, starts[i])
			}
		}
	}
	if len(asked) != 3 || asked[0] < 7 {
		t.Errorf("Admit was asked %v: want three: not the malformed one, which the scan refuses first; each with its own bytes", asked)
	}
	if got := r.(strategies.ReadCounter).Consumed(); got != int64(buf.Len()) {
		t.Errorf("Consumed = %d, want %d", got, buf.Len())
	}
}
