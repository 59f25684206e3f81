package bench

import (
	"strings"

	"framebench/strategies"
)

// Workloads, as benchmark function names.
const (
	Stream   = "BenchmarkStream"
	PingPong = "BenchmarkPingPong"
	Codec    = "BenchmarkCodec"
	// Wire is the transport's own ceiling for a length prefix, with no
	// framing code: its cells' Strategy is one of WireModes.
	Wire = "BenchmarkWire"
)

// WireModes are the ways BenchmarkWire writes a payload: "write" sends it
// alone with one write, as none does; every other mode sends a 4-byte
// header and the payload by the strategies.WritePath of that name, the
// paths the header writers choose between (see strategies.WritePolicy).
var WireModes = wireModes()

func wireModes() []string {
	modes := []string{"write"}
	for _, p := range strategies.WritePaths {
		modes = append(modes, p.String())
	}
	return modes
}

// Cell is one benchmark of the matrix.
type Cell struct {
	Bench     string // Stream, PingPong, Codec or Wire
	Transport string // empty for Codec
	Codec     string // empty for Wire
	Strategy  string // empty for Codec; for Wire, one of WireModes
	Payload   strategies.Payload
	Size      int
}

// Name is the full benchmark name as go test prints it (without the -P suffix).
func (c Cell) Name() string {
	return c.Bench + "/" + strings.Join(c.Keys(), "/")
}

// Keys are the sub-benchmark names below the benchmark function, in order:
// transport=, codec=, strategy=, payload=, size= (Codec cells have no
// transport and strategy); Wire cells have transport=, wire=, size=.
func (c Cell) Keys() []string {
	if c.Bench == Wire {
		return []string{"transport=" + c.Transport, "wire=" + c.Strategy, "size=" + strategies.SizeName(c.Size)}
	}
	keys := make([]string, 0, 5)
	if c.Transport != "" {
		keys = append(keys, "transport="+c.Transport)
	}
	keys = append(keys, "codec="+c.Codec)
	if c.Strategy != "" {
		keys = append(keys, "strategy="+c.Strategy)
	}
	return append(keys, "payload="+string(c.Payload), "size="+strategies.SizeName(c.Size))
}

// Breaks reports whether err is the failure that c's strategy exists to
// show (strategies.Facts.Breaks: oneread's short read, scanner's 64 KiB
// limit). Such cells are skipped as "broken" in benchmarks; any other
// error fails them.
func Breaks(c Cell, err error) bool {
	s, lerr := strategies.LookupStrategy(c.Strategy)
	return lerr == nil && strategies.Breaks(s, err)
}

// Cells is Env{}.Cells: the registered transports.
func Cells(bench string) []Cell { return Env{}.Cells(bench) }

// Cells returns every cell of a workload on e's transports in the order
// the benchmarks run them. Pairs that do not apply (strategies.Applies)
// are not generated.
func (e Env) Cells(bench string) []Cell {
	var cells []Cell
	if bench == Codec {
		for _, c := range strategies.Codecs {
			for _, p := range strategies.Payloads {
				if !c.Supports(p) {
					continue
				}
				for _, n := range strategies.Sizes {
					cells = append(cells, Cell{Bench: bench, Codec: c.Name(), Payload: p, Size: n})
				}
			}
		}
		return cells
	}
	if bench == Wire {
		for _, t := range bareTransports(e.Transports()) {
			for _, m := range WireModes {
				for _, n := range strategies.Sizes {
					cells = append(cells, Cell{Bench: bench, Transport: t.Name, Strategy: m, Size: n})
				}
			}
		}
		return cells
	}
	for _, t := range e.Transports() {
		for _, c := range strategies.Codecs {
			for _, s := range strategies.Strategies {
				for _, p := range strategies.Payloads {
					if strategies.Applies(s, c, p) != nil {
						continue
					}
					for _, n := range strategies.Sizes {
						cells = append(cells, Cell{bench, t.Name, c.Name(), s.Name(), p, n})
					}
				}
			}
		}
	}
	return cells
}
