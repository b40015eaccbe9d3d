package graph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrTooLong: a line, field or XML token is longer than a loader accepts
// (maxLine bytes); the input is probably not a graph file, or a binary
// one read as text.
var ErrTooLong = errors.New("too long")

// runReader bounds the runs of bytes between separators that a reader
// built on top of it (encoding/csv, encoding/xml) would hold in memory at
// once: past max bytes without a separator it fails with a *ParseError
// wrapping ErrTooLong, naming the line. It counts lines as it goes.
//
// For CSV the separator is a line end outside quotes (quotes are tracked by
// parity, which "" escapes keep), so that the bound is on a record, quoted
// line ends included; for XML it is '<' or '>', which bounds every text
// run, tag and attribute value.
type runReader struct {
	r    io.Reader
	file string
	what string // "line" or "XML token", for the error
	max  int
	csv  bool // separators are line ends outside quotes, else '<' and '>'
	run  int  // bytes since the last separator
	line int  // line ends read
	// runLine is the 0-based line where the current run started.
	runLine int
	quoted  bool
	err     error
}

// fastCSV accounts for b without looking at each byte when it can: in CSV
// mode, outside quotes, with no quote in b, b no longer than a run may be
// and at least one line end in b whose run is within bounds. Only the runs
// at the two ends of b can then be long, and the one at its start is
// checked.
func (rr *runReader) fastCSV(b []byte) bool {
	if !rr.csv || rr.quoted || len(b) > rr.max || bytes.IndexByte(b, '"') >= 0 {
		return false
	}
	first := bytes.IndexByte(b, '\n')
	if first < 0 || rr.run+first > rr.max {
		return false
	}
	rr.line += bytes.Count(b, []byte{'\n'})
	rr.run, rr.runLine = len(b)-1-bytes.LastIndexByte(b, '\n'), rr.line
	return true
}

func newRunReader(r io.Reader, file string, csv bool) *runReader {
	rr := &runReader{r: r, file: file, max: maxLine, csv: csv, what: "XML token"}
	if csv {
		rr.what = "record"
	}
	return rr
}

func (rr *runReader) Read(p []byte) (int, error) {
	if rr.err != nil {
		return 0, rr.err
	}
	n, err := rr.r.Read(p)
	if rr.fastCSV(p[:n]) {
		return n, err
	}
	for i, c := range p[:n] {
		sep := false
		switch {
		case c == '\n':
			rr.line++
			sep = rr.csv && !rr.quoted
		case c == '"':
			rr.quoted = rr.csv && !rr.quoted
		case c == '<' || c == '>':
			sep = !rr.csv
		}
		if sep {
			rr.run, rr.runLine = 0, rr.line
			continue
		}
		if rr.run++; rr.run > rr.max {
			rr.err = &ParseError{File: rr.file, Line: rr.runLine + 1, Err: fmt.Errorf(
				"%s %w: more than %d bytes (%d MiB) without a break; is this a graph file? (a binary file, or one without line ends, reads like this)",
				rr.what, ErrTooLong, rr.max, rr.max>>20)}
			return i, rr.err
		}
	}
	return n, err
}
