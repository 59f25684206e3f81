package strategies_test

import (
	"testing"

	"framebench/strategies"
	"framebench/strategies/strategytest"
)

// TestConformance runs the conformance suite for every strategy and codec
// of the registries that apply to each other.
func TestConformance(t *testing.T) {
	for _, s := range strategies.Strategies {
		for _, c := range strategies.Codecs {
			t.Run("strategy="+s.Name()+"/codec="+c.Name(), func(t *testing.T) {
				t.Parallel()
				strategytest.Run(t, s, c)
			})
		}
	}
}
