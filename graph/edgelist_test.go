package graph

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEdgeList(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		opt   LoadOptions
		arcs  []string
		nodes int
		loops int
	}{
		{
			name: "snap comments, tabs, CRLF",
			in:   "# Directed graph\r\n# FromNodeId\tToNodeId\r\n30\t1412\r\n30\t3352\r\n3\t28\r\n",
			arcs: []string{"3->28", "30->1412", "30->3352"}, nodes: 5,
		},
		{
			name: "konect percent comments, blank lines, extra columns ignored",
			in:   "% sym unweighted\n% 3 3 3\n\n1 2 1 1089000000\n2 3 1 1089000001\n\n",
			arcs: []string{"1->2:1", "2->3:1"}, nodes: 3,
		},
		{
			name: "weights",
			in:   "a b 0.5\nb c 1e-1\nc a 2\n",
			arcs: []string{"a->b:0.5", "b->c:0.1", "c->a:2"}, nodes: 3,
		},
		{
			name: "ignore weights",
			in:   "a b 0.5\nb c -3\n",
			opt:  LoadOptions{IgnoreWeights: true},
			arcs: []string{"a->b", "b->c"}, nodes: 3,
		},
		{
			name: "chinese names, full-width space, BOM",
			in:   "\ufeff王芳 李伟\n李伟\u3000张敏\n",
			arcs: []string{"李伟->张敏", "王芳->李伟"}, nodes: 3,
		},
		{
			name: "nethept header",
			in:   "3 2\r\n0 1\r\n1 2\r\n",
			opt:  LoadOptions{Header: true},
			arcs: []string{"0->1", "1->2"}, nodes: 3,
		},
		{
			name: "no header option reads the header as an edge",
			in:   "3 2\n0 1\n",
			arcs: []string{"0->1", "3->2"}, nodes: 4,
		},
		{
			name: "self-loops dropped and counted",
			in:   "1 1\n1 2\n2 2\n",
			arcs: []string{"1->2"}, nodes: 2, loops: 2,
		},
		{
			name: "undirected, duplicates merged",
			in:   "a b\nb a\nb c\n",
			opt:  LoadOptions{Options: Options{Undirected: true}},
			arcs: []string{"a->b", "b->a", "b->c", "c->b"}, nodes: 3,
		},
		{
			name: "words after numbers that do not start with a digit",
			in:   "1 2\n2 bob\n",
			arcs: []string{"1->2", "2->bob"}, nodes: 3,
		},
		{
			name: "probabilities",
			in:   "a b 1\nb c 0.001\n",
			opt:  LoadOptions{Probabilities: true},
			arcs: []string{"a->b:1", "b->c:0.001"}, nodes: 3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Format = FormatEdgeList
			g, err := Decode(strings.NewReader(tc.in), "g.txt", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("arcs: got=%v, want=%v", got, tc.arcs)
			}
			if g.N() != tc.nodes || g.Stats().SelfLoops != tc.loops {
				t.Errorf("got nodes=%d loops=%d, want nodes=%d loops=%d", g.N(), g.Stats().SelfLoops, tc.nodes, tc.loops)
			}
		})
	}
}

