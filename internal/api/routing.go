package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/provider"
	"github.com/switchboard/switchboard/internal/routing"
)

// The routing configuration is a versioned JSON document whose shape is
// the contract between the editor, the API and the store, so
// routing.Config is used on the wire as it is (decision 0012).

// RoutingBody is a number's routing: the draft being edited, what would stop
// it from being published, and the live version.
type RoutingBody struct {
	Draft           routing.Config    `json:"draft"`
	DraftSavedAt    *string           `json:"draft_saved_at"`
	PublishProblems map[string]string `json:"publish_problems"`
	Live            *VersionBody      `json:"live"`
}

// VersionBody is a published version; Config and Changes (against the
// version before it) are present when one version is fetched.
type VersionBody struct {
	Version      int              `json:"version"`
	PublishedBy  int64            `json:"published_by"`
	PublishedAt  string           `json:"published_at"`
	RestoredFrom *int             `json:"restored_from"`
	Config       *routing.Config  `json:"config,omitempty"`
	Changes      []routing.Change `json:"changes,omitempty"`
}

// VersionList lists a number's versions, newest first.
type VersionList struct {
	Items []VersionBody `json:"items"`
}

func versionBody(v routing.Version, withConfig bool) VersionBody {
	b := VersionBody{Version: v.Number, PublishedBy: int64(v.PublishedBy), PublishedAt: stamp(v.PublishedAt)}
	if v.RestoredFrom != 0 {
		from := v.RestoredFrom
		b.RestoredFrom = &from
	}
	if withConfig {
		c := v.Config
		b.Config = &c
	}
	return b
}

// GetRouting returns a number's draft, its publish problems and the live
// version.
func (a *API) GetRouting(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return a.writeRouting(w, r, provider.NumberID(id), http.StatusOK)
}

func (a *API) writeRouting(w http.ResponseWriter, r *http.Request, number provider.NumberID, status int) error {
	me := userOf(r)
	d, err := a.Store.RoutingDraft(r.Context(), me.OrgID, number)
	if err != nil {
		return err
	}
	body := RoutingBody{Draft: d.Config, PublishProblems: map[string]string{}}
	if d.UpdatedBy != 0 {
		s := stamp(d.UpdatedAt)
		body.DraftSavedAt = &s
	}
	check := d.Config
	if err := a.validateForPublish(r, &check); err != nil {
		var p *problem.Error
		if !errors.As(err, &p) || p.Kind != problem.Invalid {
			return err
		}
		body.PublishProblems = p.Fields
	}
	live, err := a.Store.RoutingVersion(r.Context(), me.OrgID, number, 0)
	if err == nil {
		v := versionBody(live, false)
		body.Live = &v
	} else if !problem.Is(err, problem.NotFound) {
		return err
	}
	return writeJSON(w, status, body)
}

// validateForPublish checks c with every rule, against the org's active
// users and uploaded audio files.
func (a *API) validateForPublish(r *http.Request, c *routing.Config) error {
	users, err := a.Store.Users(r.Context(), userOf(r).OrgID)
	if err != nil {
		return err
	}
	active := map[org.UserID]bool{}
	for _, u := range users {
		active[u.ID] = u.Active
	}
	return a.checkAudioFiles(r, c, routing.Validate(c, func(id org.UserID) bool { return active[id] }))
}

// SaveRoutingDraft saves the editor's work in progress: its shape and
// limits are checked, completeness only at publish.
func (a *API) SaveRoutingDraft(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var c routing.Config
	if err := decode(w, r, &c); err != nil {
		return err
	}
	if err := routing.ValidateDraft(&c); err != nil {
		return err
	}
	me := userOf(r)
	if err := a.Store.SaveRoutingDraft(r.Context(), me.OrgID, provider.NumberID(id), c, me.ID); err != nil {
		return err
	}
	return a.writeRouting(w, r, provider.NumberID(id), http.StatusOK)
}

// PublishRouting makes the draft live as a new version (R-PLAT-4); a draft
// that breaks a rule is refused naming each problem.
func (a *API) PublishRouting(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := userOf(r)
	d, err := a.Store.RoutingDraft(r.Context(), me.OrgID, provider.NumberID(id))
	if err != nil {
		return err
	}
	return a.publish(w, r, provider.NumberID(id), d.Config, 0)
}

func (a *API) publish(w http.ResponseWriter, r *http.Request, number provider.NumberID, c routing.Config, from int) error {
	if err := a.validateForPublish(r, &c); err != nil {
		return err
	}
	me := userOf(r)
	v, err := a.Store.PublishRouting(r.Context(), me.OrgID, number, c, me.ID, from)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, versionBody(v, true))
}

// ListRoutingVersions lists the published versions with who published them
// and when.
func (a *API) ListRoutingVersions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	list, err := a.Store.RoutingVersions(r.Context(), userOf(r).OrgID, provider.NumberID(id))
	if err != nil {
		return err
	}
	out := VersionList{Items: make([]VersionBody, len(list))}
	for i, v := range list {
		out.Items[i] = versionBody(v, false)
	}
	return writeJSON(w, http.StatusOK, out)
}

// GetRoutingVersion returns one version with its configuration and what
// changed since the version before it.
func (a *API) GetRoutingVersion(w http.ResponseWriter, r *http.Request) error {
	id, v, err := a.versionOf(r)
	if err != nil {
		return err
	}
	body := versionBody(v, true)
	body.Changes = []routing.Change{}
	if v.Number > 1 {
		prev, err := a.Store.RoutingVersion(r.Context(), userOf(r).OrgID, id, v.Number-1)
		if err != nil {
			return err
		}
		body.Changes = routing.Diff(prev.Config, v.Config)
	}
	return writeJSON(w, http.StatusOK, body)
}

func (a *API) versionOf(r *http.Request) (provider.NumberID, routing.Version, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, routing.Version{}, err
	}
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || n <= 0 {
		return 0, routing.Version{}, problem.New(problem.NotFound, "no version %q", r.PathValue("version"))
	}
	v, err := a.Store.RoutingVersion(r.Context(), userOf(r).OrgID, provider.NumberID(id), n)
	return provider.NumberID(id), v, err
}

// RestoreRoutingVersion publishes an earlier version's configuration as a
// new version, and makes it the draft. It is checked again: a user it rings
// may have left since.
func (a *API) RestoreRoutingVersion(w http.ResponseWriter, r *http.Request) error {
	id, v, err := a.versionOf(r)
	if err != nil {
		return err
	}
	return a.publish(w, r, id, v.Config, v.Number)
}
