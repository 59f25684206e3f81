// Command framebench runs the framebench suite and turns its output into
// tables, charts and a decision guide; it also checks where strategies
// break, runs a fault campaign, speaks the suite's wire formats as a peer
// process and reproduces the seed's pickle failure.
//
// Usage:
//
//	framebench run [flags]              benchmarks of a preset, saved, reported
//	framebench calibrate [flags]        A/A calibration: how noisy this machine is
//	framebench report [flags] FILE...   tables, charts and run reports from go test -bench output
//	framebench check [flags]            the correctness matrix: what breaks, where, and how
//	framebench faults [flags]           bit flips, truncation, short reads, hostile headers
//	framebench peer MODE [flags]        send, recv, echo or serve messages (CPython, other hosts)
//	framebench seed [flags]             the seed reproduced: CPython and Go side by side
//
// "framebench help" lists the commands; "framebench COMMAND -h" shows a
// command's flags. Flag errors exit with status 2, other errors with 1,
// always with a one-line message naming the flag or file.
//
// # framebench run
//
// Run builds the bench test binary once (go test -c ./bench), runs the
// slices of a preset (each a -bench regexp with its own -count and
// -benchtime) with -test.v, and shows on stderr the cells done of the
// total, the time elapsed and an estimate of the time left. It saves the
// raw output, complete lines only, headed by configuration lines (commit,
// go, cpu, kernel, pipe-capacity, gomaxprocs, preset, date) and
// "Unit wire-bytes/op assume=exact", as results/<date>-<preset>/raw.txt,
// writes the run's report (README.md and charts) beside it and prints the
// decision guide and each strategy's throughput as a fraction of none.
//
//	$ go run ./scripts/framebench run
//	framebench: building the bench test binary
//	framebench: [1/5 framing] cells 120/299 · 48s elapsed · about 1m50s left
//	...
//	framebench: wrote results/2026-11-27-quick/raw.txt and results/2026-11-27-quick/README.md
//	framebench: this quick run is a smoke-level run (few, short samples per cell); for a real measurement run -preset full …
//
// Presets:
//
//	quick     the default, smoke-level: every codec, strategy and transport at
//	          256B, 64KiB and 1MiB, -count 6 (the fewest that give benchstat an
//	          interval), -benchtime 20ms, -short; about 3 minutes on 2 cores
//	standard  raw and gob framing on every transport at 16B 4KiB 64KiB 1MiB,
//	          the other codecs on pipe, ping-pong; -count 6, 20ms
//	full      the framing sweep (raw and gob × every strategy × every
//	          transport × every size), the codec sweep (every codec × stream,
//	          buffered, lenprefix on pipe × every size × both payloads),
//	          ping-pong on every transport at 16B 4KiB 64KiB; -count 10, 20ms,
//	          but 100ms for raw framing on pipe, pipe1m, unix and tcp next
//	          to BenchmarkWire there (the speed ratios and their ceiling)
//	speed     that speed slice alone; about 13 minutes
//
// -bench REGEX runs only the matching cells (go test -bench syntax) with the
// preset's -count and -benchtime, as a run named "custom"; -count and
// -benchtime override every slice; -out DIR replaces results; -profile DIR
// writes DIR/<slice>.cpu.pprof and DIR/<slice>.mem.pprof; -remote HOST:PORT
// runs the stream and ping-pong cells against "framebench peer serve" on
// another host (transport=remote); -raw saves raw.txt without the report,
// for benchmarks outside the matrix (read them with go tool benchstat).
//
// Each slice's -count runs as that many rounds of the bench binary with
// -count 1, so that every cell's samples spread over the whole slice (one
// run of -count samples with -profile). Each round runs the slice's cells
// in an order of its own, drawn from a seed (-framebench.shuffle at every
// level of the benchmark tree, -test.shuffle for the benchmark functions),
// so that position effects fall on different cells each round; -shuffle
// off keeps the registry order, -shuffle N replays the seeds of a run made
// with -shuffle N. Before each round's output raw.txt gets a marker line,
//
//	framebench-round slice=framing round=3 rounds=6 order-seed=8414157699444015343
//
// and after it the machine's state over the round: the 1-minute load
// average at its start and end, and from /proc/stat the share of CPU time
// stolen by the hypervisor and the context switches per second,
//
//	framebench-machine slice=framing round=3 cpus=2 load-start=0.52 load-end=1.61 steal-pct=0.0 ctxt-per-s=12345
//
// Both have a space before any colon, so benchfmt and benchstat ignore
// them: a configuration line such as "round: 3" would make benchstat's
// default -table .config split every table by round. The report pairs
// samples by round from the markers, and the run's README warns when a
// round ran on a busy machine (load above its number of CPUs, or steal
// above 5 %). Run also warns before it starts when the machine is busy.
//
// Ctrl-C stops the run, keeps the raw output gathered so far, says where
// it is and exits 1. The build and each round run in a process group of
// their own with their temporary files in the run's temporary directory:
// an interrupt stops the whole group (compilers, the bench binary's child
// peers) and nothing is left behind.
//
// # framebench calibrate
//
// Calibrate is an A/A test of the machine: 24 fixed cells (raw framing
// with none, lenprefix, varint and lenprefix-crc on pipe, unix and tcp at
// 256B and 64KiB) run as two copies, a then b in every round (-count 10
// rounds, -benchtime 50ms; about 2 minutes), labelled by the configuration
// lines "copy: a" and "copy: b" so that go tool benchstat -col copy
// raw.txt compares them. Since the copies differ only by chance, it
// reports the false-positive rate of the U test at α = 0.05 (the share of
// cells it flags), and the spread (median, 5th and 95th percentile) of the
// per-cell ratios of medians and of the per-round paired ratios. It writes
// results/<date>-aa/raw.txt and README.md; every run's README cites the
// latest calibration beside it made on a machine with the same cpu line.
//
//	$ go run ./scripts/framebench calibrate
//	A/A calibration: the U test flagged 1 of 24 cells (4 %) at α = 0.05 where no difference exists; …
//	framebench: wrote results/2026-12-01-aa/raw.txt and results/2026-12-01-aa/README.md
//
// # framebench report
//
// Report prints tables from go test -bench output with benchstat's
// statistics: medians, 95 % confidence intervals, Mann-Whitney U tests at
// α = 0.05 against the first column ("~" when not significant) and a
// geomean row. -table, -row, -col and -filter take benchstat's syntax; the
// defaults are -table ".name /transport" -row /size@num -col /strategy, or
// with two or more files (label=path names a file) -col .file and -row
// "/codec /strategy /payload /size@num". -format is text (default),
// markdown or csv; csv is benchstat -format csv, number for number.
//
//	$ framebench report -filter "/transport:pipe /codec:raw .unit:B/s" raw.txt
//	.name: Stream
//	/transport: pipe
//	┌─────────┬───────────────┬──────────────┬─────────────────┬───────────────┬───────────────────────┐
//	│   B/s   │   lenprefix   │   oneread    │  vs lenprefix   │     none      │     vs lenprefix      │
//	├─────────┼───────────────┼──────────────┼─────────────────┼───────────────┼───────────────────────┤
//	│ 256B    │ 73.07Mi ± 84% │ 41.79Mi ± 6% │ ~ (p=0.394 n=6) │ 89.71Mi ± 18% │       ~ (p=0.394 n=6) │
//	│ 64KiB   │ 2.430Gi ± 10% │              │                 │  3.227Gi ± 3% │ +32.82% (p=0.002 n=6) │
//	...
//
// With -clean, report rewrites each FILE in place instead, without go
// test's result lines of 0 iterations (NaN ns/op, printed for a benchmark
// that skipped after its first run) and the benchmark names go test
// without -v prints before a --- FAIL: benchstat cannot read either, and
// the report reads the same results and broken cells from the file after.
//
// With -o DIR, report writes the report of a run into DIR instead:
// README.md with the machine's configuration, the decision guide (per
// transport and size band, the strategy the U test finds fastest among
// those that never broke there, or "any of" those it cannot tell apart
// with the rule that names one, "inconclusive" where the data is too thin,
// and those to avoid with the error they reported; the same for round-trip
// latency and for codecs; silent corruption per strategy from the fault
// campaign's CSV, -faults, by default faults.csv beside DIR, and what the
// checksum costs), MB/s and time per message per transport with their
// intervals, fractions of none and of the peers beside the wire ceiling,
// paired by round where the raw file has round markers, codec, ping-pong,
// allocation and transport-call tables, the broken cells, and the
// throughput and overhead charts as SVG and PNG. Its tables decide "~"
// with Benjamini–Hochberg at a false-discovery rate of 0.05 and say how
// many tests each holds.
//
// # framebench check, faults, peer, seed
//
// Check runs every strategy × codec × transport × size (crossing the pipe
// capacity) with both payloads and reports ok, fail with the exact error, or
// n/a; faults runs a seeded fault campaign and counts, per kind of trial,
// detected, hung, silent and vanished trials, lost messages and resyncs;
// peer speaks any strategy and codec on stdin/stdout
// or TCP (JSON lines on the other side); seed runs CPython's pickle.load on
// an unbuffered and a buffered pipe and the length-prefixed fix next to the
// Go strategies. Each command's -h gives its flags.
package main
