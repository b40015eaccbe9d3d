package cascades

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Format is the layout of a cascade file.
type Format int

const (
	// InfVAE is "seed u1 t1 u2 t2 …" per line, times in seconds.
	InfVAE Format = iota + 1
	// Weibo is the DeepHawkes layout: id, root user, publish time, count,
	// and space-separated "path:seconds" participants, tab-separated.
	Weibo
	// Forest is FOREST's "user,time user,time …" per line.
	Forest
	// Marref is Gleeson et al.'s CSV "child,parent,tree_id,generation".
	Marref
)

// formatNames are the names of the formats, as flags spell them.
var formatNames = []struct {
	f    Format
	name string
}{{InfVAE, "infvae"}, {Weibo, "weibo"}, {Forest, "forest"}, {Marref, "marref"}}

// String returns the format's flag name ("infvae", "weibo", "forest",
// "marref"), or "Format(N)" for an unknown value.
func (f Format) String() string {
	for _, n := range formatNames {
		if n.f == f {
			return n.name
		}
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat returns the format named s (case-insensitive; "deephawkes" is
// an alias of weibo).
func ParseFormat(s string) (Format, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "deephawkes" {
		t = "weibo"
	}
	for _, n := range formatNames {
		if n.name == t {
			return n.f, nil
		}
	}
	return 0, fmt.Errorf("cascades: unknown format %q (want infvae, weibo, forest or marref)", s)
}

// Timed reports whether the format records adoption times.
func (f Format) Timed() bool { return f != Marref }

// Named reports whether the format records user ids that may match a graph.
func (f Format) Named() bool { return f != Marref }

// Cascade is one observed cascade.
type Cascade struct {
	// Line is the 1-based line where the cascade starts in its file.
	Line int
	// Size is the number of adopters, the seed (first poster) included.
	Size int
	// Users lists the adopters in adoption order, the seed first; nil when
	// the format has no user ids (marref).
	Users []string
	// Times[i] is when Users[i] adopted, after the seed (Times[0] = 0), in
	// the file's unit (seconds for infvae and weibo); nil when untimed.
	Times []float64
}

// Limits on one line and one token: longer ones are an error, so that a
// file without newlines cannot make the decoder buffer it whole.
const (
	// MaxLine is the longest line accepted, in bytes.
	MaxLine = 16 << 20
	// MaxToken is the longest user id or time accepted, in bytes.
	MaxToken = 4096
)

// Errors wrapped in a *ParseError; test for them with errors.Is.
var (
	// ErrEmpty: the input holds no cascade.
	ErrEmpty = errors.New("no cascades")
	// ErrTooLong: a line or token exceeds MaxLine or MaxToken.
	ErrTooLong = errors.New("too long")
)

// ParseError reports bad input: the file (the name given to Decode), the
// 1-based line (0 when unknown), the field and the cause. Its message reads
//
//	cascades: train.txt:12: time 3: "abc" is not a number
type ParseError struct {
	File  string
	Line  int
	Field string
	Err   error
	// Looks is set when the bad line parses in another one-line format
	// (infvae, weibo or forest): the file is probably in that format.
	Looks Format
	// HasLooks says whether Looks is set (the zero Format is a format).
	HasLooks bool
}

// Error formats the error as "cascades: file:line: field: cause", leaving
// out the parts that are unknown.
func (e *ParseError) Error() string {
	var sb strings.Builder
	sb.WriteString("cascades: ")
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&sb, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		sb.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&sb, "line %d: ", e.Line)
	}
	if e.Field != "" {
		sb.WriteString(e.Field + ": ")
	}
	if e.Err != nil {
		sb.WriteString(e.Err.Error())
	}
	if e.HasLooks {
		fmt.Fprintf(&sb, " (the line reads as the %s format)", e.Looks)
	}
	return sb.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// LoadFile reads the cascades in the file at path; it only opens the file
// and calls Decode with the path as the name in errors.
func LoadFile(path string, f Format) ([]Cascade, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cascades: %w", err)
	}
	defer fh.Close()
	return Decode(fh, path, f)
}

// Decode reads every cascade from r in format f, decompressing gzip when r
// starts with its magic bytes. Blank lines and lines starting with '#' are
// skipped. The name appears in errors only. An input without a cascade is
// an error wrapping ErrEmpty; every bad line is a *ParseError.
func Decode(r io.Reader, name string, f Format) ([]Cascade, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &ParseError{File: name, Err: fmt.Errorf("gzip: %w", err)}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	d := &decoder{name: name, br: br}
	var (
		out []Cascade
		err error
	)
	switch f {
	case InfVAE, Weibo, Forest:
		out, err = d.lines(f)
	case Marref:
		out, err = d.marref()
	default:
		return nil, fmt.Errorf("cascades: bad format %d", int(f))
	}
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &ParseError{File: name, Err: ErrEmpty}
	}
	return out, nil
}

