package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"os/signal"
	"syscall"

	"framebench/peer"
)

// peerStdin is the peer's input; tests replace it.
var peerStdin io.Reader = os.Stdin

// runPeer is "framebench peer": see peer.Usage. serve stops cleanly on
// an interrupt or SIGTERM. -h prints the manual on stdout and succeeds.
func runPeer(stdout, stderr io.Writer, args []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := peer.Command(ctx, peerStdin, stdout, stderr, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil
	case errors.Is(err, peer.ErrUsage):
		return usageError{err.Error()}
	}
	return err
}
