package results

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrLocked is returned by CreateOutDir when another process is writing the
// same folder.
var ErrLocked = errors.New("another ripple run is writing this folder")

// OutDir is a results folder that is replaced as a whole: files are written
// into a private staging folder beside it, and Commit swaps the staging
// folder in with one atomic exchange, so that a reader, or a process killed
// at any moment (kill -9 included), finds either the earlier complete result
// or the new complete one, never a mixture.
//
// Files that ripple did not write, or wrote and someone changed since (their
// SHA-256 differs from the earlier manifest's), are kept: they are
// hard-linked into the staging folder before the swap, and anything added to
// the folder during the run is moved across after it. Only files that the
// earlier manifest lists with their current SHA-256 are removed. A folder
// holds one writer at a time (an advisory lock on a file beside it, released
// by the system when the process dies).
//
// On systems without an atomic exchange of two folders (anything but Linux),
// Commit renames the old folder aside and the new one in: a crash between
// the two renames leaves the result in the aside folder, which the next
// CreateOutDir on the folder puts back.
type OutDir struct {
	dir, parent, base string
	stage             string
	unlock            func()
	// owned lists the files of the earlier result that may be removed:
	// named in its manifest with the digest of their current content.
	owned map[string]bool
	// Manifest is what Commit writes as manifest.json; Write records
	// every file in it.
	Manifest Manifest
}

// Names of the siblings an OutDir uses beside dir: the lock file, the
// staging folder and, during a non-atomic swap, the earlier result.
func lockName(base string) string     { return "." + base + ".ripple-lock" }
func stagePattern(base string) string { return "." + base + ".ripple-new-" }
func asideName(base string) string    { return "." + base + ".ripple-old" }
func journalName(base string) string  { return "." + base + ".ripple-journal" }

// CreateOutDir prepares to write the results folder dir: it locks it,
// checks that it can be written and replaced, and opens a staging folder
// beside it. The checks run before any work is done, so that a folder that
// cannot be written fails before the first trial. It fails with ErrLocked
// when another process writes dir, and when dir holds a manifest.json that
// ripple did not write, a sub-folder, or a file that ripple wrote and someone
// has changed under a name ripple writes (those are never overwritten or
// removed). Close releases the lock and, without Commit, discards the staging
// folder.
func CreateOutDir(dir string) (_ *OutDir, err error) {
	if dir == "" {
		return nil, errors.New("results: out dir: empty path")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("results: out dir %s: %w", dir, err)
	}
	parent, base := filepath.Split(abs)
	parent = filepath.Clean(parent)
	if base == "" || base == "." || base == ".." {
		return nil, fmt.Errorf("results: out dir %s: not a folder name that can be replaced", dir)
	}
	// The folder is replaced as a whole: the working directory (or a folder
	// holding it) would leave the shell in a deleted folder.
	if wd, err := os.Getwd(); err == nil && (wd == abs || strings.HasPrefix(wd, abs+string(filepath.Separator))) {
		return nil, fmt.Errorf("results: out dir %s: is the working directory or holds it; ripple replaces the folder as a whole: name a folder for the results, e.g. %s", dir, filepath.Join(dir, "results"))
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("results: out dir %s: %w", dir, err)
	}
	unlock, err := lockFile(filepath.Join(parent, lockName(base)))
	if err != nil {
		if errors.Is(err, ErrLocked) {
			return nil, fmt.Errorf("results: out dir %s: %w; wait for it to finish or choose another folder", dir, ErrLocked)
		}
		return nil, fmt.Errorf("results: out dir %s: lock: %w", dir, err)
	}
	o := &OutDir{dir: abs, parent: parent, base: base, unlock: unlock}
	defer func() {
		if err != nil {
			o.Close()
		}
	}()
	if err := o.recover(); err != nil {
		return nil, err
	}
	if err := o.inspect(); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(parent, stagePattern(base))
	if err != nil {
		return nil, fmt.Errorf("results: out dir %s: cannot write beside it: %w", dir, err)
	}
	o.stage = stage
	if err := os.Chmod(stage, 0o755); err != nil {
		return nil, fmt.Errorf("results: out dir %s: %w", dir, err)
	}
	return o, nil
}

