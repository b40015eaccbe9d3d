//go:build !unix

package results

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lockFile creates the file at path exclusively: ErrLocked when it exists.
// Unlike flock, a killed process leaves it behind; the error then names it.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%w (or a killed run left %s: remove it)", ErrLocked, path)
	}
	if err != nil {
		return nil, err
	}
	return func() {
		f.Close()
		os.Remove(path)
	}, nil
}
