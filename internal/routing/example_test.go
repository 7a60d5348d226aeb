package routing_test

import (
	"fmt"
	"time"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/routing"
)

func ExampleRenderMenu() {
	options := []routing.Option{{Key: 1, Label: "Sales"}, {Key: 2, Label: "Support"}}
	for _, line := range routing.RenderMenu("Press ${Key press} for ${Menu}.", options) {
		fmt.Println(line)
	}
	// Output:
	// Press 1 for Sales.
	// Press 2 for Support.
}

func ExampleValidate() {
	c := routing.Default()
	c.Group.Users = []org.UserID{7}
	c.Queue.Enabled, c.Queue.MaxCallers = true, 26
	active := func(id org.UserID) bool { return id == 7 }
	fmt.Println(routing.Validate(&c, active))
	// Output:
	// invalid queue.max_callers: must be between 1 and 25
}

func ExampleOpen() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	h := routing.Hours{Weekly: routing.Week{Monday: []routing.TimeRange{{From: "09:00", To: "17:00"}}}}
	monday := time.Date(2026, 3, 30, 7, 30, 0, 0, time.UTC) // 09:30 in Paris (CEST)
	fmt.Println(routing.Open(h, monday, paris))
	// Output:
	// true
}

func ExampleDiff() {
	a := routing.Default()
	b := routing.Default()
	b.Queue.MaxCallers = 20
	b.Hours.Holidays = []routing.Holiday{{Date: "2026-12-25", Name: "Christmas"}}
	for _, c := range routing.Diff(a, b) {
		fmt.Printf("%s: %q -> %q\n", c.Path, c.Old, c.New)
	}
	// Output:
	// queue.max_callers: "10" -> "20"
	// hours.holidays[2026-12-25]: "" -> "2026-12-25: Christmas"
}