// Dir returns the folder's path.
func (o *OutDir) Dir() string { return o.dir }

// recover cleans up after a process that died while writing dir. Its
// journal (written just before the swap) names the staging folder being
// swapped in and the digest of its manifest: when dir holds that manifest
// the swap happened and the folder now holds the earlier result, to be
// drained; any other staging folder was never swapped in and holds only
// ripple's files and links to kept ones, and is removed. An earlier result
// set aside by a non-atomic swap is put back or drained. The caller holds
// the lock, so nothing else uses these.
func (o *OutDir) recover() error {
	if probes, err := filepath.Glob(filepath.Join(o.dir, ".ripple-probe-*")); err == nil {
		for _, p := range probes {
			os.Remove(p)
		}
	}
	journal := filepath.Join(o.parent, journalName(o.base))
	var swapped string
	if b, err := readBounded(journal, 4096); err == nil {
		stage, sum, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
		if got, err := fileSHA256(filepath.Join(o.dir, "manifest.json")); err == nil && got == sum && plainName(stage) {
			swapped = stage
		}
	}
	entries, err := os.ReadDir(o.parent)
	if err != nil {
		return fmt.Errorf("results: out dir %s: %w", o.dir, err)
	}
	for _, e := range entries {
		p := filepath.Join(o.parent, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), stagePattern(o.base)) {
			continue
		}
		if e.Name() == swapped {
			if err := o.drain(p, ownedIn(p)); err != nil {
				return err
			}
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("results: out dir %s: removing a staging folder left by a killed run: %w", o.dir, err)
		}
	}
	aside := filepath.Join(o.parent, asideName(o.base))
	if _, err := os.Stat(aside); err == nil {
		if _, err := os.Stat(o.dir); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(aside, o.dir); err != nil {
				return fmt.Errorf("results: out dir %s: restoring the earlier result: %w", o.dir, err)
			}
		} else if err := o.drain(aside, ownedIn(aside)); err != nil {
			return err
		}
	}
	os.Remove(journal)
	return nil
}

// ownedIn returns the files of dir that its ripple manifest lists with the
// digest of their current content (manifest.json included): nil when it has
// none.
func ownedIn(dir string) map[string]bool {
	old, err := readOldManifest(dir)
	if err != nil || old == nil {
		return nil
	}
	owned := map[string]bool{"manifest.json": true}
	for name, want := range old {
		if sum, err := fileSHA256(filepath.Join(dir, name)); err == nil && sum == want {
			owned[name] = true
		}
	}
	return owned
}

// inspect checks the existing folder and lists the files of the earlier
// result that may be removed.
func (o *OutDir) inspect() error {
	st, err := os.Stat(o.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("results: out dir %s: %w", o.dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("results: out dir %s: not a folder", o.dir)
	}
	// A folder that cannot be written cannot be cleaned.
	if err := canWrite(o.dir); err != nil {
		return fmt.Errorf("results: out dir %s: cannot write into it: %w", o.dir, err)
	}
	entries, err := os.ReadDir(o.dir)
	if err != nil {
		return fmt.Errorf("results: out dir %s: %w", o.dir, err)
	}
	old, err := readOldManifest(o.dir)
	if err != nil {
		return err
	}
	o.owned = map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			if e.IsDir() {
				return fmt.Errorf("results: out dir %s: holds a folder %q that ripple did not write; ripple replaces --out as a whole: choose another folder", o.dir, name)
			}
			continue // a link or device: kept by linking it across
		}
		if name == "manifest.json" {
			if old != nil {
				o.owned[name] = true
			}
			continue
		}
		want, listed := old[name]
		if !listed {
			continue
		}
		sum, err := fileSHA256(filepath.Join(o.dir, name))
		if err != nil {
			return fmt.Errorf("results: out dir %s: %w", o.dir, err)
		}
		if sum != want {
			return fmt.Errorf("results: out dir %s: %s was changed after ripple wrote it; move it elsewhere or choose another folder", o.dir, name)
		}
		o.owned[name] = true
	}
	return nil
}

