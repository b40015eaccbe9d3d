package results

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swapDirs puts the folder stage in place of dir. When dir exists, the two
// are exchanged in one atomic step (renameat2 RENAME_EXCHANGE) and the
// earlier content, now at stage's path, is returned; on a file system
// without the exchange the earlier folder is renamed to aside first.
func swapDirs(stage, dir, aside string) (old string, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(stage, dir)
	}
	err = unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return swapByRenames(stage, dir, aside)
	}
	if err != nil {
		return "", err
	}
	return stage, nil
}

// canWrite reports whether this process may create files in dir (its
// effective ids, a read-only mount), without leaving a file behind that a
// kill could strand in the user's folder.
func canWrite(dir string) error {
	return unix.Faccessat(unix.AT_FDCWD, dir, unix.W_OK|unix.X_OK, unix.AT_EACCESS)
}
