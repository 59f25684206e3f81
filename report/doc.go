// Package report turns the output of the framebench benchmarks (go test
// -bench, the benchmark format of golang.org/design/14313) into tables,
// charts and the report of a run, with the statistics of
// golang.org/x/perf/cmd/benchstat.
//
// The work is split as benchstat splits it: Load reads files with benchfmt
// (label=path arguments name a file's .file value), streaming, within
// MaxLine and MaxInput, rejecting NaN, infinite and negative measurements
// by file and line; Set.Tables projects the results with benchproc in
// benchstat's -table, -row, -col and -filter syntax and summarizes each
// cell with benchmath (median, 95 % confidence interval, Mann-Whitney U
// test against the first column, α = 0.05, a geomean row). Text, Markdown
// and CSV render those tables; CSV is benchstat's own layout, number for
// number, and the text and Markdown tables say how many tests they hold.
// Clean makes a file benchstat can read from one it cannot.
//
// For the suite's own report, Index looks samples up by benchmark cell
// (workload, transport, codec, strategy, payload, size) and by the round
// of framebench run they were measured in (RoundMarker), so that WriteRun
// can write results/<run>/README.md: a decision guide (throughput, latency,
// codecs and integrity, each row decided by the U test with
// Benjamini–Hochberg over its table, "any of" where the test cannot tell
// candidates apart, "inconclusive" where the data is too thin),
// per-transport tables, codec and ping-pong tables, fractions of none
// beside BenchmarkWire's wire ceiling, and paired by round (the median of
// per-round ratios within one slice, which a noisy shared machine cannot
// blur as it blurs a ratio of medians), charts (Charts) and the cells the
// benchmarks reported as broken (Skips). Every run-report table with
// p-values controls the false-discovery rate (FDR) among its tests.
//
// Nothing here runs benchmarks; the framebench command does that.
package report
