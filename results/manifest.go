package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// ManifestSchema is the version of the manifest format; it changes when a field
// changes meaning. 2: graph.edges became graph.arcs (it always counted arcs);
// files and the manifest may be marked partial.
const ManifestSchema = 2

// Manifest records what is needed to reproduce every file of a results folder.
// Everything outside Timing depends only on the inputs, so two runs with the
// same seed and parameters write identical manifests apart from Timing.
type Manifest struct {
	Schema int `json:"schema"`
	// Tool and Version name the program that wrote the files (see BuildVersion).
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// GoVersion is the Go toolchain that built the program.
	GoVersion string `json:"go_version"`
	// Command is the command line, program name first.
	Command []string `json:"command"`
	// Seed is the master seed of the run.
	Seed uint64 `json:"seed"`
	// Graph identifies the graph the run used.
	Graph ManifestGraph `json:"graph"`
	// Parameters holds the full parameters of the run (the CLI's options after
	// defaults were applied); it must marshal to JSON.
	Parameters any `json:"parameters"`
	// Lang is the language of the figures and CSV headers.
	Lang Lang `json:"lang"`
	// Font names the font of the figures: "embedded" or the path given.
	Font string `json:"font"`
	// Files lists every file written beside the manifest.
	Files []ManifestFile `json:"files"`
	// Partial is true when the run was interrupted: every file holds the
	// trials done so far, and each is marked partial.
	Partial bool `json:"partial,omitempty"`
	// Timing holds wall-clock facts (start time, duration); it is the only part
	// that differs between two runs with the same inputs.
	Timing any `json:"timing,omitempty"`
}

// ManifestGraph identifies a graph.
type ManifestGraph struct {
	// Source is the file the graph was read from, or the generator and its
	// parameters for a generated graph.
	Source string `json:"source"`
	// Checksum is a digest of the compiled graph, as the graph package computes it.
	Checksum string `json:"checksum"`
	Nodes    int    `json:"nodes"`
	// Arcs is the number of directed arcs stored: an undirected edge
	// counts twice.
	Arcs int64 `json:"arcs"`
}

// ManifestFile is one output file: its name relative to the manifest, what it
// holds, and the SHA-256 of its content.
type ManifestFile struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"` // e.g. "figure", "data", "summary"
	SHA256 string `json:"sha256"`
	// Partial marks a file written from an interrupted run.
	Partial bool `json:"partial,omitempty"`
}

// BuildVersion returns the version of the main module as recorded by the Go
// toolchain ("(devel)" for a plain go build in a work tree, the module
// version for go install), and the Go version. A version set at link time
// (-ldflags -X) should be preferred by the caller when present.
func BuildVersion() (version, goVersion string) {
	version = "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		version = bi.Main.Version
	}
	return version, runtime.Version()
}

// AddFile records a file written beside the manifest with the digest of its content.
func (m *Manifest) AddFile(name, kind string, content []byte) {
	sum := sha256.Sum256(content)
	m.Files = append(m.Files, ManifestFile{Name: name, Kind: kind, SHA256: hex.EncodeToString(sum[:])})
}

// WriteJSON writes the manifest to w as indented JSON with a trailing newline.
func (m *Manifest) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("results: manifest: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("results: manifest: %w", err)
	}
	return nil
}
