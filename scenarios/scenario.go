package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/sim"
	"go.yaml.in/yaml/v3"
)

// Scenario is a whole study in one file: the graph, the model and its
// behaviours, the launch channels every plan shares, the named plans, how
// many trials to run and how to read them, the outputs, and the sweep axes
// whose cartesian product makes the run points. DefaultScenario returns one
// with every default filled; Parse reads a file over it; Validate reports
// every problem at once; Expand turns it into run points.
type Scenario struct {
	// Name and About describe the study; they do not change any result.
	Name  string `yaml:"name,omitempty" json:"-"`
	About string `yaml:"about,omitempty" json:"-"`
	// Graph says which graph the plans run on.
	Graph Graph `yaml:"graph" json:"graph"`
	// Model is the cascade model and its parameters.
	Model Model `yaml:"model" json:"model"`
	// Behaviours combine with any model: zombie followers and freshness.
	Behaviours Behaviours `yaml:"behaviours,omitempty" json:"behaviours"`
	// Channels are launch channels (an ad burst, a hot-list push) that every
	// plan has; a plan may add channels of its own.
	Channels []Channel `yaml:"channels,omitempty" json:"channels,omitempty"`
	// Plans are the seeding plans, compared on common random numbers.
	Plans []Plan `yaml:"plans" json:"plans"`
	// Rivals are competing contents (a backlash, 负能量) that race every
	// plan through the same graph, first arrival wins (model ic, in
	// generations); every plan meets the same rival worlds.
	Rivals []Rival `yaml:"rivals,omitempty" json:"rivals,omitempty"`
	// Threshold θ: a trial cascades when it reaches at least θ·n people.
	Threshold float64 `yaml:"threshold" json:"threshold"`
	// Trials is the number of trials per point (the cap when Precision is
	// set); Precision stops early once the 95% interval of mean reach is
	// within ±Precision of the mean.
	Trials    int     `yaml:"trials" json:"trials"`
	Precision float64 `yaml:"precision,omitempty" json:"precision"`
	// Seed is the master seed; each run point derives its own from it and
	// the point's id.
	Seed uint64 `yaml:"seed" json:"-"`
	// Output says what to write; it does not change any result.
	Output Output `yaml:"output,omitempty" json:"-"`
	// Sweep lists the axes, in the order their product is taken (the first
	// axis varies slowest).
	Sweep []Axis `yaml:"sweep,omitempty" json:"-"`

	file string     // the file name errors carry
	root *yaml.Node // the document, for lines and sweep expansion
}

// Graph is a graph file with its load options, a generator with its
// parameters, or (neither given) the built-in 50,000-person community graph.
type Graph struct {
	// File is a graph file (edge list, CSV/TSV, GraphML, GEXF, .rgraph,
	// .gz), relative to the scenario file.
	File string `yaml:"file,omitempty" json:"file,omitempty"`
	// Load options of File, as the CLI's flags of the same names.
	Undirected    bool   `yaml:"undirected,omitempty" json:"undirected,omitempty"`
	Reverse       bool   `yaml:"reverse,omitempty" json:"reverse,omitempty"`
	Directed      bool   `yaml:"directed,omitempty" json:"directed,omitempty"`
	Header        bool   `yaml:"header,omitempty" json:"header,omitempty"`
	IgnoreWeights bool   `yaml:"ignore_weights,omitempty" json:"ignore_weights,omitempty"`
	Format        string `yaml:"format,omitempty" json:"format,omitempty"`
	SourceCol     string `yaml:"source_col,omitempty" json:"source_col,omitempty"`
	TargetCol     string `yaml:"target_col,omitempty" json:"target_col,omitempty"`
	WeightCol     string `yaml:"weight_col,omitempty" json:"weight_col,omitempty"`
	LabelAttr     string `yaml:"label_attr,omitempty" json:"label_attr,omitempty"`
	// Generator names a graph generator (gnp, gnm, ba, ws, powerlaw,
	// community) with Params over its defaults, drawn from Seed.
	Generator string             `yaml:"generator,omitempty" json:"generator,omitempty"`
	Params    map[string]float64 `yaml:"params,omitempty" json:"params,omitempty"`
	Seed      uint64             `yaml:"seed,omitempty" json:"seed,omitempty"`
}

