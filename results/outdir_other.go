//go:build !linux

package results

import "os"

// swapDirs puts the folder stage in place of dir: the earlier folder is
// renamed to aside, then stage to dir (see swapByRenames).
func swapDirs(stage, dir, aside string) (old string, err error) {
	return swapByRenames(stage, dir, aside)
}

// canWrite reports whether this process may create files in dir, by
// creating and removing a probe file (a kill between the two leaves it;
// the next run on the folder removes it).
func canWrite(dir string) error {
	probe, err := os.CreateTemp(dir, ".ripple-probe-*")
	if err != nil {
		return err
	}
	probe.Close()
	return os.Remove(probe.Name())
}
