//go:build race

package main

// peerRaceEnabled: the race detector is on, and multiplies memory use: the
// memory measurements skip.
const peerRaceEnabled = true
