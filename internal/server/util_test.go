package server_test

import (
	"bytes"
	"strconv"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func containsToken(body []byte, s string) bool { return bytes.Contains(body, []byte(s)) }