func TestEdgeListBad(t *testing.T) {
	el := LoadOptions{Format: FormatEdgeList}
	prob := LoadOptions{Format: FormatEdgeList, Probabilities: true}
	checkBad(t, "g.txt", []badCase{
		{name: "empty", in: "", opt: el, msg: "no edges"},
		{name: "only comments", in: "# a\n% b\n\n", opt: el, msg: "no edges"},
		{name: "only nodes", in: "1\n2\n", opt: el, msg: "no edges"},
		{name: "mistyped node", in: "1 2\n3x\n", opt: el, line: 2, field: "source", msg: "mistyped number"},
		{name: "mistyped number", in: "3 4\n3\t152oo\n", opt: el, line: 2, field: "target", msg: `"152oo" looks like a mistyped number`},
		{name: "mistyped source", in: "3 4\n1,5 2\n", opt: el, line: 2, field: "source", msg: "mistyped number"},
		{name: "weight not a number", in: "# c\n1 2 0.5\n2 3 abc\n", opt: el, line: 3, field: "weight", msg: `"abc" is not a number`},
		{name: "weight NaN", in: "1 2 NaN\n", opt: el, line: 1, field: "weight", msg: "not a finite number"},
		{name: "weight infinite", in: "1 2 1e39\n", opt: el, line: 1, field: "weight", msg: "not a finite number"},
		{name: "weight zero", in: "1 2 0\n", opt: el, line: 1, field: "weight", msg: "not a positive number"},
		{name: "weight underflows float32", in: "1 2 1e-50\n", opt: el, line: 1, field: "weight", msg: "not a positive number"},
		{name: "probability above one", in: "1 2 0.5\n2 3 1.5\n", opt: prob, line: 2, field: "weight", msg: "not a probability in (0,1]"},
		{name: "weight then none", in: "1 2 0.5\n2 3\n", opt: el, line: 2, field: "weight", msg: "missing"},
		{name: "none then weight", in: "1 2\n2 3 0.5\n", opt: el, line: 2, field: "weight", msg: "earlier lines have none"},
		{name: "bad header", in: "# x\nn m\n1 2\n", opt: LoadOptions{Format: FormatEdgeList, Header: true}, line: 2, field: "header", msg: `"n" is not a count`},
		{name: "header only", in: "3 2\n", opt: LoadOptions{Format: FormatEdgeList, Header: true}, msg: "no edges"},
		{name: "line too long", in: "1 2\n" + strings.Repeat("x", maxLine+1) + " y\n", opt: el, line: 2, msg: "line too long: more than 1048576 bytes"},
	})
}

func TestEdgeListFixtures(t *testing.T) {
	tests := []struct {
		file string
		arcs []string
	}{
		{"testdata/snap.txt", []string{"28->30", "3->28", "30->1412", "30->3352"}},
		{"testdata/out.konect", []string{"1->2", "2->3", "3->1"}},
	}
	for _, tc := range tests {
		g, err := LoadFile(tc.file, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := arcList(g); !slices.Equal(got, tc.arcs) {
			t.Errorf("%s: got=%v, want=%v", tc.file, got, tc.arcs)
		}
	}
}

// decodeLineByLine is the edge-list decoder as it was before the reader and
// the loader became a pipeline: one line at a time, on one goroutine. It is
// the reference that decodeEdgeList must match, results and errors alike.
func decodeLineByLine(r io.Reader, name string, o LoadOptions) (*CSR, error) {
	l := newLoader(name, o)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), maxLine)
	var (
		fields   [][]byte
		line     int
		header   = o.Header
		weighted = -1 // unknown until the first edge line
	)
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, utf8BOM)
		}
		fields = splitFields(text, fields[:0])
		if len(fields) == 0 || fields[0][0] == '#' || fields[0][0] == '%' {
			continue
		}
		if header {
			header = false
			if err := checkHeader(fields); err != nil {
				return nil, &ParseError{File: name, Line: line, Field: "header", Err: err}
			}
			continue
		}
		if len(fields) == 1 {
			if _, ok := canonicalUint(fields[0]); !ok && !utf8.Valid(fields[0]) {
				return nil, &ParseError{File: name, Line: line, Field: "source", Err: notUTF8(fields[0])}
			}
			if !l.named && l.read > 0 && mistypedNumber(fields[0]) {
				return nil, l.errorf(line, "source", "%q looks like a mistyped number: every node before it is a number (if names really mix numbers and words, give the file as CSV with a header)", fields[0])
			}
			nodeID(l, fields[0])
			continue
		}
		has := 0
		if len(fields) >= 3 && !o.IgnoreWeights {
			has = 1
		}
		if weighted < 0 {
			weighted = has
		} else if has != weighted {
			if has == 0 {
				return nil, l.errorf(line, "weight", "missing (earlier lines have one)")
			}
			return nil, l.errorf(line, "weight", "%q where earlier lines have none", fields[2])
		}
		for i, f := range fields[:2] {
			if _, ok := canonicalUint(f); !ok && !utf8.Valid(f) {
				return nil, &ParseError{File: name, Line: line, Field: [...]string{"source", "target"}[i], Err: notUTF8(f)}
			}
		}
		if !l.named && l.read > 0 {
			for i, f := range fields[:2] {
				if mistypedNumber(f) {
					return nil, l.errorf(line, [...]string{"source", "target"}[i],
						"%q looks like a mistyped number: every node before it is a number (if names really mix numbers and words, give the file as CSV with a header)", f)
				}
			}
		}
		u, v := nodeIDs(l, fields[0], fields[1])
		if has == 0 {
			l.addEdge(u, v)
			continue
		}
		w, err := weight(l, fields[2])
		if err != nil {
			return nil, &ParseError{File: name, Line: line, Field: "weight", Err: err}
		}
		l.addWeightedEdge(u, v, w)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = errLineTooLong()
		}
		return nil, &ParseError{File: name, Line: line + 1, Err: err}
	}
	return l.build()
}

