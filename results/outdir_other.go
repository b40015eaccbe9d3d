//go:build !linux

package results

// swapDirs puts the folder stage in place of dir: the earlier folder is
// renamed to aside, then stage to dir (see swapByRenames).
func swapDirs(stage, dir, aside string) (old string, err error) {
	return swapByRenames(stage, dir, aside)
}