// readOldManifest returns the files, with their SHA-256, that dir's
// manifest.json lists: nil when there is none. Only plain file names count.
// A manifest.json that ripple did not write is an error: the folder is
// someone else's.
func readOldManifest(dir string) (map[string]string, error) {
	b, err := readBounded(filepath.Join(dir, "manifest.json"), 64<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("results: out dir %s: %w", dir, err)
	}
	var old struct {
		Tool  string         `json:"tool"`
		Files []ManifestFile `json:"files"`
	}
	if json.Unmarshal(b, &old) != nil || old.Tool != "ripple" {
		return nil, fmt.Errorf("results: out dir %s: its manifest.json was not written by ripple; choose another folder", dir)
	}
	files := map[string]string{}
	for _, f := range old.Files {
		if plainName(f.Name) && f.Name != "manifest.json" && len(f.SHA256) == 64 && writesKind(f.Name) {
			files[f.Name] = strings.ToLower(f.SHA256)
		}
	}
	return files, nil
}

// writesKind reports whether name has an extension of a file ripple
// writes: a manifest listing anything else (thesis.docx) is not trusted
// with it, whatever digest it gives.
func writesKind(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png", ".svg", ".pdf", ".csv", ".json", ".gexf", ".gz":
		return true
	}
	return false
}