// Model is a model of sim's registry by name, its strength (nil: the
// model's default) and its parameters as text or numbers.
type Model struct {
	Name     string            `yaml:"name" json:"name"`
	Strength *float64          `yaml:"strength,omitempty" json:"strength,omitempty"`
	Params   map[string]string `yaml:"params,omitempty" json:"params,omitempty"`
}

// Behaviours are sim.BehaviourSpec's fields: zombie followers (a fraction
// like 0.1, or @FILE of labels), decay per generation, half-life in hours.
type Behaviours struct {
	Zombies  string  `yaml:"zombies,omitempty" json:"zombies,omitempty"`
	Decay    float64 `yaml:"decay,omitempty" json:"decay,omitempty"`
	HalfLife float64 `yaml:"half_life,omitempty" json:"half_life,omitempty"`
}

// Channel is a broadcast launch channel: at At it exposes a fraction F of
// all users, each adopting with probability Q, for a price Cost.
type Channel struct {
	Name string  `yaml:"name,omitempty" json:"name,omitempty"`
	F    float64 `yaml:"f" json:"f"`
	Q    float64 `yaml:"q" json:"q"`
	At   float64 `yaml:"at,omitempty" json:"at,omitempty"`
	Cost float64 `yaml:"cost,omitempty" json:"cost,omitempty"`
}

// Plan is a named seeding plan: seed groups (Seeds in the CLI's form, with
// ';' between groups and @T for start times, and/or Groups one by one), its
// own channels, prices and, for what-ifs, its own strength. Spec is the
// one-line form of compare's --plan ("kol=top-degree:1 | cost-per-seed=9"),
// as an alternative to the other fields.
type Plan struct {
	Name            string    `yaml:"name,omitempty" json:"name"`
	Spec            string    `yaml:"spec,omitempty" json:"spec,omitempty"`
	Seeds           string    `yaml:"seeds,omitempty" json:"seeds,omitempty"`
	Groups          []Group   `yaml:"groups,omitempty" json:"groups,omitempty"`
	Channels        []Channel `yaml:"channels,omitempty" json:"channels,omitempty"`
	CostPerSeed     float64   `yaml:"cost_per_seed,omitempty" json:"cost_per_seed,omitempty"`
	CostPerFollower float64   `yaml:"cost_per_follower,omitempty" json:"cost_per_follower,omitempty"`
	Strength        *float64  `yaml:"strength,omitempty" json:"strength,omitempty"`
}

// Rival is a competing content: its name, its seed groups (the CLI's
// form, ';' between groups and @T for start times), the generation it
// starts at (ours starts at 0), its own strength (nil: the model's), and
// the chance that it converts a person who already holds another content
// when it reaches them later (0: adoption is final).
type Rival struct {
	Name     string   `yaml:"name" json:"name"`
	Seeds    string   `yaml:"seeds" json:"seeds"`
	Start    float64  `yaml:"start,omitempty" json:"start,omitempty"`
	Strength *float64 `yaml:"strength,omitempty" json:"strength,omitempty"`
	Convert  float64  `yaml:"convert,omitempty" json:"convert,omitempty"`
}

// Group is one seed group: a selector (see sim.ParseSeeds), its start time
// and a fixed fee on top of its seeds' prices.
type Group struct {
	Seeds string  `yaml:"seeds" json:"seeds"`
	At    float64 `yaml:"at,omitempty" json:"at,omitempty"`
	Cost  float64 `yaml:"cost,omitempty" json:"cost,omitempty"`
}

// Output says which files to write and in which language.
type Output struct {
	Formats []string `yaml:"formats,omitempty"`
	Lang    string   `yaml:"lang,omitempty"`
}

// Axis is one sweep axis: a parameter (a dotted path into the scenario,
// such as model.strength, behaviours.zombies, graph.params.n, model.name,
// graph, or plans.kol.strength with plans addressed by name or index) and
// its values, listed or as an even range From..To in Steps points. Zip
// instead lists axes of equal length that move together.
type Axis struct {
	Param  string      `yaml:"param,omitempty"`
	Values []yaml.Node `yaml:"values,omitempty"`
	From   *float64    `yaml:"from,omitempty"`
	To     *float64    `yaml:"to,omitempty"`
	Steps  int         `yaml:"steps,omitempty"`
	Zip    []Axis      `yaml:"zip,omitempty"`
	line   int
}

