package cascades

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeFixtures(t *testing.T) {
	tests := []struct {
		file  string
		f     Format
		sizes []int
		users [][]string
		times [][]float64
		lines []int
	}{
		{"infvae.txt", InfVAE, []int{3, 2, 1}, [][]string{{"0", "5", "7"}, {"3", "4"}, {"9"}}, [][]float64{{0, 10, 20}, {0, 1.5}, {0}}, []int{1, 4, 5}},
		{"weibo.txt", Weibo, []int{3, 2}, [][]string{{"10", "11", "12"}, {"20", "21"}}, [][]float64{{0, 5, 9}, {0, 3}}, []int{1, 2}},
		{"forest.txt", Forest, []int{3, 2}, [][]string{{"a", "b", "c"}, {"x", "y"}}, [][]float64{{0, 500, 2000}, {0, 2}}, []int{1, 2}},
		{"marref.csv", Marref, []int{4, 2}, [][]string{nil, nil}, [][]float64{nil, nil}, []int{1, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cs, err := LoadFile(filepath.Join("testdata", tt.file), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := Sizes(cs); !reflect.DeepEqual(got, tt.sizes) {
				t.Errorf("sizes: got=%v, want=%v", got, tt.sizes)
			}
			for i, c := range cs {
				if !reflect.DeepEqual(c.Users, tt.users[i]) || !reflect.DeepEqual(c.Times, tt.times[i]) || c.Line != tt.lines[i] {
					t.Errorf("cascade %d: got=%v %v line %d, want=%v %v line %d", i, c.Users, c.Times, c.Line, tt.users[i], tt.times[i], tt.lines[i])
				}
			}
		})
	}
}

func TestWeiboSortsByTime(t *testing.T) {
	cs, err := Decode(strings.NewReader("1\t2\t3\t3\t2:0 2/3:9 2/4:4\n"), "w", Weibo)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2", "4", "3"}; !reflect.DeepEqual(cs[0].Users, want) || !reflect.DeepEqual(cs[0].Times, []float64{0, 4, 9}) {
		t.Errorf("got=%v %v, want=%v [0 4 9]", cs[0].Users, cs[0].Times, want)
	}
}

func TestDecodeGzip(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "infvae.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(raw)
	zw.Close()
	cs, err := Decode(&b, "x.gz", InfVAE)
	if err != nil || len(cs) != 3 {
		t.Fatalf("got=%d cascades, err=%v, want=3", len(cs), err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		f        Format
		want     string // substring of the error
		line     int
	}{
		{"odd tokens", "1 2 3.0\n1 2\n", InfVAE, "1 tokens after the seed", 2},
		{"bad time", "1 2 x\n", InfVAE, `time 1: "x" is not a number`, 1},
		{"nan time", "1 2 NaN\n", InfVAE, "is not a number", 1},
		{"out of order", "1 2 5 3 4\n", InfVAE, "time 2: time 4 comes before", 1},
		{"negative", "1 2 -1\n", InfVAE, "negative time", 1},
		{"empty", "# nothing\n\n", InfVAE, "no cascades", 0},
		{"weibo fields", "1\t2\t3\n", Weibo, "3 tab-separated fields, want 5 (id, root user, time, count, participants) (the line reads as the infvae format)", 1},
		{"weibo no colon", "1\t2\t3\t1\tabc\n", Weibo, "has no ':seconds'", 1},
		{"forest pair", "a,1 b\n", Forest, `entry 2: "b" is not user,time`, 1},
		{"forest order", "a,5 b,4\n", Forest, "out of order", 1},
		{"marref fields", "1,2,3\n", Marref, "3 comma-separated fields", 1},
		{"marref int", "2,1,5,1\n3,x,5,1\n", Marref, `parent: "x" is not an integer`, 2},
		{"marref gen", "2,1,5,0\n", Marref, "generation 0", 1},
		{"long token", "1 " + strings.Repeat("u", MaxToken+1) + " 1\n", InfVAE, "too long", 1},
		// A line in another format says so.
		{"weibo read as infvae", "1\t10\t1464739201\t3\t10:0 10/11:5 10/11/12:9\n", InfVAE, `time 2: "10:0" is not a number (the line reads as the weibo format)`, 1},
		{"forest read as infvae", "a,1 b,2 c,3\n", InfVAE, "(the line reads as the forest format)", 1},
		{"infvae read as weibo", "1 2 3.0\n", Weibo, "1 tab-separated fields, want 5 (id, root user, time, count, participants) (the line reads as the infvae format)", 1},
		{"infvae read as forest", "1 2 3.0\n", Forest, "(the line reads as the infvae format)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.in), "in.txt", tt.f)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got=%v, want a *ParseError", err)
			}
			if !strings.Contains(err.Error(), tt.want) || pe.Line != tt.line || !strings.HasPrefix(err.Error(), "cascades: in.txt") {
				t.Errorf("got=%q (line %d), want=%q at line %d", err, pe.Line, tt.want, tt.line)
			}
			if looks := strings.Contains(tt.want, "reads as"); pe.HasLooks != looks || strings.Count(err.Error(), "reads as") > 1 {
				t.Errorf("got=%q, HasLooks %v, want=HasLooks %v", err, pe.HasLooks, looks)
			}
		})
	}
}

