package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  LoadOptions
		arcs []string
	}{
		{
			name: "default names, any case, any order",
			in:   "Weight,To,From\n0.5,b,a\n0.25,c,b\n",
			arcs: []string{"a->b:0.5", "b->c:0.25"},
		},
		{
			name: "src and dst",
			in:   "id,src,dst\n1,a,b\n",
			arcs: []string{"a->b"},
		},
		{
			name: "follower lists flow from the followee",
			in:   "follower,followee,since\nu1,u2,2020\n",
			arcs: []string{"u2->u1"},
		},
		{
			name: "Chinese follower list with an index and a time",
			in:   "序号,关注者,被关注者,关注时间\n1,小王,大V,2024-01-02\n2,小李,大V,2024-01-03\n",
			arcs: []string{"大V->小李", "大V->小王"},
		},
		{
			name: "reposts flow from the original poster",
			in:   "转发者,原博主\n小王,大V\n",
			arcs: []string{"大V->小王"},
		},
		{
			name: "first two columns when only two are left beside the weight",
			in:   "a,权重,b\nx,0.5,y\n",
			arcs: []string{"x->y:0.5"},
		},
		{
			name: "first two columns of two",
			in:   "用户,好友\nx,y\n",
			arcs: []string{"x->y"},
		},
		{
			name: "user names the columns",
			in:   "user,friend,trust,weight\nx,y,0.9,7\n",
			opt:  LoadOptions{Source: "USER", Target: "friend", Weight: "trust"},
			arcs: []string{"x->y:0.9"},
		},
		{
			name: "BOM, CRLF and quotes as Excel writes them",
			in:   "\ufeffsource,target,weight\r\n\"Zhang, Wei\",李伟,0.5\r\n李伟,\"say \"\"hi\"\"\",1\r\n",
			arcs: []string{"Zhang, Wei->李伟:0.5", "李伟->say \"hi\":1"},
		},
		{
			name: "semicolons (Excel with a decimal comma locale)",
			in:   "source;target\na;b\n",
			arcs: []string{"a->b"},
		},
		{
			name: "tabs detected",
			in:   "source\ttarget\na b\tc\n",
			arcs: []string{"a b->c"},
		},
		{
			name: "TSV format forces tabs",
			in:   "source\ttarget\na,b\tc\n",
			opt:  LoadOptions{Format: FormatTSV},
			arcs: []string{"a,b->c"},
		},
		{
			name: "ignore weights",
			in:   "source,target,weight\na,b,x\n",
			opt:  LoadOptions{IgnoreWeights: true},
			arcs: []string{"a->b"},
		},
		{
			name: "reverse of two unnamed columns",
			in:   "用户,关注了\nx,y\n",
			opt:  LoadOptions{Options: Options{Reverse: true}},
			arcs: []string{"y->x"},
		},
		{
			name: "blank lines and trailing spaces in header",
			in:   " source , target \n\na,b\n\n",
			arcs: []string{"a->b"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opt.Format == FormatAuto {
				tc.opt.Format = FormatCSV
			}
			g, err := Decode(strings.NewReader(tc.in), "g.csv", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := arcList(g); !slices.Equal(got, tc.arcs) {
				t.Errorf("got=%q, want=%q", got, tc.arcs)
			}
		})
	}
}

func TestCSVBad(t *testing.T) {
	csv := LoadOptions{Format: FormatCSV}
	checkBad(t, "data.csv", []badCase{
		{name: "empty", in: "", opt: csv, msg: "no edges"},
		{name: "header only", in: "source,target\r\n", opt: csv, msg: "no edges"},
		{name: "weight not a number", in: "source,target,weight\na,b,0.5\nb,c,abc\n", opt: csv, line: 3, field: "weight", msg: `graph: data.csv:3: weight: "abc" is not a number`},
		{name: "weight empty", in: "source,target,weight\na,b,\n", opt: csv, line: 2, field: "weight", msg: `"" is not a number`},
		{name: "probability", in: "source,target,weight\na,b,2\n", opt: LoadOptions{Format: FormatCSV, Probabilities: true}, line: 2, field: "weight", msg: "not a probability"},
		{name: "missing column", in: "source,target,weight\na,b,1\nb,c\n", opt: csv, line: 3, field: "weight", msg: "missing"},
		{name: "missing target", in: "a,b\nx\n", opt: csv, line: 2, field: "b", msg: "missing"},
		{name: "unknown column", in: "from,to\na,b\n", opt: LoadOptions{Format: FormatCSV, Weight: "trust"}, line: 1, field: "header", msg: `weight column "trust" not in header ["from" "to"]`},
		{name: "unknown source", in: "from,to\na,b\n", opt: LoadOptions{Format: FormatCSV, Source: "user"}, line: 1, field: "header", msg: `source column "user"`},
		{name: "only one named", in: "source,b\na,b\n", opt: csv, line: 1, field: "header", msg: "only one"},
		{name: "one column", in: "x\na\n", opt: csv, line: 1, field: "header", msg: "two columns"},
		{name: "three unnamed columns", in: "序号,用户,好友\n1,x,y\n", opt: csv, line: 1, field: "header", msg: "cannot tell which of the columns"},
		{name: "record too long", in: "source,target\na,b\n\"" + strings.Repeat("x\n", maxLine) + "\",c\n", opt: csv, line: 3, msg: "record too long"},
		{name: "name not UTF-8", in: "source,target\na,b\nc,\xff\n", opt: LoadOptions{Format: FormatCSV, Encoding: "utf-8"}, line: 3, field: "target", msg: "not UTF-8 text"},
		{name: "empty name", in: "source,target\n,b\n", opt: csv, line: 2, field: "source", msg: "empty node name"},
		{name: "reverse of a Chinese follower list", in: "关注者,被关注者\n小王,大V\n", opt: LoadOptions{Format: FormatCSV, Options: Options{Reverse: true}},
			line: 1, field: "header", msg: `the column names already give the direction: content flows from 被关注者 to 关注者 (columns "被关注者" → "关注者"), so --reverse`},
		{name: "reverse of source,target", in: "source,target\na,b\n", opt: LoadOptions{Format: FormatCSV, Options: Options{Reverse: true}}, line: 1, field: "header", msg: "drop --reverse"},
		{name: "reverse of columns the user named", in: "u,v\na,b\n", opt: LoadOptions{Format: FormatCSV, Source: "u", Target: "v", Options: Options{Reverse: true}}, line: 1, field: "header", msg: "already give the direction"},
		{name: "bad quote", in: "source,target\na,b\n\"a,b\n", opt: csv, line: 3, field: "csv", msg: "quote"},
	})
}

func TestCSVFixture(t *testing.T) {
	g, err := LoadFile("testdata/excel.csv", LoadOptions{Probabilities: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Zhang, Wei->李伟:0.5", "李伟->王芳:0.25", "王芳->Zhang, Wei:1"}
	if got := arcList(g); !slices.Equal(got, want) {
		t.Errorf("got=%q, want=%q", got, want)
	}
}