// decodeBlocks is decodeEdgeList with blocks of the given number of lines.
func decodeBlocks(r io.Reader, o LoadOptions, lines int) (*CSR, error) {
	p := newEdgeListReader(r, "g.txt", o)
	p.blockLines = lines
	l := newLoader("g.txt", o)
	if err := l.addEdgeLinesFrom(p); err != nil {
		return nil, err
	}
	return l.build()
}

// sameResult fails unless got and want are the same graph or the same
// error: message, file, line, field and cause.
func sameResult(t *testing.T, g *CSR, err error, want *CSR, wantErr error) {
	t.Helper()
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("error: got=%v, want=%v", err, wantErr)
	}
	if err != nil {
		var pe, wpe *ParseError
		if err.Error() != wantErr.Error() || errors.As(err, &pe) != errors.As(wantErr, &wpe) {
			t.Fatalf("error: got=%v, want=%v", err, wantErr)
		}
		if pe != nil && (pe.File != wpe.File || pe.Line != wpe.Line || pe.Field != wpe.Field || errors.Unwrap(pe.Err) != errors.Unwrap(wpe.Err)) {
			t.Fatalf("error: got=%+v, want=%+v", *pe, *wpe)
		}
		return
	}
	sameCSR(t, want, g)
	if g.Stats() != want.Stats() {
		t.Fatalf("stats: got=%+v, want=%+v", g.Stats(), want.Stats())
	}
}

