package routing

import "github.com/switchboard/switchboard/internal/org"

// MapUsers returns a copy of c whose groups ring m(user) instead of each
// user; c is not changed. The IVR test console runs a draft against a copy
// of the org whose users have other ids.
func (c Config) MapUsers(m func(org.UserID) org.UserID) Config {
	out := c
	out.Group = c.Group.mapUsers(m)
	out.Menu = c.Menu.mapUsers(m)
	return out
}

func (g *Group) mapUsers(m func(org.UserID) org.UserID) *Group {
	if g == nil {
		return nil
	}
	out := *g
	out.Users = make([]org.UserID, len(g.Users))
	for i, u := range g.Users {
		out.Users[i] = m(u)
	}
	return &out
}

func (mn *Menu) mapUsers(m func(org.UserID) org.UserID) *Menu {
	if mn == nil {
		return nil
	}
	out := Menu{Options: make([]Option, len(mn.Options))}
	for i, o := range mn.Options {
		o.Group = o.Group.mapUsers(m)
		o.Submenu = o.Submenu.mapUsers(m)
		out.Options[i] = o
	}
	return &out
}
