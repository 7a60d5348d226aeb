package phone

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, raw, region string
		want              Number
		wantErr           string
	}{
		{"e164 kept", "+14155550123", "US", Number{E164: "+14155550123", Region: "US", Raw: "+14155550123"}, ""},
		{"national with default country", "(415) 555-0123", "US", Number{E164: "+14155550123", Region: "US", Raw: "(415) 555-0123"}, ""},
		{"french national", "01 42 68 53 00", "FR", Number{E164: "+33142685300", Region: "FR", Raw: "01 42 68 53 00"}, ""},
		{"00 international prefix", "0044 20 7946 0958", "US", Number{E164: "+442079460958", Region: "GB", Raw: "0044 20 7946 0958"}, ""},
		{"letters", "call me", "US", Number{}, "is not a phone number (use digits, optionally starting with +country code)"},
		{"too short", "12", "US", Number{}, "is too short to be a phone number"},
		{"too long", "+1415555012345678", "US", Number{}, "is too long to be a phone number"},
		{"empty", "  ", "US", Number{}, "is empty"},
		{"no region no plus", "4155550123", "", Number{}, "has no country code and the org has no default country"},
		{"unknown country code", "+999 1234567", "US", Number{}, "has an unknown country code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.raw, tt.region)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Parse(%q) error = %v, want %q", tt.raw, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q) error = %v", tt.raw, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.raw, diff)
			}
		})
	}
}

func TestLooksLikeNumber(t *testing.T) {
	t.Parallel()
	for q, want := range map[string]bool{"555": true, "+1 (415) 555": true, "Mar": false, "": false, "()": false, "12a": false} {
		if got := LooksLikeNumber(q); got != want {
			t.Errorf("LooksLikeNumber(%q) = %v, want %v", q, got, want)
		}
	}
}
