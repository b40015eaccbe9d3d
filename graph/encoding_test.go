package graph

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbk returns s encoded in GB18030, as Excel on Chinese Windows saves it.
func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncoding(t *testing.T) {
	text := "关注者,被关注者\n小王,大V\n小李,大V\n"
	tests := []struct {
		name     string
		in       string
		enc      string
		format   Format
		want     []string
		info     string
		detected bool
	}{
		{"UTF-8", text, "", FormatCSV, []string{"大V->小李", "大V->小王"}, "UTF-8", false},
		{"GB18030 detected", gbk(t, text), "", FormatCSV, []string{"大V->小李", "大V->小王"}, "GB18030", true},
		{"GBK asked for", gbk(t, text), "gbk", FormatCSV, []string{"大V->小李", "大V->小王"}, "GB18030", false},
		{"GB18030 edge list", gbk(t, "大V 小王\n"), "auto", FormatEdgeList, []string{"大V->小王"}, "GB18030", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var info LoadInfo
			g, err := Decode(strings.NewReader(tc.in), "f", LoadOptions{Format: tc.format, Encoding: tc.enc, Info: &info})
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.want) {
				t.Errorf("got=%q, want=%q", got, tc.want)
			}
			if info.Encoding != tc.info || info.Detected != tc.detected {
				t.Errorf("got info %+v, want encoding %s detected %v", info, tc.info, tc.detected)
			}
		})
	}
}

func TestEncodingBad(t *testing.T) {
	csv := LoadOptions{Format: FormatCSV}
	// A GB18030 name far into a UTF-8 file, past what detection looks at.
	late := "source,target\n" + strings.Repeat("a,b\n", encodingSample/4+10) + gbk(t, "小王") + ",b\n"
	checkBad(t, "f.csv", []badCase{
		{name: "GB18030 read as UTF-8", in: gbk(t, "关注者,被关注者\n小王,大V\n"), opt: LoadOptions{Format: FormatCSV, Encoding: "utf-8"}, line: 1, field: "header", msg: "not UTF-8 text"},
		{name: "GB18030 name late in a UTF-8 file", in: late, opt: csv, line: encodingSample/4 + 12, field: "source", msg: "--encoding gb18030"},
		{name: "neither UTF-8 nor GB18030", in: "source,target\na,\xff\xff\n", opt: csv, line: 2, field: "encoding", msg: "not UTF-8 text, nor GB18030"},
		{name: "a GB18030 lead byte at the very end", in: "a b\nc \xf2", opt: LoadOptions{Format: FormatEdgeList}, line: 2, field: "encoding", msg: "nor GB18030"},
		{name: "edge list name", in: "a b\n" + strings.Repeat("a b\n", encodingSample/4) + "c \xc1\n", opt: LoadOptions{Format: FormatEdgeList}, line: encodingSample/4 + 2, field: "target", msg: "not UTF-8"},
	})
	_, err := Decode(strings.NewReader("a,b\n"), "f", LoadOptions{Encoding: "latin9"})
	if err == nil || !strings.Contains(err.Error(), `unknown encoding "latin9"`) {
		t.Errorf("got %v, want an unknown encoding error", err)
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		t.Errorf("got a ParseError for a bad option: %v", err)
	}
}

func TestDecodeText(t *testing.T) {
	plans := "# 方案\n大V=大V\n素人=小王,小李\n"
	for _, tc := range []struct {
		name, in, encoding string
		enc                string
		detected           bool
	}{
		{"UTF-8", plans, "", "UTF-8", false},
		{"GB18030 detected", gbk(t, plans), "auto", "GB18030", true},
		{"GBK asked for", gbk(t, plans), "gbk", "GB18030", false},
	} {
		r, enc, detected, err := DecodeText(strings.NewReader(tc.in), "plans.txt", tc.encoding)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != plans || enc != tc.enc || detected != tc.detected {
			t.Errorf("%s: got %q, %s, %v; want %q, %s, %v", tc.name, got, enc, detected, plans, tc.enc, tc.detected)
		}
	}
	_, _, _, err := DecodeText(strings.NewReader("a\n\xff\xff\xff\n"), "plans.txt", "")
	if err == nil || !strings.Contains(err.Error(), "plans.txt:2") {
		t.Errorf("neither UTF-8 nor GB18030: err=%v, want one naming plans.txt:2", err)
	}
	if _, _, _, err := DecodeText(strings.NewReader(plans), "plans.txt", "latin1"); err == nil {
		t.Error("unknown encoding: no error")
	}
}
