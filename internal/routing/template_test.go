package routing

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRenderMenu(t *testing.T) {
	t.Parallel()
	sales, support := Option{Key: 1, Label: "Sales"}, Option{Key: 2, Label: "Support"}
	tests := []struct {
		name     string
		template string
		options  []Option
		want     []string
	}{
		{"spec example", "Press ${Key press} for ${Menu}.", []Option{sales}, []string{"Press 1 for Sales."}},
		{"one line per option, in list order", DefaultMenuTemplate, []Option{support, sales},
			[]string{"Press 2 for Support.", "Press 1 for Sales."}},
		{"French", "Merci de sélectionner ${Key press} pour ${Menu}.", []Option{{Key: 9, Label: "l'accueil"}},
			[]string{"Merci de sélectionner 9 pour l'accueil."}},
		{"label first", "For ${Menu}, press ${Key press}.", []Option{sales}, []string{"For Sales, press 1."}},
		{"variables repeated", "${Key press}: ${Menu}. Again, ${Key press}.", []Option{sales}, []string{"1: Sales. Again, 1."}},
		{"a label that looks like a variable is not expanded", "Press ${Key press} for ${Menu}.", []Option{{Key: 3, Label: "${Key press}"}},
			[]string{"Press 3 for ${Key press}."}},
		{"variables are matched exactly", "Press ${key press} for ${MENU}.", []Option{sales}, []string{"Press ${key press} for ${MENU}."}},
		{"no options", DefaultMenuTemplate, nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, RenderMenu(tt.template, tt.options)); diff != "" {
				t.Errorf("RenderMenu mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHasMenuVars(t *testing.T) {
	t.Parallel()
	for tmpl, want := range map[string]bool{
		DefaultMenuTemplate: true, "${Menu} ${Key press}": true, "${Key press}": false, "${Menu}": false, "": false,
		"${Key Press} ${Menu}": false, "$Key press ${Menu}": false,
	} {
		if got := hasMenuVars(tmpl); got != want {
			t.Errorf("hasMenuVars(%q) = %v, want %v", tmpl, got, want)
		}
	}
}