// longEdgeList returns m random edge lines "u v" (with a weight when
// weighted) among n numbered vertices, the line at bad (1-based, if any)
// replaced by badLine.
func longEdgeList(m, n int, weighted bool, bad int, badLine string) string {
	rnd := rand.New(rand.NewPCG(3, 4))
	var sb strings.Builder
	for i := 1; i <= m; i++ {
		switch {
		case i == bad:
			sb.WriteString(badLine)
		case weighted:
			fmt.Fprintf(&sb, "%d %d %g", rnd.IntN(n), rnd.IntN(n), float32(rnd.IntN(8)+1)/8)
		default:
			fmt.Fprintf(&sb, "%d %d", rnd.IntN(n), rnd.IntN(n))
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// TestEdgeListPipeline checks that the pipelined decoder gives what
// reading line by line gives, whatever the block size: the same graph,
// or the same first error, whether the reader or the loader finds it.
func TestEdgeListPipeline(t *testing.T) {
	inputs := []string{
		"", "# only\n% comments\n\n", "1 2\n3\n", "3 4\n3\t152oo\n", "3 4\n1,5 2\n",
		"# c\n1 2 0.5\n2 3 abc\n", "1 2 NaN\n", "1 2 0\n", "1 2 0.5\n2 3 1.5\n", "1 2 0.5\n2 3\n",
		"1 2\n2 3 0.5\n", "# x\nn m\n1 2\n", "3 2\n0 1\n1 2\n", "9 3\n3 bob\n1 9\n", "9 3\nbob 5\n1 9\n",
		"\ufeff王芳 李伟\n李伟\u3000张敏 0.2\n", "\ufeff9 3\n3 bob\n1 9\n18446744073709551615 007\n",
		"a 1\n2 b\n1 1x\n", "7 1\n1 9999999999999999999\n4294967296 7\n5 5\n7 1\n",
		"1 2\n" + strings.Repeat("x", maxLine+1) + " y\n",
		longEdgeList(1000, 300, false, 0, ""),
		longEdgeList(1000, 300, true, 0, ""),
		longEdgeList(1000, 300, false, 2, "5"),
		longEdgeList(1000, 300, false, 500, "5 5oo"),
		longEdgeList(1000, 300, false, 300, "5 bob"),
		longEdgeList(1000, 300, false, 301, "5 6 0.5"),
		longEdgeList(1000, 300, true, 999, "5 6 -1"),
		longEdgeList(1000, 300, true, 17, "5 6"),
		longEdgeList(1000, 300, false, 640, "12345678901234 6"),
	}
	for i, in := range inputs {
		for flags := range uint8(32) {
			o := fuzzOptions(FormatEdgeList, flags)
			want, wantErr := decodeLineByLine(strings.NewReader(in), "g.txt", o)
			for _, lines := range []int{1, 2, 3, 64, edgeLinesPerBlock} {
				t.Run(fmt.Sprintf("input %d flags %d lines %d", i, flags, lines), func(t *testing.T) {
					g, err := decodeBlocks(strings.NewReader(in), o, lines)
					sameResult(t, g, err, want, wantErr)
				})
			}
		}
	}
}

// FuzzEdgeListPipeline checks the pipelined decoder against reading line
// by line on any input, with blocks of 1 to 8 lines.
func FuzzEdgeListPipeline(f *testing.F) {
	f.Add([]byte("# c\n1 2\n2 3 \r\n% k\n\n3 1\n"), uint8(0), uint8(1))
	f.Add([]byte("9 3\n3 bob\n1 9\n18446744073709551615 007\n"), uint8(4), uint8(2))
	f.Add([]byte("a b 0.5\nb c 1\nc a 1e-3\nc d x\n"), uint8(8), uint8(3))
	f.Add([]byte("3 4\n3 5\n3\t152oo\n"), uint8(0), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, flags, lines uint8) {
		o := fuzzOptions(FormatEdgeList, flags)
		want, wantErr := decodeLineByLine(bytes.NewReader(data), "g.txt", o)
		g, err := decodeBlocks(bytes.NewReader(data), o, int(lines%8)+1)
		sameResult(t, g, err, want, wantErr)
	})
}

// faultyReader serves text, then fails with err (or, when err is nil,
// repeats the line "1 2" forever). It records reads made after done is
// set: a decoder must not read once it has returned.
type faultyReader struct {
	text     string
	err      error
	done     atomic.Bool
	lateRead atomic.Bool
}

func (r *faultyReader) Read(p []byte) (int, error) {
	if r.done.Load() {
		r.lateRead.Store(true)
	}
	if len(r.text) > 0 {
		n := copy(p, r.text)
		r.text = r.text[n:]
		return n, nil
	}
	if r.err != nil {
		return 0, r.err
	}
	n := 0
	for n+4 <= len(p) {
		n += copy(p[n:], "1 2\n")
	}
	return n, nil
}

// waitGoroutines fails unless the number of goroutines falls back to n
// within a second: the pipeline's reader goroutine has ended.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	for start := time.Now(); runtime.NumGoroutine() > n; time.Sleep(time.Millisecond) {
		if time.Since(start) > time.Second {
			t.Fatalf("got %d goroutines, want %d: the reader goroutine leaked", runtime.NumGoroutine(), n)
		}
	}
}

