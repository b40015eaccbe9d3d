//go:build unix

package results

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive advisory lock (flock) on the file at path,
// creating it, without waiting: ErrLocked when another process holds it.
// The system releases the lock when the process dies, so a killed run
// never leaves the folder locked. unlock releases it and removes the file.
func lockFile(path string) (unlock func(), err error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, ErrLocked
			}
			return nil, err
		}
		// The holder before us may have removed the file after we opened
		// it: then our lock is on a name nobody else sees. Try again.
		if stillLinked(f, path) {
			return func() {
				os.Remove(path)
				f.Close()
			}, nil
		}
		f.Close()
	}
	return nil, ErrLocked
}

// stillLinked reports whether the open file f is the file at path.
func stillLinked(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}
