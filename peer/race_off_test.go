//go:build !race

package peer

// raceEnabled: see race_on_test.go.
const raceEnabled = false