// TestEdgeListPipelineStops checks that the decoder returns the first
// error and leaves no goroutine behind and the input untouched after it
// returns, when the input fails part-way and when a bad line comes early
// in an endless input (which only stops being read if the loader, or the
// reader itself, stops the reader goroutine).
func TestEdgeListPipelineStops(t *testing.T) {
	diskErr := errors.New("disk on fire")
	tests := []struct {
		name, text string
		err        error
		line       int
		field, msg string
	}{
		{"reader fails midway", longEdgeList(50000, 1000, false, 0, ""), diskErr, 50001, "", "disk on fire"},
		{"reader fails mid-line", "1 2\n3 4", diskErr, 3, "", "disk on fire"},
		{"early mistyped number, endless input", "1 2\n1 2oo\n", nil, 2, "target", "mistyped number"},
		{"early word after a mistyped one", "1 2\n3 4\n2x 5\n", nil, 3, "source", "mistyped number"},
		{"early bad weight, endless input", "1 2 0.5\n1 2 -1\n", nil, 2, "weight", "not a positive number"},
		{"early missing weight, endless input", "1 2 1\n1 3\n", nil, 2, "weight", "missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			r := &faultyReader{text: tc.text, err: tc.err}
			g, err := Decode(r, "g.txt", LoadOptions{Format: FormatEdgeList})
			r.done.Store(true)
			want, wantErr := decodeLineByLine(&faultyReader{text: tc.text, err: tc.err}, "g.txt", LoadOptions{Format: FormatEdgeList})
			sameResult(t, g, err, want, wantErr)
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tc.line || pe.Field != tc.field || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got=%v, want line %d field %q %q", err, tc.line, tc.field, tc.msg)
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("got=%v, want it to wrap %v", err, tc.err)
			}
			waitGoroutines(t, before)
			time.Sleep(10 * time.Millisecond)
			if r.lateRead.Load() {
				t.Errorf("the input was read after Decode returned")
			}
		})
	}
}

// TestEdgeListNodes: a line of one name declares a node, so that edge
// lists hold isolated nodes.
func TestEdgeListNodes(t *testing.T) {
	tests := []struct {
		name, in string
		nodes    int
		arcs     []string
		isolated int
	}{
		{"numbered, identity kept", "0 1\n3\n2 1\n", 4, []string{"0->1", "2->1"}, 1},
		{"node before its edges", "2\n0 2\n1 2\n", 3, []string{"0->2", "1->2"}, 0},
		{"numbers in numeric order", "5\n1 2\n", 3, []string{"1->2"}, 1},
		{"names", "a b\nc\n# c is alone\nd\n", 4, []string{"a->b"}, 2},
		{"a name among numbers", "1 2\nzhang\n", 3, []string{"1->2"}, 1},
		{"a node line between weighted edges", "a b 0.5\nc\nb c 0.25\n", 3, []string{"a->b:0.5", "b->c:0.25"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Decode(strings.NewReader(tc.in), "g.txt", LoadOptions{Format: FormatEdgeList})
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); g.N() != tc.nodes || !slices.Equal(got, tc.arcs) || g.Stats().Isolated != tc.isolated {
				t.Errorf("got n=%d arcs=%q isolated=%d, want n=%d arcs=%q isolated=%d", g.N(), got, g.Stats().Isolated, tc.nodes, tc.arcs, tc.isolated)
			}
		})
	}
}

// TestEdgeListRoundTripIsolated: a generated graph with isolated nodes
// written as an edge list reads back as the same graph, checksum and all.
func TestEdgeListRoundTripIsolated(t *testing.T) {
	for _, directed := range []bool{false, true} {
		g, err := Gnp(500, 0.002, directed, rand.New(rand.NewPCG(5, 6)))
		if err != nil {
			t.Fatal(err)
		}
		if g.Stats().Isolated == 0 {
			t.Fatal("the fixture has no isolated node")
		}
		var buf bytes.Buffer
		if err := Encode(&buf, g, FormatEdgeList); err != nil {
			t.Fatal(err)
		}
		back, err := Decode(&buf, "g.txt", LoadOptions{Format: FormatEdgeList, Options: Options{Undirected: !directed}})
		if err != nil {
			t.Fatal(err)
		}
		if back.N() != g.N() || back.Checksum() != g.Checksum() {
			t.Errorf("directed=%v: got n=%d, want n=%d and the same checksum", directed, back.N(), g.N())
		}
	}
}