// plainName reports whether name is a file name without a folder.
func plainName(name string) bool {
	return name != "" && name != "." && name != ".." && name == filepath.Base(name) && !strings.ContainsAny(name, `/\`)
}

// readBounded reads at most limit bytes of path, failing beyond.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, nil
}

// fileSHA256 returns the hex SHA-256 of the file at path.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Claim checks, before any work, that none of names (the files a run may
// write) is in the folder without being the earlier result's: such a file is
// never overwritten, so Write would fail on it at the end of the run.
func (o *OutDir) Claim(names ...string) error {
	for _, name := range names {
		if o.keeps(name) {
			return fmt.Errorf("results: out dir %s: holds a %s that ripple did not write; move it elsewhere or choose another folder", o.dir, name)
		}
	}
	return nil
}

// Write writes the file name into the staging folder with the output of
// write and records it in the manifest with its kind and SHA-256. The
// content is assembled in memory first, so the digest is that of the bytes
// on disk.
func (o *OutDir) Write(name, kind string, write func(io.Writer) error) error {
	if !plainName(name) || name == "manifest.json" {
		return fmt.Errorf("results: out dir %s: bad file name %q", o.dir, name)
	}
	if slices.ContainsFunc(o.Manifest.Files, func(f ManifestFile) bool { return f.Name == name }) {
		return fmt.Errorf("results: out dir %s: %s written twice", o.dir, name)
	}
	if o.keeps(name) {
		return fmt.Errorf("results: out dir %s: %s is not ripple's (or was changed); move it elsewhere or choose another folder", o.dir, name)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return fmt.Errorf("results: write %s: %w", name, err)
	}
	if err := writeSynced(filepath.Join(o.stage, name), buf.Bytes()); err != nil {
		return err
	}
	o.Manifest.AddFile(name, kind, buf.Bytes())
	return nil
}

// keeps reports whether name exists in the folder and is not the earlier
// result's: a file Commit carries over.
func (o *OutDir) keeps(name string) bool {
	if o.owned[name] {
		return false
	}
	_, err := os.Lstat(filepath.Join(o.dir, name))
	return err == nil
}

// writeSynced writes b to a new file at path and flushes it to disk.
func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("results: write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("results: write %s: close: %w", path, err)
	}
	return nil
}

// Commit writes manifest.json and puts the new result in place of the
// folder in one step. Files of the folder that are not the earlier result's
// are carried over (hard links, then a move for anything added meanwhile);
// the earlier result's files are removed. After Commit, Close only releases
// the lock.
func (o *OutDir) Commit() error {
	if o.stage == "" {
		return fmt.Errorf("results: out dir %s: commit after close", o.dir)
	}
	if err := o.linkKept(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := o.Manifest.WriteJSON(&buf); err != nil {
		return err
	}
	if err := writeSynced(filepath.Join(o.stage, "manifest.json"), buf.Bytes()); err != nil {
		return err
	}
	syncDir(o.stage)
	sum := sha256.Sum256(buf.Bytes())
	journal := filepath.Join(o.parent, journalName(o.base))
	os.Remove(journal)
	if err := writeSynced(journal, []byte(filepath.Base(o.stage)+"\n"+hex.EncodeToString(sum[:])+"\n")); err != nil {
		return err
	}
	syncDir(o.parent)
	old, err := swapDirs(o.stage, o.dir, filepath.Join(o.parent, asideName(o.base)))
	if err != nil {
		return fmt.Errorf("results: out dir %s: %w", o.dir, err)
	}
	o.stage = ""
	syncDir(o.parent)
	if old != "" {
		if err := o.drain(old, o.owned); err != nil {
			return err
		}
	}
	os.Remove(journal)
	return nil
}

// linkKept hard-links into the staging folder every file of the folder that
// is not the earlier result's, so that the swap keeps it.
func (o *OutDir) linkKept() error {
	entries, err := os.ReadDir(o.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("results: out dir %s: %w", o.dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if o.owned[name] || e.IsDir() || strings.HasPrefix(name, ".ripple-probe-") {
			continue
		}
		if slices.ContainsFunc(o.Manifest.Files, func(f ManifestFile) bool { return f.Name == name }) || name == "manifest.json" {
			return fmt.Errorf("results: out dir %s: %s appeared during the run; move it elsewhere and run again", o.dir, name)
		}
		from, to := filepath.Join(o.dir, name), filepath.Join(o.stage, name)
		if err := os.Link(from, to); err != nil {
			// A file system without hard links (FAT on a USB stick): copy.
			if err := copyFile(from, to); err != nil {
				return fmt.Errorf("results: out dir %s: keeping %s: %w", o.dir, name, err)
			}
		}
	}
	return nil
}

// drain empties old, the earlier folder after a swap: the files in owned
// (the earlier result's, unchanged) and the hard links already carried over
// are removed; anything else (added during the run) is moved into the new
// folder. old is removed when empty; otherwise the error names what is left.
func (o *OutDir) drain(old string, owned map[string]bool) error {
	entries, err := os.ReadDir(old)
	if err != nil {
		return fmt.Errorf("results: out dir %s: %w", o.dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		from, to := filepath.Join(old, name), filepath.Join(o.dir, name)
		switch {
		case owned[name]:
			os.Remove(from)
		case sameFile(from, to) || sameContent(from, to):
			os.Remove(from) // carried over by linkKept
		default:
			if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
				os.Rename(from, to)
			}
		}
	}
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("results: out dir %s: the new result is in place, but %s still holds files that were not ripple's: %w", o.dir, old, err)
	}
	return nil
}

// copyFile copies the regular file from to a new file to, flushed to disk.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	b, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	return writeSynced(to, b)
}

// sameContent reports whether the regular files a and b hold the same bytes.
func sameContent(a, b string) bool {
	sa, err := os.Lstat(a)
	if err != nil || !sa.Mode().IsRegular() {
		return false
	}
	sb, err := os.Lstat(b)
	if err != nil || !sb.Mode().IsRegular() || sa.Size() != sb.Size() {
		return false
	}
	ha, err := fileSHA256(a)
	if err != nil {
		return false
	}
	hb, err := fileSHA256(b)
	return err == nil && ha == hb
}

// sameFile reports whether a and b are the same file (hard links).
func sameFile(a, b string) bool {
	sa, err := os.Lstat(a)
	if err != nil {
		return false
	}
	sb, err := os.Lstat(b)
	return err == nil && os.SameFile(sa, sb)
}

// Close releases the lock and, when the folder was not committed, discards
// the staging folder. It is safe to call more than once.
func (o *OutDir) Close() {
	if o.stage != "" {
		os.RemoveAll(o.stage)
		o.stage = ""
	}
	if o.unlock != nil {
		o.unlock()
		o.unlock = nil
	}
}
