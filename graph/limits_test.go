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
	for range 16 {
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
