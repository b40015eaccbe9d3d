package main

import (
	"context"
	"fmt"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sweep"
	"github.com/spf13/pflag"
)

func mergeCommand() command {
	return command{
		Name:  "merge",
		Usage: "DIR... --out DIR [flags]",
		Short: "combine the shards of a sweep into the files of one sweep",
		Long: `Reads shard.json from each folder written by 'ripple sweep --shard i/n' and
writes the files the unsharded sweep writes, byte for byte (manifest.json
aside: it records the command). Refuses, naming the folders, shards of
another scenario or ripple version, two shards of the same part, and
missing parts.

Examples:
  ripple merge part1 part2 part3 --out study
  ripple merge runs/* --out study --lang zh`,
		Options: func() options { return &mergeOptions{} },
	}
}

type mergeOptions struct {
	out  string
	lang results.Lang
}

func (o *mergeOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "`folder` to write the merged results into (required)")
	fs.Var(&o.lang, "lang", "language of CSV headers and messages: en or zh (中文); default: the scenario file's output.lang")
}

func (o *mergeOptions) Run(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("%v (see 'ripple merge --help')", errNoShard)
	}
	if o.out == "" {
		return usagef("merge: --out DIR is required")
	}
	var sets []*sweep.Set
	for _, dir := range args {
		s, err := sweep.ReadShardDir(dir)
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}
	set, err := sweep.Merge(sets)
	if err != nil {
		return err
	}
	lang := o.lang
	if lang == "" { // the scenario file's, as the sweep's
		if lang, err = results.ParseLang(set.Header.Lang); err != nil {
			lang = results.English
		}
	}
	od, err := results.CreateOutDir(o.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	e.cleanup = append(e.cleanup, od.Close)
	if err := writeSweep(od, set, lang, e); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, sweepTextsFor(lang).Merged, len(sets), len(set.Header.Points), od.Dir())
	return nil
}
