package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/pflag"
)

// addProfileFlag registers --cpuprofile, read back by profiled.
func addProfileFlag(fs *pflag.FlagSet) {
	fs.String("cpuprofile", "", "write a CPU profile of the command to `file` (inspect it with go tool pprof)")
}

// profiled runs fn, writing a CPU profile of it to the file named by the
// flag set's --cpuprofile when that flag exists and is set.
func profiled(fs *pflag.FlagSet, fn func() error) (err error) {
	f := fs.Lookup("cpuprofile")
	if f == nil || f.Value.String() == "" {
		return fn()
	}
	path := f.Value.String()
	out, err := os.Create(path)
	if err != nil {
		return usagef("--cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return fmt.Errorf("--cpuprofile %s: %w", path, err)
	}
	defer func() {
		pprof.StopCPUProfile()
		if cerr := out.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("--cpuprofile %s: %w", path, cerr))
		}
	}()
	return fn()
}
