//go:build race

package peer

// raceEnabled: the race detector is on, and multiplies memory use: the
// memory measurements skip.
const raceEnabled = true
