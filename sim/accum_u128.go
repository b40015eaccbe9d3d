package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/bits"
)

// U128 is an unsigned 128-bit integer, for sums of squares that would
// overflow 64 bits. It also holds two's-complement signed sums (AddInt64,
// SignedFloat64). It marshals to JSON as a decimal string.
type U128 struct{ Hi, Lo uint64 }

// Add adds x.
func (a *U128) Add(x uint64) {
	var c uint64
	a.Lo, c = bits.Add64(a.Lo, x, 0)
	a.Hi += c
}

// AddSquare adds x².
func (a *U128) AddSquare(x uint64) {
	hi, lo := bits.Mul64(x, x)
	var c uint64
	a.Lo, c = bits.Add64(a.Lo, lo, 0)
	a.Hi += hi + c
}

// AddInt64 adds x in two's complement: a signed sum of int64 values.
func (a *U128) AddInt64(x int64) {
	var c uint64
	a.Lo, c = bits.Add64(a.Lo, uint64(x), 0)
	a.Hi += uint64(x>>63) + c
}

// AddU128 adds b.
func (a *U128) AddU128(b U128) {
	var c uint64
	a.Lo, c = bits.Add64(a.Lo, b.Lo, 0)
	a.Hi += b.Hi + c
}

// Float64 returns a as an unsigned number, rounded.
func (a U128) Float64() float64 {
	return float64(a.Hi)*0x1p64 + float64(a.Lo)
}

// SignedFloat64 returns a read as a two's-complement signed number.
func (a U128) SignedFloat64() float64 {
	if a.Hi>>63 == 0 {
		return a.Float64()
	}
	var b uint64
	lo, b := bits.Sub64(0, a.Lo, 0)
	hi, _ := bits.Sub64(0, a.Hi, b)
	return -(float64(hi)*0x1p64 + float64(lo))
}

func (a U128) big() *big.Int {
	x := new(big.Int).SetUint64(a.Hi)
	x.Lsh(x, 64)
	return x.Or(x, new(big.Int).SetUint64(a.Lo))
}

// signedBig returns a read as a two's-complement signed number.
func (a U128) signedBig() *big.Int {
	x := a.big()
	if a.Hi>>63 != 0 {
		x.Sub(x, new(big.Int).Lsh(big.NewInt(1), 128))
	}
	return x
}

// String returns a in decimal, as an unsigned number.
func (a U128) String() string { return a.big().String() }

// MarshalJSON writes a as a decimal string.
func (a U128) MarshalJSON() ([]byte, error) {
	return json.Marshal(a.String())
}

// UnmarshalJSON reads a decimal string written by MarshalJSON.
func (a *U128) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("sim: u128: %w", err)
	}
	x, ok := new(big.Int).SetString(s, 10)
	if !ok || x.Sign() < 0 || x.BitLen() > 128 {
		return fmt.Errorf("sim: u128: bad value: %q", s)
	}
	a.Lo = new(big.Int).And(x, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
	a.Hi = new(big.Int).Rsh(x, 64).Uint64()
	return nil
}
