package report

import (
	"math"
	"reflect"
	"testing"
)

// TestBHReject checks the Benjamini–Hochberg procedure against examples
// computed by hand.
func TestBHReject(t *testing.T) {
	for _, tc := range []struct {
		ps   []float64
		want []bool
	}{
		// m = 6, thresholds k·0.05/6: 0.0083 0.0167 0.025 0.0333 0.0417 0.05.
		// Sorted: 0.005 ≤ 0.0083, 0.01 ≤ 0.0167, 0.03 > 0.025, 0.04 > 0.0333,
		// 0.049 > 0.0417, 0.2 > 0.05: k = 2. Per test at α = 0.05 all but 0.2 pass.
		{[]float64{0.01, 0.04, 0.03, 0.005, 0.2, 0.049}, []bool{true, false, false, true, false, false}},
		// Step-up: 0.05 ≤ 3·0.05/3, so k = 3 though 0.04 > 1·0.05/3.
		{[]float64{0.04, 0.045, 0.05}, []bool{true, true, true}},
		// m = 2 (NaN takes no part): 0.03 > 0.025, 0.06 > 0.05: none.
		{[]float64{0.03, math.NaN(), 0.06}, []bool{false, false, false}},
		// m = 1: the procedure is the test at q.
		{[]float64{0.05}, []bool{true}},
		{nil, []bool{}},
	} {
		if got := bhReject(tc.ps, 0.05); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("bhReject(%v) = %v, want %v", tc.ps, got, tc.want)
		}
	}
}
