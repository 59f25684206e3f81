package strategytest

import (
	"io"
	"strings"
	"testing"

	"framebench/strategies"
)

// lenient is lenprefix with a reader that turns every error into io.EOF:
// truncation and oversized frames go unreported, as in much real code.
type lenient struct{ strategies.Strategy }

func (lenient) Name() string { return "lenprefix" }

func (l lenient) NewReader(r io.Reader, c strategies.Codec, o strategies.Options) strategies.Reader {
	return lenientReader{l.Strategy.NewReader(r, c, o)}
}

type lenientReader struct{ strategies.Reader }

func (r lenientReader) ReadMessage(m *strategies.Message) error {
	if err := r.Reader.ReadMessage(m); err != nil {
		return io.EOF
	}
	return nil
}

// TestSuiteCatchesBrokenStrategy proves the suite can fail: the lenient
// strategy passes the round trips but fails the truncation, limit and
// hostile cases.
func TestSuiteCatchesBrokenStrategy(t *testing.T) {
	failed := map[string]bool{}
	for _, c := range []strategies.Codec{strategies.Raw, strategies.JSON} {
		for _, tc := range Cases(lenient{strategies.LenPrefix}, c, true) {
			if err := tc.Run(); err != nil {
				failed[tc.Name[strings.LastIndex(tc.Name, "/")+1:]] = true
				t.Logf("%s: %v (expected)", tc.Name, err)
			}
		}
	}
	for _, want := range []string{"truncated", "limit", "hostile-limits", "bad-payload"} {
		if !failed[want] {
			t.Errorf("the suite did not catch the broken strategy in case %q; failed: %v", want, failed)
		}
	}
	if failed["size=64KiB"] {
		t.Errorf("the broken strategy failed a round trip it should pass: %v", failed)
	}
}
