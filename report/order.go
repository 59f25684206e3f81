package report

import (
	"slices"
	"strconv"
	"strings"
)

// reportOrder lists the suite's names in the registries' report order
// (strategies.Strategies, strategies.Codecs, bench.Transports, …). The
// report reads text files and does not import the benchmarks, so that it
// renders any file; names not listed here sort after these, in order of
// appearance.
var reportOrder = map[string][]string{
	"bench":     {"Stream", "PingPong", "Codec"},
	"strategy":  {"stream", "buffered", "lenprefix", "varint", "oneread", "scanner", "newline", "lenprefix-crc", "none", "msgio", "msgio-varint", "protodelim"},
	"codec":     {"raw", "gob", "json", "pickle", "msgpack", "cbor", "protobuf"},
	"transport": {"pipe", "pipe1m", "unix", "tcp", "file", "iopipe", "netpipe", "proc"},
	"payload":   {"blob", "struct"},
}

// Peers are the strategies of other libraries, measured side by side.
var Peers = []string{"msgio", "msgio-varint", "protodelim"}

// Order sorts the values of a name key for reports: sizes by bytes, the
// others by reportOrder, then unknown values in their given order. It
// returns a new slice.
func Order(key string, vals []string) []string {
	out := slices.Clone(vals)
	rank := func(v string) int {
		if key == "size" {
			n, _ := ParseSize(v)
			return n
		}
		if i := slices.Index(reportOrder[key], v); i >= 0 {
			return i
		}
		return len(reportOrder[key])
	}
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}

// ParseSize parses a size as the benchmarks name it: 16B, 4KiB, 1MiB.
func ParseSize(s string) (int, bool) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "MiB"):
		mult, s = 1<<20, strings.TrimSuffix(s, "MiB")
	case strings.HasSuffix(s, "KiB"):
		mult, s = 1<<10, strings.TrimSuffix(s, "KiB")
	case strings.HasSuffix(s, "B"):
		s = strings.TrimSuffix(s, "B")
	default:
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n * mult, true
}
