package peer_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"framebench/peer"
	"framebench/strategies"
)

// Send turns JSON lines into messages, here the seed's framing (a 4-byte
// big-endian length, then a pickle); Recv turns them back, exactly.
func Example_sendRecv() {
	c := peer.Config{Strategy: strategies.LenPrefix, Codec: strategies.Pickle, TagBytes: true}
	in := `{"big": 123456789012345678901234567890, "bytes": {"$bytes": "AAE="}, "f": 2.0}` + "\n" + `["ü", null]` + "\n"
	var wire bytes.Buffer
	if _, err := peer.Send(strings.NewReader(in), &wire, c); err != nil {
		fmt.Println(err)
	}
	sum, err := peer.Recv(&wire, os.Stdout, c)
	fmt.Println(sum, err)
	// Output:
	// {"big":123456789012345678901234567890,"bytes":{"$bytes":"AAE="},"f":2.0}
	// ["ü",null]
	// delivered 2, skipped 0, discarded 0 bytes <nil>
}
