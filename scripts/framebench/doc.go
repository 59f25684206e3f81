// Command framebench runs the framebench suite and turns its output into
// tables, charts, a decision guide and a regression gate; it also checks
// where strategies break, runs a fault campaign, speaks the suite's wire
// formats as a peer process and reproduces the seed's pickle failure.
//
// Usage:
//
//	framebench run [flags]              benchmarks of a preset, saved, reported
//	framebench calibrate [flags]        A/A calibration: how noisy this machine is
//	framebench report [flags] FILE...   tables, charts and run reports from go test -bench output
//	framebench compare [flags] OLD NEW  the regression gate: exit 1 on a significant regression
//	framebench check [flags]            the correctness matrix: what breaks, where, and how
//	framebench faults [flags]           bit flips, truncation, short reads, hostile headers, bad messages
//	framebench peer MODE [flags]        send, recv, echo or serve messages (CPython, other hosts)
//	framebench seed [flags]             the seed reproduced: CPython and Go side by side
//
// Every command has one shape: flags first, then its arguments; -format
// picks how standard output shows its tables (text, markdown, and csv or
// json where they apply: see JSON.md beside this file for the versioned
// JSON documents), and -out DIR writes its files. Progress and warnings go
// to standard error. "framebench help CMD", "framebench CMD -h" and
// "framebench -h" print the usage on standard output and exit 0; an error
// is one line on standard error, with status 2 for a command-line error
// and 1 otherwise.
//
// Every file a command writes (raw.txt, correctness.md, faults.md,
// seed.md) starts with the same machine lines: commit, go, cpu, kernel,
// pipe-capacity, gomaxprocs. The commit ends in -dirty when the checkout
// differs from it: a tracked file changed, or an untracked file that git
// does not ignore exists outside results/ (a new source file changes what
// is measured; results/ is where the commands write).
//
// The transcripts below that start with "$ framebench" run in
// testdata/ as written (TestDoc); "…" stands for lines left out. Those
// that start with "$ go run" take minutes and depend on the machine.
//
// # framebench run
//
// Run builds the bench test binary once (go test -c ./bench), runs the
// slices of a preset, each slice's -count as that many rounds of the
// binary with -count 1 (every cell's samples spread over the slice), each
// round's cells in an order of its own drawn from a seed, and saves the
// raw output, headed by configuration lines and "Unit wire-bytes/op
// assume=exact", as results/<date>-<preset>/raw.txt. It then writes the
// run's report beside it and prints the decision guide and the fractions
// of none (-format markdown: as Markdown). Progress moves with every
// sample and says which slice and round run and the time left:
//
//	$ go run ./scripts/framebench run
//	framebench: building the bench test binary
//	framebench: [1/5 framing, round 3/6] samples 412/1794 · cells 0/299 done · 48s elapsed · about 2m10s left, about 40s of it in framing
//	…
//	framebench: wrote results/2026-11-27-quick/raw.txt and results/2026-11-27-quick/README.md
//
// Presets: quick (the default, smoke-level: every codec, strategy and
// transport at 256B, 64KiB and 1MiB, -count 6 at 20ms; about 3 minutes on
// 2 cores), standard (about 10 minutes), full (the framing sweep, with
// raw framing on pipe, pipe1m, unix and tcp at 100ms beside the wire
// ceiling, the codec sweep and ping-pong; -count 10; about 70 minutes) and
// speed (that speed slice alone). -bench REGEX runs only the matching
// cells as a run named "custom"; -count and -benchtime override every
// slice; -profile DIR writes each slice's CPU and memory profiles; -remote
// HOST:PORT runs against "framebench peer serve" on another host; -raw
// saves raw.txt without the report; -shuffle off keeps the registry
// order, -shuffle N replays the seeds of a run made with it.
//
// -transport T,... runs one shard of a preset: only its cells on those
// transports ("memory": the in-memory BenchmarkCodec cells), so that a
// preset can run across machines, one transport each, and "framebench
// report -out" merge the shards' raw files.
//
// Before each round raw.txt gets a marker line, and after it the
// machine's state (load average, CPU steal, context switches, and the
// share of all CPUs' time that processes other than the round's bench
// binary used):
//
//	framebench-round slice=framing round=3 rounds=6 order-seed=8414157699444015343
//	framebench-machine slice=framing round=3 cpus=2 load-start=0.52 load-end=1.61 steal-pct=0.0 ctxt-per-s=12345 others-pct=1.3
//
// Both have a space before any colon, so benchstat ignores them. The
// report pairs samples by round from them and warns about busy rounds:
// other processes above 10 % of the CPUs' time, or steal above 5 % (the
// load counts the benchmark's own threads, so it decides only for lines
// without others-pct).
// Ctrl-C stops the run, keeps the raw output so far and exits 1; the
// build and each round run in a process group of their own.
//
// # framebench calibrate
//
// Calibrate is an A/A test of the machine: 24 fixed cells run as two
// copies in every round, a first in odd rounds and b first in even ones
// (-count 10, -benchtime 50ms; about 2 minutes), labelled "copy: a" and
// "copy: b". It reports the U test's false-positive rate, the spread of
// A/A ratios and the per-round ratio by which copy ran first, into
// results/<date>-aa/; every run's README cites the latest calibration of
// the same cpu.
//
// # framebench report
//
// Report prints tables from go test -bench output with benchstat's
// statistics: medians, 95 % confidence intervals, Mann-Whitney U tests at
// α = 0.05 against the first column ("~" when not significant) and a
// geomean row. -table, -row, -col and -filter take benchstat's syntax;
// the defaults are -table ".name /transport" -row /size@num -col
// /strategy, or with several files (label=path names one) -col .file and
// -row "/codec /strategy /payload /size@num". -format csv is benchstat's
// own csv, number for number; -format json is the document
// framebench/report/v1.
//
//	$ framebench report -filter "/transport:pipe /codec:raw .unit:B/s .name:Stream" run.txt
//	.name: Stream
//	/transport: pipe
//	┌─────────┬───────────────┬──────────────┬─────────────────┬───────────────┬───────────────────────┬───────────────┬───────────────────────┐
//	│   B/s   │   lenprefix   │   oneread    │  vs lenprefix   │     none      │     vs lenprefix      │     msgio     │     vs lenprefix      │
//	├─────────┼───────────────┼──────────────┼─────────────────┼───────────────┼───────────────────────┼───────────────┼───────────────────────┤
//	│ 256B    │ 73.07Mi ± 84% │ 41.79Mi ± 6% │ ~ (p=0.394 n=6) │ 89.71Mi ± 18% │       ~ (p=0.394 n=6) │ 88.01Mi ± 21% │       ~ (p=0.180 n=6) │
//	│ 64KiB   │ 2.430Gi ± 10% │              │                 │  3.227Gi ± 3% │ +32.82% (p=0.002 n=6) │ 2.546Gi ± 11% │       ~ (p=0.394 n=6) │
//	│ 1MiB    │ 3.126Gi ± 14% │              │                 │  3.286Gi ± 4% │  +5.12% (p=0.015 n=6) │ 1.128Gi ± 95% │ -63.93% (p=0.002 n=6) │
//	│ geomean │       834.9Mi │      41.79Mi │       -42.80% ¹ │       999.2Mi │               +19.68% │       642.2Mi │               -23.07% │
//	└─────────┴───────────────┴──────────────┴─────────────────┴───────────────┴───────────────────────┴───────────────┴───────────────────────┘
//	¹ benchmark set differs from baseline; geomeans may not be comparable
//	7 tests in this table, each at α = 0.05 as benchstat marks them: about 1 in 20 of the cells with no real difference shows a p-value (framebench report -out controls the false-discovery rate within each table).
//
// With -out DIR, report writes the report of a run into DIR instead:
// README.md with the machine's configuration, the decision guide,
// throughput, fraction, codec, ping-pong, allocation and transport-call
// tables with their intervals, the broken cells, and the charts as SVG
// and PNG. Its tables decide "~" with Benjamini–Hochberg at a
// false-discovery rate of 0.05 and say how many tests each holds; -faults
// names the fault campaign's CSV for the integrity rows. Given the raw
// files of several shards, it merges them and says beside each table
// which file, and so which machine, its rows come from. Given one A/A
// calibration's raw file, it writes the README calibrate writes, so that
// a change to that README regenerates every committed calibration. With
// -clean,
// report rewrites each FILE in place without the lines benchstat cannot
// read (results of 0 iterations, names go test printed before a --- FAIL).
// With -readme FILE (the project's README.md), it regenerates every region
// of FILE between "<!-- framebench:headline RAW... -->" and
// "<!-- /framebench:headline -->" from the raw files RAW that the marker
// names, read together as report reads several runs, each run's rounds
// its own (runs of different machines are refused), and with a part,
// framing or lines, after them: that part alone. A region holds the runs'
// machine, the framing table from 64 KiB up with the wire ceiling, the
// fraction of the ceiling paired by round, and one line each on the naive
// length prefix, Nagle's algorithm and the fastest codec per payload,
// where the runs measured them. A README's figures live only in
// such regions, so they are never typed by hand.
//
// # framebench compare
//
// Compare is the regression gate. For every benchmark both files
// measured, it runs the U test of OLD against NEW and decides all the
// tests together by Benjamini–Hochberg at -fdr (0.05): each test at
// α = 0.05 would flag about one cell in twenty that did not change, and a
// gate of hundreds of cells would fail every run; decided together, a
// pair in which nothing changed has a flagged cell with probability at
// most about 0.05 whatever its number of cells. A cell fails when it is
// significantly worse by more than -threshold (5 %) of time: for a rate
// that is OLD/NEW − 1, so 5 % means 5 % slower whichever metric. -metric
// picks the unit (default: B/s where a cell reports it, so throughput,
// else sec/op); -filter selects cells. Compare lists the failing cells
// (and the cells NEW reports broken) and exits 1; otherwise 0. Files from
// different machines are compared with a loud warning, and too few
// samples for any lone regression to be flagged are said to be too few.
//
//	$ framebench compare aa-a.txt aa-b.txt
//	compare: OLD aa-a.txt, NEW aa-b.txt; metric B/s where a cell reports it, else sec/op; threshold 5%; 24 tests, Benjamini–Hochberg at a false-discovery rate of 0.05
//
//	24 cells compared: 0 regressions, 0 improvements, 0 significant within ±5%, 24 with no significant difference.
//
//	PASS: no cell is significantly worse than OLD by more than 5%.
//
//	$ framebench compare aa-a.txt aa-b-slower.txt
//	compare: OLD aa-a.txt, NEW aa-b-slower.txt; metric B/s where a cell reports it, else sec/op; threshold 5%; 24 tests, Benjamini–Hochberg at a false-discovery rate of 0.05
//
//	Regressions: significantly worse than OLD by more than 5%
//	┌────────────────────────────────────────────────────────────────────────────┬──────┬───────────────┬───────────────┬─────────┬───────────┬──────────┬────────────┐
//	│                                 benchmark                                  │ unit │      OLD      │      NEW      │ change  │ slower by │    p     │  verdict   │
//	├────────────────────────────────────────────────────────────────────────────┼──────┼───────────────┼───────────────┼─────────┼───────────┼──────────┼────────────┤
//	│ Stream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=64KiB │ B/s  │ 2.694Gi ± 11% │ 2.223Gi ± 42% │ -17.48% │    +21.2% │ 0.000325 │ regression │
//	└────────────────────────────────────────────────────────────────────────────┴──────┴───────────────┴───────────────┴─────────┴───────────┴──────────┴────────────┘
//
//	24 cells compared: 1 regression, 0 improvements, 0 significant within ±5%, 23 with no significant difference.
//
//	FAIL: 1 cell significantly worse than OLD by more than 5%, 0 broken.
//
//	framebench: compare: 1 of 24 cells fail the gate: Stream/transport=pipe/codec=raw/strategy=lenprefix/payload=blob/size=64KiB
//
// # framebench check, faults, peer, seed
//
// Check runs every strategy × codec × transport × size (crossing the pipe
// capacity) with both payloads: ok, fail with the exact error, or n/a; then
// the recovery table (one bad message between good ones, per fault); it
// fails if a cell does what the design says it must not. -out DIR writes
// DIR/correctness.md and .csv.
//
//	$ framebench check -format csv -transport iopipe -size 65537B
//	transport,codec,strategy,payload,size,outcome,error
//	iopipe,raw,stream,blob,65537B,n/a,not applicable: raw is not self-delimiting: it has no streaming decoder
//	iopipe,raw,stream,struct,65537B,n/a,not applicable: codec raw carries no struct payload
//	iopipe,raw,buffered,blob,65537B,n/a,not applicable: raw is not self-delimiting: it has no streaming decoder
//	iopipe,raw,buffered,struct,65537B,n/a,not applicable: codec raw carries no struct payload
//	iopipe,raw,lenprefix,blob,65537B,ok,
//	…
//
// Faults runs the seeded fault campaign of package faults and counts, per
// kind of trial, detected, hung, silent and vanished trials, lost messages
// and resyncs, each with its denominator; the same seed gives the same
// counts. -out DIR writes DIR/faults.md and .csv.
//
//	$ framebench faults -format csv -trials 100 -strategy lenprefix,lenprefix-crc -codec raw
//	codec,strategy,kind,trials,detected,hung,silent,vanished,lost,at_risk,resynced,harmed
//	raw,lenprefix,bitflip,100,3,0,97,0,5,700,89,92
//	raw,lenprefix,truncate,1482,1474,0,0,0,0,5342,0,0
//	raw,lenprefix,shortread,19,0,0,0,0,0,152,0,0
//	raw,lenprefix,hostile,54,54,0,0,0,0,432,48,48
//	raw,lenprefix,recovery,4,2,0,2,0,1,24,3,3
//	raw,lenprefix-crc,bitflip,100,100,0,0,0,0,700,87,87
//	raw,lenprefix-crc,truncate,1546,1538,0,0,0,0,5566,0,0
//	raw,lenprefix-crc,shortread,19,0,0,0,0,0,152,0,0
//	raw,lenprefix-crc,hostile,54,54,0,0,0,0,432,48,48
//	raw,lenprefix-crc,recovery,4,3,0,0,0,1,24,3,3
//
// Peer speaks any strategy and codec on stdin/stdout or TCP (JSON lines on
// the other side; "framebench peer -h" is its manual). Seed runs CPython's
// pickle.load on an unbuffered and a buffered pipe and the length-prefixed
// fix next to the Go strategies; -out DIR writes DIR/seed.md and .csv.
package main
