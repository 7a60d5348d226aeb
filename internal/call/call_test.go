package call

import "testing"

func TestIsAnonymous(t *testing.T) {
	t.Parallel()
	// wire facts §8: the keypad spellings, with and without "+", and words.
	for from, want := range map[string]bool{
		"+266696687": true, "266696687": true, "+7378742833": true, "+86282452253": true, "+2562533": true, "+8656696": true,
		"Anonymous": true, "restricted": true, "UNKNOWN": true, "private": true, "client:Anonymous": true, "": true,
		"+14155550100": false, "+26669668": false, "client:alice": false,
	} {
		if got := IsAnonymous(from); got != want {
			t.Errorf("IsAnonymous(%q) = %v, want %v", from, got, want)
		}
	}
}