func TestLongLine(t *testing.T) {
	in := strings.Repeat("1 2 3 ", MaxLine/6+10)
	_, err := Decode(strings.NewReader(in), "big", InfVAE)
	if !errors.Is(err, ErrTooLong) {
		t.Fatalf("got=%v, want ErrTooLong", err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Format
		ok   bool
	}{{"infvae", InfVAE, true}, {"Weibo", Weibo, true}, {"deephawkes", Weibo, true}, {"forest", Forest, true}, {"marref", Marref, true}, {"csv", 0, false}} {
		f, err := ParseFormat(tt.in)
		if f != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseFormat(%q): got=%v, %v, want=%v ok=%v", tt.in, f, err, tt.want, tt.ok)
		}
		if tt.ok && f.String() != strings.ReplaceAll(strings.ToLower(tt.in), "deephawkes", "weibo") {
			t.Errorf("String: got=%q for %q", f.String(), tt.in)
		}
	}
}

// TestRealFiles reads every shipped cascade file and checks the counts
// given in ../shared/data/README.md.
func TestRealFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "cascades")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real cascades not available (%v): skipping", err)
	}
	if testing.Short() {
		t.Skip("-short: skipping the real cascade files")
	}
	tests := []struct {
		file      string
		f         Format
		cascades  int
		adoptions int
	}{
		{"twitter_marref_trees_young.csv.gz", Marref, 7736, 41741},
		{"weibo_cascades_sample.txt.gz", Weibo, 30, 7147},
		{"forest_memetracker_cascadetest.txt.gz", Forest, 1266, -1},
		// The three Inf-VAE Christianity files add up to the README's 589
		// cascades and 15,327 adoptions.
		{"infvae_christianity_train.txt.gz", InfVAE, 411, 10958},
		{"infvae_christianity_val.txt.gz", InfVAE, 59, 1151},
		{"infvae_christianity_test.txt.gz", InfVAE, 119, 3218},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cs, err := LoadFile(filepath.Join(dir, tt.file), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, c := range cs {
				sum += c.Size
			}
			if (tt.cascades >= 0 && len(cs) != tt.cascades) || (tt.adoptions >= 0 && sum != tt.adoptions) {
				t.Errorf("got=%d cascades %d adoptions, want=%d %d", len(cs), sum, tt.cascades, tt.adoptions)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"infvae.txt", "weibo.txt", "forest.txt", "marref.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		for fm := InfVAE; fm <= Marref; fm++ {
			f.Add(b, int(fm))
		}
	}
	f.Add([]byte("1 2 3 4\n"), int(InfVAE))
	f.Fuzz(func(t *testing.T, in []byte, fm int) {
		form := Format(1 + (fm%4+4)%4)
		cs, err := Decode(bytes.NewReader(in), "fuzz", form)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		for _, c := range cs {
			if c.Size < 1 || (c.Users != nil && len(c.Users) != c.Size) || (c.Times != nil && len(c.Times) != c.Size) {
				t.Fatalf("bad cascade %+v", c)
			}
			for i := 1; i < len(c.Times); i++ {
				if c.Times[i] < c.Times[i-1] {
					t.Fatalf("times out of order %v", c.Times)
				}
			}
		}
	})
}

// TestMarrefHeader: a first row of column names is skipped, not an error.
func TestMarrefHeader(t *testing.T) {
	cs, err := Decode(strings.NewReader("child,parent,tree_id,generation\n2,1,7,1\n3,2,7,2\n"), "m", Marref)
	if err != nil {
		t.Fatal(err)
	}
	if got := Sizes(cs); !reflect.DeepEqual(got, []int{3}) || cs[0].Line != 2 {
		t.Errorf("got=%v line %d, want=[3] line 2", got, cs[0].Line)
	}
}
