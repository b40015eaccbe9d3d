package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// command is one subcommand: its flags live in an options value that it
// creates, registers and then runs with.
type command struct {
	Name    string
	Usage   string // arguments after the name, e.g. "[flags]"
	Short   string // one line for the command list
	Long    string // paragraphs and examples for --help
	Options func() options
}

// options is a subcommand's parsed flags and its body.
type options interface {
	AddFlags(fs *pflag.FlagSet)
	Run(ctx context.Context, args []string, env *env) error
}

// env is what a command may touch besides its flags: the output streams and
// whether progress may be drawn.
type env struct {
	stdout, stderr io.Writer
	// interactive is true when stderr is a terminal (progress is drawn).
	interactive bool
	// args is the command line after "ripple", recorded in manifests.
	args []string
	// cleanup runs when the command returns (it releases the --out lock
	// and discards an uncommitted staging folder).
	cleanup []func()
	// held is a result printed when the command returns (see emit).
	held bytes.Buffer
}

// usageError is a mistake in how ripple was called; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func commands() []command {
	return []command{
		runCommand(),
		compareCommand(),
		planCommand(),
		tippingCommand(),
		calibrateCommand(),
		containCommand(),
		sweepCommand(),
		mergeCommand(),
		reportCommand(),
		graphCommand(),
		versionCommand(),
	}
}

// run parses args and runs the chosen command; main is a thin wrapper so that
// tests can call run with buffers.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, &env{stdout: stdout, stderr: stderr, interactive: isTerminal(stderr)})
}

func runEnv(ctx context.Context, args []string, e *env) error {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-v") {
		args = []string{"version"}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 2 {
			return usagef("help takes one command name, got %q", args[1:])
		}
		if len(args) == 2 {
			return runEnv(ctx, []string{args[1], "--help"}, e)
		}
		printCommands(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.Name != args[0] {
			continue
		}
		opts := c.Options()
		fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
		fs.SortFlags = false
		fs.SetOutput(io.Discard)
		opts.AddFlags(fs)
		fs.Usage = func() {} // help is printed once, below
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, pflag.ErrHelp) {
				printHelp(e.stdout, c, fs)
				return nil
			}
			return usagef("%s: %v (see 'ripple %s --help')", c.Name, err, c.Name)
		}
		e.args = args
		defer func() {
			for _, f := range e.cleanup {
				f()
			}
		}()
		return e.flushHeld(profiled(fs, func() error { return opts.Run(ctx, fs.Args(), e) }))
	}
	return usagef("unknown command %q (commands: %s)", args[0], strings.Join(commandNames(), ", "))
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.Name)
	}
	return names
}

func printCommands(w io.Writer) {
	fmt.Fprint(w, `ripple simulates how content spreads through relationship chains (关系链):
where to launch it, with what spread strength, and whether it crosses the
tipping point (引爆点) and spreads on its own.

Usage:
  ripple <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.Name, c.Short)
	}
	fmt.Fprint(w, `
Run 'ripple <command> --help' for a command's flags and examples.
Start here:  ripple compare          (built-in demo: one KOL vs fifty KOCs)
`)
}

func printHelp(w io.Writer, c command, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage: ripple %s %s\n\n%s\n", c.Name, c.Usage, c.Short)
	if c.Long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.Long))
	}
	if fs.HasFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsagesWrapped(100))
	}
}

// noArgs rejects stray positional arguments.
func noArgs(name string, args []string) error {
	if len(args) > 0 {
		return usagef("%s: unexpected argument %q (flags start with --)", name, args[0])
	}
	return nil
}

func versionCommand() command {
	return command{
		Name:    "version",
		Usage:   "",
		Short:   "print ripple's version",
		Options: func() options { return &versionOptions{} },
	}
}

type versionOptions struct{}

func (*versionOptions) AddFlags(*pflag.FlagSet) {}

func (*versionOptions) Run(_ context.Context, args []string, e *env) error {
	if err := noArgs("version", args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ripple %s\n", buildVersion())
	return nil
}