// DefaultScenario returns the scenario every file is read over: the
// built-in graph, IC at its default strength, θ = 5%, 2,000 trials, seed 1,
// text output in English, no plans (a file must name at least one).
func DefaultScenario() *Scenario {
	return &Scenario{
		Model:     Model{Name: "ic"},
		Threshold: Default().Theta,
		Trials:    2000,
		Seed:      1,
		Output:    Output{Lang: "en"},
	}
}

// Sentinel errors of FieldError.
var (
	// ErrUnknownField is a key the schema does not have (a typo).
	ErrUnknownField = errors.New("unknown key")
	// ErrOutOfRange is a number outside its allowed range.
	ErrOutOfRange = errors.New("out of range")
	// ErrRequired is a missing value that has no default.
	ErrRequired = errors.New("required")
	// ErrBadValue is a value that does not parse or is not allowed.
	ErrBadValue = errors.New("bad value")
	// ErrTooLarge is a file or sweep beyond the limits.
	ErrTooLarge = errors.New("too large")
)

// FieldError is one problem of a scenario: where (file, line, field), the
// value, and what is wrong (wrapping one of the sentinel errors).
type FieldError struct {
	File  string
	Line  int
	Field string
	Value any
	Err   error
}

// Error returns "file:line: field: value: reason".
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	if e.Value != nil && fmt.Sprint(e.Value) != "" {
		fmt.Fprintf(&b, " = %v", e.Value)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

// Unwrap returns the reason.
func (e *FieldError) Unwrap() error { return e.Err }

// Problems is every problem found in a scenario, in file order.
type Problems []*FieldError

// Error lists the problems, one a line.
func (p Problems) Error() string {
	lines := make([]string, len(p))
	for i, e := range p {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems for errors.Is and errors.As.
func (p Problems) Unwrap() []error {
	out := make([]error, len(p))
	for i, e := range p {
		out[i] = e
	}
	return out
}

// MaxFileSize bounds a scenario file; MaxPoints bounds a sweep's expansion.
const (
	MaxFileSize = 1 << 20
	MaxPoints   = 10000
)

// Parse reads a scenario from r over DefaultScenario, strictly: an unknown
// or misspelt key, or a value of the wrong type, is a *FieldError with its
// line (all of them, as Problems). name is the file name errors carry.
// Parse does not validate values; call Validate.
func Parse(r io.Reader, name string) (*Scenario, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("scenarios: %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, Problems{{File: name, Err: fmt.Errorf("%w: the file is larger than %d bytes", ErrTooLarge, MaxFileSize)}}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	s := DefaultScenario()
	s.file = name
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Problems{syntaxError(name, err)}
	}
	if len(root.Content) == 0 {
		return nil, Problems{{File: name, Err: fmt.Errorf("%w: the file is empty", ErrRequired)}}
	}
	s.root = root.Content[0]
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(s); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, Problems{syntaxError(name, err)}
		}
		var ps Problems
		for _, msg := range te.Errors {
			ps = append(ps, typeError(name, s.root, msg))
		}
		return nil, ps
	}
	s.lineAxes(s.root)
	return s, nil
}

// Load reads the scenario file at path (it only opens the file; see Parse).
func Load(path string) (*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// File returns the file name the scenario was read from.
func (s *Scenario) File() string { return s.file }

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// syntaxError turns a YAML syntax error into a FieldError with its line.
func syntaxError(name string, err error) *FieldError {
	msg := err.Error()
	fe := &FieldError{File: name, Err: fmt.Errorf("%w: %s", ErrBadValue, msg)}
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		fe.Line, _ = strconv.Atoi(m[1])
		fe.Err = fmt.Errorf("%w: %s", ErrBadValue, m[2])
	}
	return fe
}

var unknownRE = regexp.MustCompile(`^field (\S+) not found in type \S+\.(\w+)$`)

// typeError turns one of yaml's decoding messages into a FieldError: an
// unknown key names its path and the keys allowed there.
func typeError(name string, root *yaml.Node, msg string) *FieldError {
	fe := &FieldError{File: name, Err: fmt.Errorf("%w: %s", ErrBadValue, msg)}
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return fe
	}
	fe.Line, _ = strconv.Atoi(m[1])
	fe.Err = fmt.Errorf("%w: %s", ErrBadValue, m[2])
	if u := unknownRE.FindStringSubmatch(m[2]); u != nil {
		fe.Field = keyPath(root, u[1], fe.Line)
		known := knownKeys(u[2])
		hint := ""
		if near := closest(known, u[1]); near != "" {
			hint = fmt.Sprintf("did you mean %s? ", near)
		}
		fe.Err = fmt.Errorf("%w %q (%sallowed here: %s)", ErrUnknownField, u[1], hint, strings.Join(known, ", "))
	}
	return fe
}

