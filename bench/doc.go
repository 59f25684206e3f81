// Package bench runs the framebench matrix: every transport, codec,
// strategy, payload and size (Cells), as the benchmarks BenchmarkStream,
// BenchmarkPingPong and BenchmarkCodec, beside BenchmarkWire: each bare
// transport with and without a 4-byte header, no framing code, the ceiling
// a length prefix can reach there. The transports (Transports) and the
// links that run a strategy over them (Link) are ordinary code here so that
// the framebench command can use them too; the benchmarks are in the tests.
//
// Every transfer checks what arrived against what was sent (every message's
// stamps, strategies.CheckStamps, and the first and last messages in full;
// BenchmarkCheck measures what that costs), and a watchdog
// closes the transport of a transfer that stops making progress, so no cell
// can hang. What a process decides once (the remote peer, the watchdog, the
// write policy) is an Env value it hands to Open, Cells and Check; the
// test binary's TestMain makes it from its -framebench.* flags.
package bench
