// Command ripple simulates how content spreads through relationship chains:
// where to launch it, with what strength, and whether it crosses the tipping
// point. Run "ripple help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// A reader that stops early (ripple … | head) makes writes to stdout fail
	// with EPIPE instead of killing ripple mid-way, which would abandon an
	// --out folder; exitCode treats EPIPE as a quiet end.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err for a person and maps it to the process exit code:
// 0 success, help or a closed stdout, 2 bad usage, 130 interrupted, 1 anything else.
func exitCode(err error, stderr io.Writer) int {
	stderr = termWriter{stderr} // error messages quote labels from files
	var usage *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, syscall.EPIPE):
		return 0 // the reader of stdout has gone: there is nobody to tell
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "ripple: %v\n", err)
		fmt.Fprintln(stderr, "Run 'ripple help' for usage.")
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "ripple: %v\n", err)
		return 130
	default:
		fmt.Fprintf(stderr, "ripple: %v\n", err)
		return 1
	}
}
