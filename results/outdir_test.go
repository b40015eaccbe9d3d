package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeResult writes one complete result into dir: files a.csv, b.png
// (and c.svg when extra) whose content names gen, and commits it.
func writeResult(t testing.TB, dir string, gen int, extra bool, size int) {
	t.Helper()
	o, err := CreateOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	o.Manifest = Manifest{Schema: ManifestSchema, Tool: "ripple", Seed: uint64(gen)}
	names := []string{"a.csv", "b.png"}
	if extra {
		names = append(names, "c.svg")
	}
	for _, name := range names {
		err := o.Write(name, "data", func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "gen %d %s\n%s", gen, name, strings.Repeat("x", size))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
}

// checkFolder verifies that dir holds one complete result: a ripple
// manifest whose files all exist with their digests, all from one
// generation, and nothing else but the names in keep. It returns the
// generation.
func checkFolder(t testing.TB, dir string, keep ...string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatalf("no manifest: %v", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	want := []string{"manifest.json"}
	for _, f := range m.Files {
		c, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatalf("%s listed but %v", f.Name, err)
		}
		sum := sha256.Sum256(c)
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Fatalf("%s: digest differs from the manifest's", f.Name)
		}
		if !strings.HasPrefix(string(c), fmt.Sprintf("gen %d ", m.Seed)) {
			t.Fatalf("%s is not from the manifest's run %d: %.12q", f.Name, m.Seed, c)
		}
		want = append(want, f.Name)
	}
	want = append(want, keep...)
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("folder holds %v, want %v", got, want)
	}
	return int(m.Seed)
}

func TestOutDirReplacesWholeResult(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	writeResult(t, dir, 1, true, 10)
	checkFolder(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("my thesis"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeResult(t, dir, 2, false, 10) // c.svg of run 1 goes, thesis.docx stays
	if got := checkFolder(t, dir, "thesis.docx"); got != 2 {
		t.Errorf("generation: got=%d, want=2", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "thesis.docx")); string(b) != "my thesis" {
		t.Errorf("thesis.docx: got %q", b)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("beside the folder: got %d entries, want only the folder (no lock, stage or aside left)", len(entries))
	}
}

// TestOutDirNeverDeletesForeignFiles: a forged manifest that lists
// thesis.docx (with its true digest, or a false one) and a ripple file
// changed since it was written are never removed.
func TestOutDirNeverDeletesForeignFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(dir, 0o755)
	thesis := []byte("my thesis")
	sum := sha256.Sum256(thesis)
	os.WriteFile(filepath.Join(dir, "thesis.docx"), thesis, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("mine"), 0o644)
	forged := fmt.Sprintf(`{"tool":"ripple","files":[{"name":"thesis.docx","sha256":"%s"},{"name":"../x.csv","sha256":"%s"}]}`,
		hex.EncodeToString(sum[:]), strings.Repeat("0", 64))
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(forged), 0o644)
	writeResult(t, dir, 3, false, 10)
	checkFolder(t, dir, "thesis.docx", "notes.csv")
	if b, _ := os.ReadFile(filepath.Join(dir, "thesis.docx")); string(b) != string(thesis) {
		t.Errorf("thesis.docx: got %q", b)
	}

	// A file ripple wrote and someone changed: refused up front.
	os.WriteFile(filepath.Join(dir, "a.csv"), []byte("edited in Excel"), 0o644)
	if _, err := CreateOutDir(dir); err == nil || !strings.Contains(err.Error(), "a.csv was changed") {
		t.Errorf("changed a.csv: got err=%v, want a refusal naming it", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.csv")); string(b) != "edited in Excel" {
		t.Errorf("a.csv: got %q", b)
	}
	// Someone else's manifest: refused.
	other := filepath.Join(t.TempDir(), "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "manifest.json"), []byte(`{"files":[]}`), 0o644)
	if _, err := CreateOutDir(other); err == nil {
		t.Error("a folder with someone else's manifest.json: got nil error")
	}
}

// TestOutDirClaim: a file of the user's under a name a run writes is found
// before the run, not after it.
func TestOutDirClaim(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	writeResult(t, dir, 1, false, 10)
	os.WriteFile(filepath.Join(dir, "summary.json"), []byte("mine"), 0o644)
	o, err := CreateOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if err := o.Claim("a.csv", "b.png"); err != nil {
		t.Errorf("claiming the earlier result's files: %v", err)
	}
	if err := o.Claim("a.csv", "summary.json"); err == nil || !strings.Contains(err.Error(), "summary.json") {
		t.Errorf("claiming the user's summary.json: got err=%v, want one naming it", err)
	}
}

func TestOutDirLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	a, err := CreateOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CreateOutDir(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("second writer: got err=%v, want ErrLocked", err)
	}
	a.Close()
	b, err := CreateOutDir(dir)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	b.Close()
}

// TestOutDirFailsEarly: a folder that cannot be created or written fails in
// CreateOutDir, before any work.
func TestOutDirFailsEarly(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	for _, dir := range []string{filepath.Join(file, "out"), file} {
		if o, err := CreateOutDir(dir); err == nil {
			o.Close()
			t.Errorf("CreateOutDir(%s): got nil error", dir)
		}
	}
	// A working directory holding only files, which CreateOutDir would
	// otherwise accept and swap away under the shell.
	wd := filepath.Join(t.TempDir(), "work")
	os.MkdirAll(wd, 0o755)
	os.WriteFile(filepath.Join(wd, "notes.txt"), nil, 0o644)
	t.Chdir(wd)
	for _, dir := range []string{".", wd, filepath.Dir(wd)} {
		if o, err := CreateOutDir(dir); err == nil {
			o.Close()
			t.Errorf("CreateOutDir(%s), the working directory or above it: got nil error", dir)
		}
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: permission checks do not apply; read-only folder case skipped")
		return
	}
	ro := filepath.Join(t.TempDir(), "ro")
	os.MkdirAll(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	if o, err := CreateOutDir(filepath.Join(ro, "out")); err == nil {
		o.Close()
		t.Error("inside a read-only folder: got nil error")
	}
}

// TestOutDirUncommitted: a run that fails before Commit leaves the earlier
// result as it was, and nothing beside it.
func TestOutDirUncommitted(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	writeResult(t, dir, 1, true, 10)
	o, err := CreateOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	o.Write("a.csv", "data", func(w io.Writer) error { _, err := io.WriteString(w, "gen 9 half"); return err })
	o.Close()
	checkFolder(t, dir)
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the folder: %d entries, want 1", len(entries))
	}
}

// TestOutDirKeepsFilesAddedDuringRun: a file saved into the folder while a
// run writes it survives the swap.
func TestOutDirKeepsFilesAddedDuringRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	writeResult(t, dir, 1, false, 10)
	o, err := CreateOutDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	o.Manifest = Manifest{Tool: "ripple", Seed: 2}
	o.Write("a.csv", "data", func(w io.Writer) error { _, err := io.WriteString(w, "gen 2 a"); return err })
	os.WriteFile(filepath.Join(dir, "late.txt"), []byte("saved meanwhile"), 0o644)
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	checkFolder(t, dir, "late.txt")
}

