//go:build race

package main

// raceEnabled: the race detector is on, and multiplies memory use: the
// memory measurements skip.
const raceEnabled = true