// schemaTypes are the schema's structs by Go name, for the keys each allows.
var schemaTypes = map[string]reflect.Type{
	"Scenario": reflect.TypeFor[Scenario](), "Graph": reflect.TypeFor[Graph](), "Model": reflect.TypeFor[Model](),
	"Behaviours": reflect.TypeFor[Behaviours](), "Channel": reflect.TypeFor[Channel](), "Plan": reflect.TypeFor[Plan](),
	"Group": reflect.TypeFor[Group](), "Rival": reflect.TypeFor[Rival](), "Output": reflect.TypeFor[Output](), "Axis": reflect.TypeFor[Axis](),
}

// knownKeys returns the YAML keys of schema type name.
func knownKeys(name string) []string {
	t, ok := schemaTypes[name]
	if !ok {
		return nil
	}
	var keys []string
	for f := range t.Fields() {
		if k, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

// closest returns the key within two edits of k, or "".
func closest(keys []string, k string) string {
	best, bestD := "", 3
	for _, c := range keys {
		if d := sim.EditDistance(strings.ToLower(k), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// keyPath returns the dotted path of the mapping key named key on line,
// or key itself when it is not found.
func keyPath(root *yaml.Node, key string, line int) string {
	var walk func(n *yaml.Node, path []string) []string
	walk = func(n *yaml.Node, path []string) []string {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				p := append(slices.Clone(path), k.Value)
				if k.Value == key && k.Line == line {
					return p
				}
				if r := walk(n.Content[i+1], p); r != nil {
					return r
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if r := walk(c, append(slices.Clone(path), elemName(c, i))); r != nil {
					return r
				}
			}
		}
		return nil
	}
	if p := walk(root, nil); p != nil {
		return strings.Join(p, ".")
	}
	return key
}

// elemName names a sequence element in a path: its name: value when it has
// one, else its index.
func elemName(n *yaml.Node, i int) string {
	if n.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == "name" && n.Content[j+1].Kind == yaml.ScalarNode && n.Content[j+1].Value != "" {
				return n.Content[j+1].Value
			}
		}
	}
	return strconv.Itoa(i)
}

// lineAxes records each sweep axis's line, for errors about it.
func (s *Scenario) lineAxes(root *yaml.Node) {
	n := lookup(root, []string{"sweep"})
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	var set func(axes []Axis, nodes []*yaml.Node)
	set = func(axes []Axis, nodes []*yaml.Node) {
		for i := range min(len(axes), len(nodes)) {
			axes[i].line = nodes[i].Line
			if z := lookup(nodes[i], []string{"zip"}); z != nil {
				set(axes[i].Zip, z.Content)
			}
		}
	}
	set(s.Sweep, n.Content)
}

// lookup follows a dotted path (already split) through the document:
// mapping keys, and sequence elements by name or index. It returns nil when
// the path is not there.
func lookup(n *yaml.Node, path []string) *yaml.Node {
	for _, seg := range path {
		if n == nil {
			return nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next = n.Content[i+1]
				}
			}
			n = next
		case yaml.SequenceNode:
			var next *yaml.Node
			for i, c := range n.Content {
				if strconv.Itoa(i) == seg {
					next = c
					break
				}
			}
			for i, c := range n.Content {
				if next == nil && elemName(c, i) == seg {
					next = c
				}
			}
			n = next
		default:
			return nil
		}
	}
	return n
}

// lineOf returns the line of the value at a dotted path, or of its nearest
// ancestor present in the document, or 0.
func lineOf(root *yaml.Node, field string) int {
	path := strings.Split(field, ".")
	for k := len(path); k >= 0; k-- {
		if n := lookup(root, path[:k]); n != nil {
			return n.Line
		}
	}
	return 0
}
