package graph

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
)

// endless is an input that never ends: prefix, then fill forever. It
// counts the bytes read so that a test can check how far a loader went.
type endless struct {
	prefix []byte
	fill   byte
	read   int
}

func (e *endless) Read(p []byte) (int, error) {
	n := copy(p, e.prefix)
	e.prefix = e.prefix[n:]
	for i := n; i < len(p); i++ {
		p[i] = e.fill
	}
	e.read += len(p)
	return len(p), nil
}

// TestEndlessInputs feeds each loader an input without end (as /dev/zero
// is): each must stop with ErrTooLong, naming the file and line, after
// reading a few times maxLine, not run out of memory.
func TestEndlessInputs(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		prefix string
		fill   byte
		line   int
	}{
		{"zeros as edge list", FormatEdgeList, "", 0, 1},
		{"zeros as CSV", FormatCSV, "", 0, 1},
		{"zeros as TSV", FormatTSV, "", 0, 1},
		{"zeros as GraphML", FormatGraphML, "<graphml>", 0, 1},
		{"zeros as GEXF", FormatGEXF, "<gexf>", 0, 1},
		{"zeros sniffed", FormatAuto, "", 0, 1},
		{"one endless CSV field", FormatCSV, "source,target\na,b\nc,", 'x', 3},
		{"one endless quoted CSV field with line ends", FormatCSV, "source,target\na,b\nc,\"", '\n', 3},
		{"endless GraphML text", FormatGraphML, "<graphml>\n<graph>\n<node id=\"", 'a', 3},
		{"endless GEXF attribute", FormatGEXF, "<gexf><graph>\n<nodes><node label=\"", 'a', 2},
		{"endless TSV line", FormatTSV, "source\ttarget\n", 'x', 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := &endless{prefix: []byte(tc.prefix), fill: tc.fill}
			_, err := Decode(in, "zero", LoadOptions{Format: tc.format})
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "zero" || pe.Line != tc.line {
				t.Fatalf("got %v, want a ParseError at zero:%d", err, tc.line)
			}
			if tc.fill != 0 && !errors.Is(err, ErrTooLong) {
				t.Errorf("got %v, want ErrTooLong", err)
			}
			if in.read > 4*maxLine {
				t.Errorf("read %d bytes before giving up, want at most %d", in.read, 4*maxLine)
			}
		})
	}
}

// TestGzipBombField: a small gzip that expands to one huge CSV field is
// refused after maxLine bytes of it.
func TestGzipBombField(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	io.WriteString(zw, "source,target\na,")
	chunk := bytes.Repeat([]byte{'x'}, 1<<20)
	for range 3 {
		zw.Write(chunk)
	}
	io.WriteString(zw, "\n")
	zw.Close()
	_, err := Decode(&buf, "bomb.csv.gz", LoadOptions{})
	if !errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), "bomb.csv.gz:2") {
		t.Fatalf("got %v, want ErrTooLong at bomb.csv.gz:2", err)
	}
}

// TestDeepXML: nesting is bounded, since the XML decoder keeps a stack.
func TestDeepXML(t *testing.T) {
	for f, root := range map[Format]string{FormatGraphML: "<graphml>", FormatGEXF: "<gexf>"} {
		doc := root + strings.Repeat("<a>", maxXMLDepth+10)
		_, err := Decode(strings.NewReader(doc), "deep", LoadOptions{Format: f})
		if err == nil || !strings.Contains(err.Error(), "nested more than") {
			t.Errorf("%v: got %v, want a nesting error", f, err)
		}
	}
}

// chunky returns its text in reads of the given sizes, in turn.
type chunky struct {
	text  []byte
	sizes []int
	i     int
}

func (c *chunky) Read(p []byte) (int, error) {
	if len(c.text) == 0 {
		return 0, io.EOF
	}
	k := min(len(p), len(c.text), c.sizes[c.i%len(c.sizes)])
	c.i++
	n := copy(p, c.text[:k])
	c.text = c.text[n:]
	return n, nil
}

// TestRunReaderCSV: with a small bound, the CSV run reader fails exactly
// at the first record longer than the bound, wherever the reads split
// the text (the fast path for quote-free reads and the byte loop agree).
func TestRunReaderCSV(t *testing.T) {
	const bound = 10
	// want returns the 1-based line where the first record over bound
	// starts, or 0, by the definition: a run is the bytes since the last
	// line end outside quotes.
	want := func(text string) int {
		run, line, start, quoted := 0, 0, 0, false
		for _, c := range []byte(text) {
			switch {
			case c == '\n':
				line++
				if !quoted {
					run, start = 0, line
					continue
				}
			case c == '"':
				quoted = !quoted
			}
			if run++; run > bound {
				return start + 1
			}
		}
		return 0
	}
	texts := []string{
		"a,b\n0123456789\nc,d\n",
		"a,b\n01234567890\nc,d\n",
		"a,b\n\"01234\n5678\"\nx\n",
		"a,b\n\"0123\n\"\"45678\"\nx\n",
		"a\nb\nc\nd\n" + strings.Repeat("y", bound) + "\n" + strings.Repeat("z", bound+1),
		strings.Repeat("ab,c\n", 20) + "\"" + strings.Repeat("q\n", 6) + "\"\n",
	}
	for i, text := range texts {
		for _, sizes := range [][]int{{1}, {3, 7}, {4096}, {bound}, {bound + 1, 2}} {
			rr := newRunReader(&chunky{text: []byte(text), sizes: sizes}, "f", true)
			rr.max = bound
			_, err := io.ReadAll(rr)
			got := 0
			var pe *ParseError
			if errors.As(err, &pe) {
				got = pe.Line
			} else if err != nil {
				t.Fatal(err)
			}
			if w := want(text); got != w {
				t.Errorf("text %d, reads of %v: failed at line %d, want %d (0: none)", i, sizes, got, w)
			}
		}
	}
}
