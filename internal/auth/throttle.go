package auth

import "time"

// FreeAttempts is how many failed sign-ins in a row are not slowed down.
const FreeAttempts = 3

// MaxDelay caps the wait between attempts after repeated failures.
const MaxDelay = 15 * time.Minute

// Delay returns how long after the last failure the next sign-in attempt
// must wait, given failures in a row: none for the first three, then 1 s,
// 2 s, 4 s … up to MaxDelay.
func Delay(failures int) time.Duration {
	if failures < FreeAttempts {
		return 0
	}
	n := failures - FreeAttempts
	if n > 10 {
		return MaxDelay
	}
	return min(time.Second<<n, MaxDelay)
}
