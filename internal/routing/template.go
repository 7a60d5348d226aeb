package routing

import (
	"strconv"
	"strings"
)

// RenderMenu returns what the caller hears for each option of a menu
// (R-IN-4): template with ${Key press} replaced by the option's key and
// ${Menu} by its label, e.g. "Press ${Key press} for ${Menu}." gives
// "Press 1 for Sales.". The variables are matched exactly; a template
// without them is returned as it is.
func RenderMenu(template string, options []Option) []string {
	out := make([]string, 0, len(options))
	for _, o := range options {
		r := strings.NewReplacer(KeyPressVar, strconv.Itoa(o.Key), MenuVar, o.Label)
		out = append(out, r.Replace(template))
	}
	return out
}

// hasMenuVars reports whether a menu template names both variables.
func hasMenuVars(template string) bool {
	return strings.Contains(template, KeyPressVar) && strings.Contains(template, MenuVar)
}
