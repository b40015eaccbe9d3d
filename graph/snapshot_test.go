package graph

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustDecode(t testing.TB, in string, o LoadOptions) *CSR {
	t.Helper()
	g, err := Decode(strings.NewReader(in), "test", o)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func encodeBytes(t testing.TB, g *CSR, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, g, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSnapshotKeepsStats(t *testing.T) {
	g := mustDecode(t, "1 1 1\na b 0.5\nb a 0.25\nb a 0.75\nc c 1\n", LoadOptions{})
	snap := encodeBytes(t, g, FormatSnapshot)
	h, err := Decode(bytes.NewReader(snap), "g.rgraph", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameCSR(t, g, h)
	if h.Stats() != g.Stats() {
		t.Errorf("stats: got=%+v, want=%+v", h.Stats(), g.Stats())
	}
	if s := h.Stats(); s.SelfLoops != 2 || s.Duplicates != 1 {
		t.Errorf("got loops=%d dups=%d, want 2 and 1", s.SelfLoops, s.Duplicates)
	}
}

// resum recomputes the trailing CRC of a snapshot whose body was edited, so
// that the structural checks behind the CRC are reached.
func resum(b []byte) []byte {
	b = bytes.Clone(b)
	binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], castagnoli))
	return b
}

func TestSnapshotBad(t *testing.T) {
	g := mustDecode(t, "a b 0.5\nb c 0.25\nc a 1\n", LoadOptions{})
	snap := encodeBytes(t, g, FormatSnapshot)
	// Offsets start after the 40-byte header and the stats.
	statsLen := int(binary.LittleEndian.Uint64(snap[32:]))
	offsets := 40 + statsLen
	targets := offsets + 8*(g.N()+1)
	weights := targets + 4*g.M()
	edit := func(at int, b ...byte) []byte {
		c := bytes.Clone(snap)
		copy(c[at:], b)
		return c
	}
	tests := []struct {
		name  string
		in    []byte
		field string
		msg   string
	}{
		{"empty", nil, "header", "truncated"},
		{"bad magic", edit(0, 'X'), "header", "bad magic"},
		{"future version", resum(edit(8, 9)), "header", "version 9"},
		{"unknown flag", resum(edit(12, 0x80)), "header", "unknown flags"},
		{"huge n", resum(edit(16, 0xff, 0xff, 0xff, 0xff, 0xff)), "header", "implausible"},
		{"flipped bit", edit(targets, snap[targets]^1), "crc", "corrupt"},
		{"truncated", snap[:weights+3], "weights", "truncated"},
		{"trailing data", append(bytes.Clone(snap), 0), "crc", "after the end"},
		{"target out of range", resum(edit(targets, 9)), "arcs", "in range"},
		{"offsets past the end", resum(edit(offsets+8, 100)), "arcs", "offsets"},
		{"weight out of range", resum(edit(weights, 0, 0, 0x80, 0xbf)), "weights", "out of range"},
		{"duplicate names", resum(bytes.Replace(snap, []byte("abc"), []byte("aac"), 1)), "names", "duplicate label"},
	}
	// Clearing the directed flag of a directed graph makes it asymmetric.
	tests = append(tests, struct {
		name  string
		in    []byte
		field string
		msg   string
	}{"undirected but asymmetric", resum(edit(12, snap[12]&^snapDirected)), "arcs", "not symmetric"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tc.in), "g.rgraph", LoadOptions{Format: FormatSnapshot})
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Field != tc.field || pe.File != "g.rgraph" || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want a ParseError for field %q containing %q", err, tc.field, tc.msg)
			}
		})
	}
}

func TestSnapshotGzipTruncated(t *testing.T) {
	g := mustDecode(t, "a b 0.5\nb c 0.25\nc a 1\n", LoadOptions{})
	z := gzipped(t, string(encodeBytes(t, g, FormatSnapshot)))
	h, err := Decode(bytes.NewReader(z), "g.rgraph.gz", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameCSR(t, g, h)
	for cut := 1; cut < len(z); cut++ {
		if _, err := Decode(bytes.NewReader(z[:cut]), "g.rgraph.gz", LoadOptions{}); err == nil {
			t.Fatalf("cut at %d of %d: got a graph, want an error", cut, len(z))
		}
	}
	// A gzip stream whose trailer checksum is wrong is an error too.
	bad := bytes.Clone(z)
	bad[len(bad)-8] ^= 1
	if _, err := Decode(bytes.NewReader(bad), "g.rgraph.gz", LoadOptions{}); err == nil {
		t.Error("bad gzip checksum: got a graph, want an error")
	}
}

// TestSnapshotStatsRecomputed: a snapshot with a valid CRC but false
// statistics loads with the true ones (a false ⟨k²⟩ moved the analytic
// threshold from 1 to 0.002); only the load's own counts are kept.
func TestSnapshotStatsRecomputed(t *testing.T) {
	for _, directed := range []bool{false, true} {
		g, err := Gnp(300, 0.02, directed, rand.New(rand.NewPCG(8, 9)))
		if err != nil {
			t.Fatal(err)
		}
		forged := *g
		forged.stats.SecondMoment = 1e6
		forged.stats.MeanDegree = 3
		forged.stats.MeanInOut = 7
		forged.stats.Reciprocity = 0.5
		forged.stats.MaxOut = 1
		forged.stats.Isolated = 99
		forged.stats.SelfLoops, forged.stats.Duplicates = 4, 5
		var buf bytes.Buffer
		if err := Encode(&buf, &forged, FormatSnapshot); err != nil {
			t.Fatal(err)
		}
		back, err := Decode(&buf, "forged.rgraph", LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := g.Stats()
		want.SelfLoops, want.Duplicates = 4, 5
		if back.Stats() != want {
			t.Errorf("directed=%v: got=%+v, want=%+v", directed, back.Stats(), want)
		}
	}
}

func TestSnapshotRefusesWhatTextRefuses(t *testing.T) {
	build := func(names []string, edges bool, loops int) []byte {
		t.Helper()
		b := NewBuilder(Options{})
		for _, s := range names {
			b.AddNode(s)
		}
		if edges {
			b.AddEdge(0, 1)
		}
		g, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		g.stats.SelfLoops = loops
		var buf bytes.Buffer
		if err := Encode(&buf, g, FormatSnapshot); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name  string
		data  []byte
		field string
		msg   string
	}{
		{"no edges", build([]string{"a", "b"}, false, 0), "", "no edges"},
		{"no nodes", build(nil, false, 0), "", "no edges"},
		{"empty name", build([]string{"a", ""}, true, 0), "names", "node 1 has an empty name"},
		{"negative count", build([]string{"a", "b"}, true, -3), "stats", "negative counts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tc.data), "s.rgraph", LoadOptions{})
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Field != tc.field || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want a ParseError in field %q containing %q", err, tc.field, tc.msg)
			}
		})
	}
}

// TestSnapshotFileTruncated: a snapshot file shorter than its header says
// is refused before any array is read.
func TestSnapshotFileTruncated(t *testing.T) {
	g, err := Gnp(200, 0.05, true, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.rgraph")
	if err := SaveFile(path, g); err != nil {
		t.Fatal(err)
	}
	back, err := LoadFile(path, LoadOptions{})
	if err != nil || back.Checksum() != g.Checksum() {
		t.Fatalf("whole file: got %v", err)
	}
	fi, _ := os.Stat(path)
	if err := os.Truncate(path, fi.Size()-10); err != nil {
		t.Fatal(err)
	}
	_, err = LoadFile(path, LoadOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Field != "header" || !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "the file has") {
		t.Errorf("got %v, want a truncated header error", err)
	}
}
