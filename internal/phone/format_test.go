package phone

import "testing"

func TestFormatAndLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, format string
		label            Label
	}{
		{"US number (fixed or mobile: other)", "+14155550100", "+1 415-555-0100", Other},
		{"UK mobile", "+447911123456", "+44 7911 123456", Mobile},
		{"not a number", "client:alice", "client:alice", Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.in); got != tt.format {
				t.Errorf("Format(%q) = %q, want %q", tt.in, got, tt.format)
			}
			if got := LabelFor(tt.in); got != tt.label {
				t.Errorf("LabelFor(%q) = %q, want %q", tt.in, got, tt.label)
			}
		})
	}
}
