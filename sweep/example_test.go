package sweep_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/ripple-sim/ripple/sweep"
)

// A sweep split into three shards, each run on its own (on other machines,
// in any order), merges into exactly the unsharded sweep.
func Example() {
	s, err := sweep.Load("testdata/small.yaml", 64)
	if err != nil {
		fmt.Println(err)
		return
	}
	whole, err := s.Run(context.Background(), sweep.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var parts []*sweep.Set
	for i := 1; i <= 3; i++ {
		part, err := s.Run(context.Background(), sweep.Options{Part: sweep.Part{Index: i, Of: 3}})
		if err != nil {
			fmt.Println(err)
			return
		}
		parts = append(parts, part)
	}
	merged, err := sweep.Merge(parts)
	if err != nil {
		fmt.Println(err)
		return
	}
	var a, b bytes.Buffer
	_ = whole.Write(&a)
	_ = merged.Write(&b)
	fmt.Println("units:", len(s.Header.Units()), "identical:", bytes.Equal(a.Bytes(), b.Bytes()))
	rs, _ := merged.Results()
	for _, r := range rs {
		fmt.Printf("%s: %s P(cascade)=%.3f\n", r.Info.Label, r.Info.Plans[0], r.Summaries[0].Cascade.Mean)
	}
	// Output:
	// units: 12 identical: true
	// model.strength=0.1: hub P(cascade)=0.050
	// model.strength=0.2: hub P(cascade)=0.795
	// model.strength=0.3: hub P(cascade)=1.000
}
