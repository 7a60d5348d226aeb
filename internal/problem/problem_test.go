package problem

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil is no kind", nil, ""},
		{"plain error is internal", errors.New("boom"), Internal},
		{"wrapped problem keeps its kind", fmt.Errorf("ctx: %w", New(NotFound, "x")), NotFound},
		{"field problem is invalid", Field("email", "is required"), Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.want {
				t.Fatalf("KindOf = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFieldsErr(t *testing.T) {
	t.Parallel()
	if (Fields{}).Err() != nil {
		t.Fatal("no problems must be a nil error")
	}
	f := Fields{}
	f.Add("a", "first rule")
	f.Add("a", "second rule")
	f.Add("b", "rule")
	err := f.Err().(*Error)
	if err.Fields["a"] != "first rule" || err.Kind != Invalid || err.Error() != "2 fields are invalid (a: first rule; b: rule)" {
		t.Fatalf("err = %+v / %q", err, err.Error())
	}
}
