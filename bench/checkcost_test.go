package bench

import "testing"

// BenchmarkCheck measures what the check inside the timed loop costs, in
// place: every stream cell of none (raw blobs with no framing at all, where
// the check's share of the time is largest) runs twice in a row, with
// check=stamps, exactly as BenchmarkStream runs it (strategies.CheckStamps
// on every message), and with check=off, no check inside the timed loop.
// Both compare the messages before the loop and the last one in full. The
// ns/op difference is the check's cost per message on that transport;
// BenchmarkStamps in package strategies measures it in memory.
//
//	go test ./bench -run '^$' -bench 'BenchmarkCheck/transport=pipe$' -count 6 | go tool benchstat -col /check -row /size@num -
func BenchmarkCheck(b *testing.B) {
	var cells []Cell
	for _, c := range env.Cells(Stream) {
		if c.Strategy == "none" {
			cells = append(cells, c)
		}
	}
	runTree(b, cells, 0, func(b *testing.B, c Cell) {
		b.Run("check=stamps", func(b *testing.B) { streamCell(b, c, false) })
		b.Run("check=off", func(b *testing.B) { streamCell(b, c, true) })
	})
}
