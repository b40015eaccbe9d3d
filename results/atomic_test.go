package results

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// listDir returns the names in dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name     string
		existing string // content before the write; "" for no file
		write    func(io.Writer) error
		wantErr  bool
		want     string // content after; "" for no file
	}{
		{
			name:  "new file",
			write: func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err },
			want:  "hello",
		},
		{
			name:     "replaces existing",
			existing: "old",
			write:    func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err },
			want:     "new",
		},
		{
			name:    "error mid-write leaves no file",
			write:   func(w io.Writer) error { _, _ = io.WriteString(w, "partial"); return errBoom },
			wantErr: true,
		},
		{
			name:     "error mid-write keeps the old file",
			existing: "old",
			write:    func(w io.Writer) error { _, _ = io.WriteString(w, "partial"); return errBoom },
			wantErr:  true,
			want:     "old",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.csv")
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteFileAtomic(path, tt.write)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got err=%v, want error=%v", err, tt.wantErr)
			}
			if tt.wantErr && !errors.Is(err, errBoom) {
				t.Errorf("got err=%v, want it to wrap %v", err, errBoom)
			}
			got, rerr := os.ReadFile(path)
			switch {
			case tt.want == "" && rerr == nil:
				t.Errorf("got file with %q, want no file", got)
			case tt.want != "" && string(got) != tt.want:
				t.Errorf("got content=%q (err=%v), want=%q", got, rerr, tt.want)
			}
			// No temporary file may be left behind.
			names := listDir(t, dir)
			wantN := 0
			if tt.want != "" {
				wantN = 1
			}
			if len(names) != wantN {
				t.Errorf("got dir entries=%v, want %d", names, wantN)
			}
			if tt.want != "" {
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode().Perm() != 0o644 {
					t.Errorf("got mode=%v, want=0644", fi.Mode().Perm())
				}
			}
		})
	}
}

func TestWriteFileAtomicPanic(t *testing.T) {
	dir := t.TempDir()
	func() {
		defer func() { _ = recover() }()
		_ = WriteFileAtomic(filepath.Join(dir, "x.png"), func(w io.Writer) error {
			_, _ = io.WriteString(w, "partial")
			panic("mid-write")
		})
	}()
	if names := listDir(t, dir); len(names) != 0 {
		t.Errorf("after a panicking write: got dir entries=%v, want none", names)
	}
}

func TestWriteFileAtomicBadDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "x.csv")
	if err := WriteFileAtomic(path, func(io.Writer) error { return nil }); err == nil {
		t.Errorf("WriteFileAtomic(%s): got err=nil, want an error", path)
	}
}

// TestSaveFigureFailureLeavesNoFile saves a figure to an unsupported extension
// and a figure whose rendering fails; neither may leave a file.
func TestSaveFigureFailureLeavesNoFile(t *testing.T) {
	s, err := NewStyle(English, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f := newFigure(s, "x", Caption{})
	if err := f.Save(filepath.Join(dir, "x.jpg")); err == nil {
		t.Errorf("Save(x.jpg): got err=nil, want unsupported format")
	}
	if names := listDir(t, dir); len(names) != 0 {
		t.Errorf("got dir entries=%v, want none", names)
	}
}
