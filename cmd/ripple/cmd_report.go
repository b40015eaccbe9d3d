package main

import (
	"context"
	"fmt"

	"github.com/ripple-sim/ripple/results"
	"github.com/spf13/pflag"
)

func reportCommand() command {
	return command{
		Name:  "report",
		Usage: "DIR [flags]",
		Short: "one self-contained HTML page from a results folder, for a proposal",
		Long: `Reads a folder written by run, compare, tipping, sweep or merge (--out DIR),
checks every file against its manifest.json, and writes DIR/report.html: the
verdict per plan in plain words, the numbers as tables, the folder's own SVG
figures inline, the method and its assumptions, and the seed, version and
graph checksum that reproduce it. It prints to PDF from a browser with page
breaks between sections. A folder from an interrupted run, from an older
ripple, or mixing the files of two runs is refused, naming the file.

Examples:
  ripple report out/kol
  ripple report out/对比 --lang zh --out 提案/报告.html`,
		Options: func() options { return &reportOptions{} },
	}
}

type reportOptions struct {
	out  string
	lang results.Lang
}

func (o *reportOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "`file` to write the page to (default DIR/report.html)")
	fs.Var(&o.lang, "lang", "language of the page: en or zh (中文); default: the folder's")
}

func (o *reportOptions) Run(_ context.Context, args []string, e *env) error {
	if len(args) != 1 {
		return usagef("report takes one results folder, got %d arguments (see 'ripple report --help')", len(args))
	}
	path, err := results.WriteReport(args[0], o.out, o.lang)
	if err != nil {
		return err
	}
	msg := "report written to %s\n"
	if o.lang == results.Chinese {
		msg = "报告已写入 %s\n"
	}
	fmt.Fprintf(e.stdout, msg, path)
	return nil
}
