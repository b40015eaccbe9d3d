package results

import (
	"errors"
	"os"
)

// swapByRenames puts stage in place of dir with two renames: dir to aside,
// stage to dir. A crash between them leaves the earlier result at aside,
// which CreateOutDir puts back. It returns where the earlier content is.
func swapByRenames(stage, dir, aside string) (old string, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(stage, dir)
	}
	if err := os.Rename(dir, aside); err != nil {
		return "", err
	}
	if err := os.Rename(stage, dir); err != nil {
		if rerr := os.Rename(aside, dir); rerr != nil {
			return "", errors.Join(err, rerr)
		}
		return "", err
	}
	return aside, nil
}
