//go:build !race

package main

// peerRaceEnabled: see race_on_test.go.
const peerRaceEnabled = false
