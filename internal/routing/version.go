package routing

import (
	"time"

	"github.com/switchboard/switchboard/internal/org"
)

// Version is a published routing configuration of one number (R-PLAT-4).
// Versions are numbered 1, 2, … per number; the highest is live. Restoring
// an old version publishes its configuration as a new one.
type Version struct {
	ID           int64
	NumberID     int64
	Number       int
	Config       Config
	PublishedBy  org.UserID
	PublishedAt  time.Time
	RestoredFrom int // 0 = published from the draft
}

// Draft is the configuration being edited for a number.
type Draft struct {
	Config    Config
	UpdatedBy org.UserID // 0 = never saved: the default draft
	UpdatedAt time.Time
}
