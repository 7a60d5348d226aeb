package routing

import (
	"testing"

	"github.com/switchboard/switchboard/internal/org"
)

func TestMapUsers(t *testing.T) {
	c := Default()
	c.Group.Users = []org.UserID{1, 2}
	c.Menu = &Menu{Options: []Option{
		{Key: 1, Action: ActionRing, Group: &Group{Users: []org.UserID{2}}},
		{Key: 2, Action: ActionSubmenu, Submenu: &Menu{Options: []Option{{Key: 1, Action: ActionRing, Group: &Group{Users: []org.UserID{1, 3}}}}}},
	}}
	got := c.MapUsers(func(u org.UserID) org.UserID { return u * 10 })
	tests := []struct {
		name      string
		got, want []org.UserID
	}{
		{"direct group", got.Group.Users, []org.UserID{10, 20}},
		{"menu option", got.Menu.Options[0].Group.Users, []org.UserID{20}},
		{"sub-menu option", got.Menu.Options[1].Submenu.Options[0].Group.Users, []org.UserID{10, 30}},
		{"original untouched", c.Menu.Options[1].Submenu.Options[0].Group.Users, []org.UserID{1, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.got) != len(tc.want) {
				t.Fatalf("got %v, want %v", tc.got, tc.want)
			}
			for i := range tc.got {
				if tc.got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", tc.got, tc.want)
				}
			}
		})
	}
}
