package results

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
)

func TestWriteCSVBOM(t *testing.T) {
	var buf bytes.Buffer
	header := []string{"方案", "平均触达"}
	rows := [][]string{{"50 位素人（KOC）", "4340"}, {"a,b", "1"}}
	if err := WriteCSV(&buf, header, rows); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("got prefix=% x, want EF BB BF", b[:min(3, len(b))])
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Errorf("got no CRLF line ends, want CRLF for Excel")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := append([][]string{header}, rows...)
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d: got=%q, want=%q", i, recs[i], want[i])
		}
	}
}

// TestFigureCSVs checks that each figure's data writer emits a BOM, a header
// in the chosen language and one row per bin, time point, sweep value or plan.
func TestFigureCSVs(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name       string
		write      func(*bytes.Buffer, Lang) error
		lang       Lang
		wantHeader string
		wantRows   int
	}{
		{
			name: "reach",
			write: func(b *bytes.Buffer, l Lang) error {
				return Reach{Trials: TrialReach{1, 2, 3, 900, 1000}, Nodes: 1000, Theta: 0.5}.WriteCSV(b, l)
			},
			lang: English, wantHeader: "reach_from,reach_to,trials,fraction", wantRows: -1,
		},
		{
			name: "spread zh",
			write: func(b *bytes.Buffer, l Lang) error {
				x := []float64{0, 1, 2}
				return Spread{Time: x, Mean: x, P5: x, P25: x, P50: x, P75: x, P95: x}.WriteCSV(b, l)
			},
			lang: Chinese, wantHeader: "时间,均值,5%分位数,25%分位数,中位数,75%分位数,95%分位数", wantRows: 3,
		},
		{
			name: "tipping",
			write: func(b *bytes.Buffer, l Lang) error {
				x := []float64{0.1, 0.2}
				return Tipping{X: x, P: x, PLo: x, PHi: x, Reach: x, ReachLo: x, ReachHi: x}.WriteCSV(b, l)
			},
			lang: English, wantHeader: "strength,p_cascade,p_cascade_lo,p_cascade_hi,reach_mean,reach_ci95_lo,reach_ci95_hi", wantRows: 2,
		},
		{
			name: "plans",
			write: func(b *bytes.Buffer, l Lang) error {
				return Plans{Plans: []Plan{{Name: "kol", Reach: 10, ReachLo: 8, ReachHi: 12, Cost: 100}, {Name: "koc", Reach: 5, ReachLo: 4, ReachHi: 6, Cost: nan}}}.WriteCSV(b, l)
			},
			lang: English, wantHeader: "plan,reach_mean,reach_ci95_lo,reach_ci95_hi,cost,cost_per_reached,cost_per_reached_lo,cost_per_reached_hi", wantRows: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf, tt.lang); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			if !bytes.HasPrefix(b, []byte(utf8BOM)) {
				t.Fatalf("got no BOM, want one")
			}
			recs, err := csv.NewReader(bytes.NewReader(b[len(utf8BOM):])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(recs[0], ","); got != tt.wantHeader {
				t.Errorf("header: got=%q, want=%q", got, tt.wantHeader)
			}
			if tt.wantRows >= 0 && len(recs)-1 != tt.wantRows {
				t.Errorf("rows: got=%d, want=%d", len(recs)-1, tt.wantRows)
			}
		})
	}
}

func TestPlanCSVCostPerReached(t *testing.T) {
	var buf bytes.Buffer
	d := Plans{Plans: []Plan{{Name: "kol", Reach: 10, ReachLo: 8, ReachHi: 12.5, Cost: 100}, {Name: "koc", Reach: 5, ReachLo: 4, ReachHi: 6}}}
	if err := d.WriteCSV(&buf, English); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"kol", "10", "8", "12.5", "100", "10", "8", "12.5"},
		{"koc", "5", "4", "6", "", "", "", ""},
	}
	for i, w := range want {
		if got := strings.Join(recs[i+1], ","); got != strings.Join(w, ",") {
			t.Errorf("row %d: got=%q, want=%q", i, got, strings.Join(w, ","))
		}
	}
}

// TestPlanCSVPCascade checks that P(cascade) columns appear only when some
// plan carries it, after the reach columns, empty for plans without it.
func TestPlanCSVPCascade(t *testing.T) {
	var buf bytes.Buffer
	d := Plans{Plans: []Plan{
		{Name: "kol", Reach: 10, ReachLo: 8, ReachHi: 12.5, PCascade: 0.25, PCascadeLo: 0.2, PCascadeHi: 0.3, HasPCascade: true},
		{Name: "koc", Reach: 5, ReachLo: 4, ReachHi: 6},
	}}
	if err := d.WriteCSV(&buf, English); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"plan,reach_mean,reach_ci95_lo,reach_ci95_hi,p_cascade,p_cascade_lo,p_cascade_hi,cost,cost_per_reached,cost_per_reached_lo,cost_per_reached_hi",
		"kol,10,8,12.5,0.25,0.2,0.3,,,,",
		"koc,5,4,6,,,,,,,",
	}
	for i, w := range want {
		if got := strings.Join(recs[i], ","); got != w {
			t.Errorf("row %d: got=%q, want=%q", i, got, w)
		}
	}
	d.Plans[1].HasPCascade, d.Plans[1].PCascade = true, 0.5 // outside its interval [0, 0]
	if err := d.WriteCSV(io.Discard, English); err == nil {
		t.Errorf("P(cascade) 0.5 with interval 0–0: got no error, want one")
	}
}

// TestSafeCell: cells a spreadsheet would run as formulas become text; numbers
// (negative ones included) stay numbers.
func TestSafeCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1,1)", "'@SUM(1,1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-Inf", "'-Inf"},
		{"-0x1p3", "'-0x1p3"},
		{"-0.5", "-0.5"},
		{"-1e-05", "-1e-05"},
		{"+3", "+3"},
		{"大V", "大V"},
		{"a=b", "a=b"},
		{"", ""},
	} {
		if got := SafeCell(tc.in); got != tc.want {
			t.Errorf("SafeCell(%q): got=%q, want=%q", tc.in, got, tc.want)
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []string{"=h"}, [][]string{{"=1+1", "-3"}}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "\uFEFF'=h\r\n'=1+1,-3\r\n" {
		t.Errorf("WriteCSV: got=%q", got)
	}
}

func ExampleSafeCell() {
	for _, cell := range []string{"大V", "=HYPERLINK(\"http://x\")", "-0.25", "-1+1"} {
		fmt.Println(SafeCell(cell))
	}
	// Output:
	// 大V
	// '=HYPERLINK("http://x")
	// -0.25
	// '-1+1
}