// decoder reads lines with a length cap.
type decoder struct {
	name string
	br   *bufio.Reader
	line int
	buf  []byte
}

// next returns the next line without its end of line (CR stripped), or
// io.EOF. The slice is valid until the next call.
func (d *decoder) next() ([]byte, error) {
	d.buf = d.buf[:0]
	for {
		chunk, err := d.br.ReadSlice('\n')
		if len(d.buf)+len(chunk) > MaxLine {
			d.line++
			return nil, d.errorf("", "line longer than %d bytes: %w", MaxLine, ErrTooLong)
		}
		d.buf = append(d.buf, chunk...)
		switch {
		case err == nil:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(d.buf) == 0 {
				return nil, io.EOF
			}
		default:
			return nil, &ParseError{File: d.name, Line: d.line + 1, Err: err}
		}
		d.line++
		return bytes.TrimRight(d.buf, "\r\n"), nil
	}
}

func (d *decoder) errorf(field, format string, args ...any) error {
	return &ParseError{File: d.name, Line: d.line, Field: field, Err: fmt.Errorf(format, args...)}
}

// skip reports whether a line is blank or a comment.
func skip(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) == 0 || t[0] == '#'
}

// token checks a token's length and returns it as a string.
func (d *decoder) token(field string, b []byte) (string, error) {
	if len(b) > MaxToken {
		return "", d.errorf(field, "token longer than %d bytes: %w", MaxToken, ErrTooLong)
	}
	return string(b), nil
}

// time parses a finite, non-negative time.
func (d *decoder) time(field string, b []byte) (float64, error) {
	if len(b) > MaxToken {
		return 0, d.errorf(field, "token longer than %d bytes: %w", MaxToken, ErrTooLong)
	}
	t, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(t) || math.IsInf(t, 0) {
		return 0, d.errorf(field, "%q is not a number", b)
	}
	return t, nil
}

// each calls fn on every line that is neither blank nor a comment, until
// the input ends (nil) or a read or fn fails (that error).
func (d *decoder) each(fn func(line []byte) error) error {
	for {
		line, err := d.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if skip(line) {
			continue
		}
		if err := fn(line); err != nil {
			return err
		}
	}
}

// lineFormats are the one-cascade-per-line formats with their line parsers,
// in the order looksLike tries them.
var lineFormats = []struct {
	f     Format
	parse func(*decoder, []byte) (Cascade, error)
}{{InfVAE, (*decoder).infvae}, {Weibo, (*decoder).weibo}, {Forest, (*decoder).forest}}

