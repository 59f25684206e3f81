package bench

import (
	"fmt"
	"slices"
	"time"

	"framebench/strategies"
)

// Env is what a process that runs cells decides once, from its flags (the
// bench test binary's TestMain, the framebench command), and hands to
// every Open, Cells and Check: nothing about it is package state. The zero
// value runs the registered transports with DefaultWatchdog and the
// header writers' default write path (one writev).
type Env struct {
	// Remote is the address (HOST:PORT) of a "framebench peer serve" on
	// another host; when set, the Remote transport follows Transports.
	Remote string
	// Watchdog is how long a transfer may go without a message arriving
	// before the watchdog closes its transport and fails it; 0 means
	// DefaultWatchdog.
	Watchdog time.Duration
	// Write is the write policy of every link's header writers, and of
	// the peer processes at the far end of a proc or remote link (see
	// strategies.WritePolicy); nil means one writev.
	Write *strategies.WritePolicy
}

// DefaultWatchdog is the watchdog of an Env that sets none.
const DefaultWatchdog = 30 * time.Second

func (e Env) watchdog() time.Duration {
	if e.Watchdog > 0 {
		return e.Watchdog
	}
	return DefaultWatchdog
}

// Transports returns the transports e runs cells on: the registry's, then
// Remote when e names an address. The slice is new.
func (e Env) Transports() []Transport {
	trs := slices.Clone(Transports)
	if e.Remote != "" {
		trs = append(trs, remoteAt(e.Remote))
	}
	return trs
}

// LookupTransport returns the transport of e with the given name.
func (e Env) LookupTransport(name string) (Transport, error) {
	for _, t := range e.Transports() {
		if t.Name == name {
			return t, nil
		}
	}
	return Transport{}, fmt.Errorf("bench: unknown transport %q", name)
}

// ends makes tr's two ends for cell c: a bare transport's pair, or the one
// end of a peer that speaks c's strategy and codec as e writes them.
func (e Env) ends(tr Transport, c Cell) (a, b End, stop func(), err error) {
	switch {
	case tr.Peer != nil:
		end, stop, err := tr.Peer(peerFlags(c, e.Write))
		return end, end, stop, err
	case tr.Make == nil:
		return End{}, End{}, nil, fmt.Errorf("bench: transport %s cannot be made without its peer (Env.Remote)", tr.Name)
	}
	return tr.Make(c)
}

// knownTransport returns the transport named name among the registry and
// Remote, for its facts: an unknown one has none.
func knownTransport(name string) Transport {
	for _, t := range append(slices.Clone(Transports), Remote) {
		if t.Name == name {
			return t
		}
	}
	return Transport{Name: name}
}
