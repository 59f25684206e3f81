package faults

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that no test leaves a goroutine behind: the writers of
// the shortread trials on transports must all have returned.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
