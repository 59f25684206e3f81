// Package report turns the output of the framebench benchmarks (go test
// -bench, the benchmark format of golang.org/design/14313) into tables,
// charts and the report of a run, with the statistics of
// golang.org/x/perf/cmd/benchstat.
//
// The work is split as benchstat splits it: Load reads files with benchfmt
// (label=path arguments name a file's .file value), Set.Tables projects the
// results with benchproc in benchstat's -table, -row, -col and -filter
// syntax and summarizes each cell with benchmath (median, 95 % confidence
// interval, Mann-Whitney U test against the first column, α = 0.05, a
// geomean row). Text, Markdown and CSV render those tables; CSV is
// benchstat's own layout, number for number.
//
// For the suite's own report, Index looks samples up by benchmark cell
// (workload, transport, codec, strategy, payload, size) so that WriteRun can
// write results/<run>/README.md: per-transport tables, codec and ping-pong
// tables, fractions of none (beside BenchmarkWire's wire ceiling, and paired
// by round: the median of per-round ratios, which a noisy shared machine
// cannot blur as it blurs a ratio of medians), charts (Charts) and a
// decision guide drawn from the data and from the cells the benchmarks
// reported as broken (Skips).
//
// Nothing here runs benchmarks; the framebench command does that.
package report