// lines reads the one-cascade-per-line format f.
func (d *decoder) lines(f Format) ([]Cascade, error) {
	var parse func(*decoder, []byte) (Cascade, error)
	for _, lf := range lineFormats {
		if lf.f == f {
			parse = lf.parse
		}
	}
	var out []Cascade
	err := d.each(func(line []byte) error {
		c, err := parse(d, line)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				pe.Looks, pe.HasLooks = looksLike(line, f)
			}
			return err
		}
		c.Line = d.line
		c.Size = len(c.Users)
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// looksLike returns the first one-line format other than f in which line
// parses, and whether there is one.
func looksLike(line []byte, f Format) (Format, bool) {
	scratch := &decoder{}
	for _, lf := range lineFormats {
		if lf.f == f {
			continue
		}
		if _, err := lf.parse(scratch, line); err == nil {
			return lf.f, true
		}
	}
	return 0, false
}

// ordered checks that times never decrease and are ≥ 0.
func (d *decoder) ordered(field string, i int, t, prev float64) error {
	if t < 0 {
		return d.errorf(fmt.Sprintf("%s %d", field, i), "negative time %v", t)
	}
	if t < prev {
		return d.errorf(fmt.Sprintf("%s %d", field, i), "time %v comes before the previous one (%v): times out of order", t, prev)
	}
	return nil
}

// infvae parses "seed u1 t1 u2 t2 …".
func (d *decoder) infvae(line []byte) (Cascade, error) {
	toks := bytes.Fields(line)
	if (len(toks)-1)%2 != 0 {
		return Cascade{}, d.errorf("", "%d tokens after the seed: want user/time pairs (an even number)", len(toks)-1)
	}
	c := Cascade{Users: make([]string, 0, 1+len(toks)/2), Times: make([]float64, 0, 1+len(toks)/2)}
	seed, err := d.token("seed", toks[0])
	if err != nil {
		return c, err
	}
	c.Users = append(c.Users, seed)
	c.Times = append(c.Times, 0)
	prev := 0.0
	for i := 1; i < len(toks); i += 2 {
		k := (i + 1) / 2
		u, err := d.token(fmt.Sprintf("user %d", k), toks[i])
		if err != nil {
			return c, err
		}
		t, err := d.time(fmt.Sprintf("time %d", k), toks[i+1])
		if err != nil {
			return c, err
		}
		if err := d.ordered("time", k, t, prev); err != nil {
			return c, err
		}
		prev = t
		c.Users = append(c.Users, u)
		c.Times = append(c.Times, t)
	}
	return c, nil
}

// weibo parses one DeepHawkes line.
func (d *decoder) weibo(line []byte) (Cascade, error) {
	fields := bytes.Split(line, []byte{'\t'})
	if len(fields) != 5 {
		return Cascade{}, d.errorf("", "%d tab-separated fields, want 5 (id, root user, time, count, participants)", len(fields))
	}
	parts := bytes.Fields(fields[4])
	if len(parts) == 0 {
		return Cascade{}, d.errorf("participants", "no participant")
	}
	c := Cascade{Users: make([]string, 0, len(parts)), Times: make([]float64, 0, len(parts))}
	for i, p := range parts {
		field := fmt.Sprintf("participant %d", i+1)
		colon := bytes.LastIndexByte(p, ':')
		if colon < 0 {
			return c, d.errorf(field, "%q has no ':seconds'", p)
		}
		path := p[:colon]
		user := path[bytes.LastIndexByte(path, '/')+1:]
		if len(user) == 0 {
			return c, d.errorf(field, "%q has no user", p)
		}
		u, err := d.token(field, user)
		if err != nil {
			return c, err
		}
		t, err := d.time(field, p[colon+1:])
		if err != nil {
			return c, err
		}
		if t < 0 {
			return c, d.errorf(field, "negative time %v", t)
		}
		c.Users = append(c.Users, u)
		c.Times = append(c.Times, t)
	}
	// DeepHawkes does not list every participant in time order (the
	// shipped sample has later reposts before earlier ones): order them.
	sortByTime(&c)
	return c, nil
}

// sortByTime orders a cascade's adopters by time, stably.
func sortByTime(c *Cascade) {
	idx := make([]int, len(c.Users))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(c.Times[a], c.Times[b]) })
	users, times := make([]string, len(idx)), make([]float64, len(idx))
	for i, j := range idx {
		users[i], times[i] = c.Users[j], c.Times[j]
	}
	c.Users, c.Times = users, times
}

// forest parses "user,time user,time …", times made relative to the first.
func (d *decoder) forest(line []byte) (Cascade, error) {
	parts := bytes.Fields(line)
	c := Cascade{Users: make([]string, 0, len(parts)), Times: make([]float64, 0, len(parts))}
	var t0, prev float64
	for i, p := range parts {
		field := fmt.Sprintf("entry %d", i+1)
		comma := bytes.IndexByte(p, ',')
		if comma <= 0 {
			return c, d.errorf(field, "%q is not user,time", p)
		}
		u, err := d.token(field, p[:comma])
		if err != nil {
			return c, err
		}
		t, err := d.time(field, p[comma+1:])
		if err != nil {
			return c, err
		}
		if i == 0 {
			t0 = t
		}
		t -= t0
		if t < prev {
			return c, d.errorf(field, "time comes before the previous entry's: times out of order")
		}
		prev = t
		c.Users = append(c.Users, u)
		c.Times = append(c.Times, t)
	}
	return c, nil
}

// marref reads retweet trees: each row is a retweet; a tree's size is its
// rows plus the seed, which has no row.
func (d *decoder) marref() ([]Cascade, error) {
	index := map[int64]int{}
	var out []Cascade
	err := d.each(func(line []byte) error {
		cols := bytes.Split(line, []byte{','})
		if len(cols) != 4 {
			return d.errorf("", "%d comma-separated fields, want 4 (child, parent, tree_id, generation)", len(cols))
		}
		var v [4]int64
		for i, name := range []string{"child", "parent", "tree_id", "generation"} {
			b := bytes.TrimSpace(cols[i])
			if len(b) > MaxToken {
				return d.errorf(name, "token longer than %d bytes: %w", MaxToken, ErrTooLong)
			}
			x, err := strconv.ParseInt(string(b), 10, 64)
			if err != nil {
				if i == 0 && len(out) == 0 && d.line == 1 {
					return nil // a header row
				}
				return d.errorf(name, "%q is not an integer", b)
			}
			v[i] = x
			if i == 3 && x < 1 {
				return d.errorf(name, "generation %d, want ≥ 1", x)
			}
		}
		k, ok := index[v[2]]
		if !ok {
			k = len(out)
			index[v[2]] = k
			out = append(out, Cascade{Line: d.line, Size: 1})
		}
		out[k].Size++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Sizes returns the sizes of cs in order.
func Sizes(cs []Cascade) []int {
	s := make([]int, len(cs))
	for i, c := range cs {
		s[i] = c.Size
	}
	return s
}
