//go:build !race

package main

// peerRaceEnabled: see peer_race_on_test.go.
const peerRaceEnabled = false
