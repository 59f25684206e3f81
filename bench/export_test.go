package bench

// BrokenProbeEnv is brokenProbeEnv, for the tests of package bench_test.
const BrokenProbeEnv = brokenProbeEnv