// TestOutDirSurvivesKill really kills a process that rewrites a results
// folder over and over, at random moments, and checks after each kill that
// the folder holds one complete result (the earlier or the new one) and the
// user's file beside it.
func TestOutDirSurvivesKill(t *testing.T) {
	if dir := os.Getenv("RIPPLE_OUTDIR_CHILD"); dir != "" {
		for gen := 1000 * os.Getpid(); ; gen++ {
			writeResult(t, dir, gen, gen%2 == 0, 300_000)
		}
	}
	kills := 12
	if testing.Short() {
		kills = 4
	}
	dir := filepath.Join(t.TempDir(), "out")
	writeResult(t, dir, 1, false, 10)
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("mine"), 0o644)
	rnd := rand.New(rand.NewPCG(1, 2))
	for k := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestOutDirSurvivesKill$")
		cmd.Env = append(os.Environ(), "RIPPLE_OUTDIR_CHILD="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rnd.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("kill %d: folder holds run %s", k, strconv.Itoa(checkFolder(t, dir, "thesis.docx")))
	}
	// The next writer cleans up what the killed ones left beside it.
	writeResult(t, dir, 7, false, 10)
	checkFolder(t, dir, "thesis.docx")
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("beside the folder after recovery: %d entries, want 1", len(entries))
	}
}

// FuzzOldManifest: whatever a manifest.json holds, reading it never panics
// and never yields a file name outside the folder or of a kind ripple does
// not write.
func FuzzOldManifest(f *testing.F) {
	f.Add([]byte(`{"tool":"ripple","files":[{"name":"reach.png","sha256":"` + strings.Repeat("a", 64) + `"}]}`))
	f.Add([]byte(`{"tool":"ripple","files":[{"name":"../../etc/passwd","sha256":"x"},{"name":"thesis.docx"}]}`))
	f.Add([]byte(`{"tool":"other"}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		files, err := readOldManifest(dir)
		if err != nil {
			return
		}
		for name, sum := range files {
			if !plainName(name) || strings.ContainsAny(name, `/\`) || !writesKind(name) || len(sum) != 64 {
				t.Errorf("readOldManifest kept %q (sha %q)", name, sum)
			}
		}
	})
}

// BenchmarkOutDirCommit measures replacing a results folder of eight small
// files: staging, the manifest, the swap and draining the earlier result.
func BenchmarkOutDirCommit(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "out")
	gen := 0
	for b.Loop() {
		gen++
		writeResult(b, dir, gen, true, 4096)
	}
}
