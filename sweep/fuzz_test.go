package sweep

import (
	"bytes"
	"context"
	"testing"
)

// FuzzReadSet: ReadSet never panics and anything it accepts is a
// consistent set (its units are those of its part).
func FuzzReadSet(f *testing.F) {
	s, err := Load(small, 64)
	if err != nil {
		f.Fatal(err)
	}
	set, err := s.Run(context.Background(), Options{Part: Part{2, 5}, Workers: 1})
	if err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if err := set.Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	whole, err := s.Run(context.Background(), Options{Workers: 1})
	if err != nil {
		f.Fatal(err)
	}
	b.Reset()
	if err := whole.Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"header":{"schema":1,"tool":"ripple","points":[{"id":"x","blocks":3,"plans":["a"]}]},"part":{"index":1,"of":1},"units":[]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ReadSet(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		if len(got.Units) != len(got.Header.PartUnits(got.Part)) {
			t.Fatalf("accepted %d units for part %s", len(got.Units), got.Part)
		}
		if got.Part.Of == 1 {
			_, _ = got.Results() // may fail, must not panic
		}
	})
}
