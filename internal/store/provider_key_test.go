package store_test

import (
	"context"
	"testing"

	"github.com/switchboard/switchboard/internal/problem"
)

func TestProviderAPIKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := f.provider(t, "Twilio", true)
	other := f.withOrg(t, "other")
	tests := []struct {
		name     string
		run      func() (string, bool, error)
		wantSID  string
		wantKept bool
		wantKind problem.Kind
	}{
		{"another org cannot set it", func() (string, bool, error) {
			got, kept, err := f.s.SetProviderAPIKey(ctx, other.org.ID, p.ID, "SK1", "sealed-1")
			return got.APIKeySID, kept, err
		}, "", false, problem.NotFound},
		{"the first key is kept", func() (string, bool, error) {
			got, kept, err := f.s.SetProviderAPIKey(ctx, f.org.ID, p.ID, "SK1", "sealed-1")
			return got.APIKeySID, kept, err
		}, "SK1", true, ""},
		{"a later key loses to the stored one", func() (string, bool, error) {
			got, kept, err := f.s.SetProviderAPIKey(ctx, f.org.ID, p.ID, "SK2", "sealed-2")
			return got.APIKeySID, kept, err
		}, "SK1", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sid, kept, err := tt.run()
			if tt.wantKind != "" {
				wantKind(t, err, tt.wantKind)
				return
			}
			if err != nil || sid != tt.wantSID || kept != tt.wantKept {
				t.Fatalf("key = %q kept %v err %v, want %q kept %v", sid, kept, err, tt.wantSID, tt.wantKept)
			}
		})
	}
	got, err := f.s.UserProvider(ctx, f.org.ID, f.admin.ID)
	if err != nil || got.APIKeySID != "SK1" || got.APIKeySecret != "sealed-1" {
		t.Fatalf("stored provider key = %q/%q (%v), want SK1/sealed-1", got.APIKeySID, got.APIKeySecret, err)
	}
}
