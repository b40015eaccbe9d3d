package graph

import "testing"

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"", FormatAuto, true},
		{"auto", FormatAuto, true},
		{"EdgeList", FormatEdgeList, true},
		{"snap", FormatEdgeList, true},
		{"csv", FormatCSV, true},
		{"tsv", FormatTSV, true},
		{" GraphML ", FormatGraphML, true},
		{"gexf", FormatGEXF, true},
		{"rgraph", FormatSnapshot, true},
		{"snapshot", FormatSnapshot, true},
		{"xlsx", FormatAuto, false},
	}
	for _, tc := range tests {
		got, err := ParseFormat(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseFormat(%q): got=%v,%v, want=%v, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		var f Format
		if err := f.Set(tc.in); (err == nil) != tc.ok || (tc.ok && f != tc.want) {
			t.Errorf("Set(%q): got=%v,%v, want=%v", tc.in, f, err, tc.want)
		}
	}
	for f := FormatAuto; f <= FormatSnapshot; f++ {
		if back, err := ParseFormat(f.String()); err != nil || back != f {
			t.Errorf("ParseFormat(%q): got=%v,%v, want=%v", f.String(), back, err, f)
		}
	}
	if got := Format(99).String(); got != "Format(99)" {
		t.Errorf("got=%q, want=%q", got, "Format(99)")
	}
}

func TestFormatFromPath(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{
		{"data/soc-Slashdot0902.txt.gz", FormatEdgeList},
		{"g.edges", FormatEdgeList},
		{"g.el", FormatEdgeList},
		{"konect/out.arenas-email", FormatEdgeList},
		{"konect/out.arenas-email.gz", FormatEdgeList},
		{"out.xlsx", FormatAuto},
		{"out.XLSX.gz", FormatAuto},
		{"out.csv", FormatCSV},
		{"Follows.CSV", FormatCSV},
		{"g.tsv.gz", FormatTSV},
		{"g.tab", FormatTSV},
		{"g.graphml", FormatGraphML},
		{"g.GEXF.gz", FormatGEXF},
		{"g.rgraph", FormatSnapshot},
		{"g.gz", FormatAuto},
		{"README", FormatAuto},
	}
	for _, tc := range tests {
		if got := FormatFromPath(tc.path); got != tc.want {
			t.Errorf("FormatFromPath(%q): got=%v, want=%v", tc.path, got, tc.want)
		}
	}
}
