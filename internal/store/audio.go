package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/switchboard/switchboard/internal/media"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
	"github.com/switchboard/switchboard/internal/routing"
)

const audioColumns = `public_id, name, content_type, size, created_by, created_at`

func scanAudio(row interface{ Scan(...any) error }) (media.File, error) {
	var f media.File
	return f, row.Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.CreatedBy, &f.CreatedAt)
}

// CreateAudioFile stores an uploaded file checked by the media package;
// f.ID is the new file's id (media.NewID). It returns the file as stored,
// with its size and creation time.
func (s *Store) CreateAudioFile(ctx context.Context, orgID org.ID, f media.File, data []byte) (media.File, error) {
	f.Size, f.CreatedAt = int64(len(data)), s.stamp()
	err := s.tx(ctx, func(tx querier) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audio_files (org_id, public_id, name, content_type, size, bytes, created_by, created_at)
		  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, orgID, f.ID, f.Name, f.ContentType, f.Size, data, f.CreatedBy, f.CreatedAt)
		if isUnique(err) {
			return problem.New(problem.Conflict, "an audio file with id %s exists; upload again", f.ID)
		}
		return internal("create audio file", err)
	})
	return f, err
}

// AudioFiles lists the org's files, newest first, without their bytes.
func (s *Store) AudioFiles(ctx context.Context, orgID org.ID) ([]media.File, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+audioColumns+` FROM audio_files WHERE org_id = $1 ORDER BY created_at DESC, id DESC`, orgID)
	if err != nil {
		return nil, internal("audio files", err)
	}
	return collect(rows, scanAudio)
}

// AudioFile returns one of the org's files without its bytes.
func (s *Store) AudioFile(ctx context.Context, orgID org.ID, id string) (media.File, error) {
	f, err := scanAudio(s.q.QueryRowContext(ctx, `SELECT `+audioColumns+` FROM audio_files WHERE org_id = $1 AND public_id = $2`, orgID, id))
	if isNoRows(err) {
		return f, notFound("audio file")
	}
	return f, internal("audio file", err)
}

// AudioFileContent returns one of the org's files with its bytes.
func (s *Store) AudioFileContent(ctx context.Context, orgID org.ID, id string) (media.File, []byte, error) {
	return s.audioContent(ctx, `WHERE org_id = $1 AND public_id = $2`, orgID, id)
}

// AudioFileForCarrier returns a file with its bytes by id alone, in
// whichever org it is: the carrier fetches it at a URL the server signed
// (media.Signer), which is the only check. Nothing else may call it.
func (s *Store) AudioFileForCarrier(ctx context.Context, id string) (media.File, []byte, error) {
	return s.audioContent(ctx, `WHERE public_id = $1`, id)
}

func (s *Store) audioContent(ctx context.Context, where string, args ...any) (media.File, []byte, error) {
	var f media.File
	var data []byte
	err := s.q.QueryRowContext(ctx, `SELECT `+audioColumns+`, bytes FROM audio_files `+where, args...).
		Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.CreatedBy, &f.CreatedAt, &data)
	if isNoRows(err) {
		return f, nil, notFound("audio file")
	}
	return f, data, internal("audio file content", err)
}

// DeleteAudioFile deletes one of the org's files, unless the live routing
// or the draft of a linked number plays it: then it is refused as a
// Conflict naming those numbers, and nothing changes (decision 0014).
func (s *Store) DeleteAudioFile(ctx context.Context, orgID org.ID, id string) error {
	return s.tx(ctx, func(tx querier) error {
		if !exists(ctx, tx, `SELECT 1 FROM audio_files WHERE org_id = $1 AND public_id = $2`, orgID, id) {
			return notFound("audio file")
		}
		users, err := audioUsers(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		if len(users) > 0 {
			return problem.New(problem.Conflict, "this audio file is played by %s; choose another message there first, then delete it",
				strings.Join(users, " and "))
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM audio_files WHERE org_id = $1 AND public_id = $2`, orgID, id)
		return internal("delete audio file", err)
	})
}

// audioUsers names the live routings and drafts of linked numbers that play
// file id, e.g. "the live routing of +14155550100". The LIKE only narrows
// the rows to decode: media.Plays decides.
func audioUsers(ctx context.Context, q querier, orgID org.ID, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT n.e164, 'live routing', v.config FROM routing_versions v JOIN numbers n ON n.id = v.number_id
	  WHERE v.org_id = $1 AND n.unlinked_at IS NULL AND v.config LIKE $2
	    AND v.version = (SELECT MAX(version) FROM routing_versions l WHERE l.number_id = v.number_id)
	  UNION ALL
	  SELECT n.e164, 'draft', d.config FROM routing_drafts d JOIN numbers n ON n.id = d.number_id
	  WHERE d.org_id = $1 AND n.unlinked_at IS NULL AND d.config LIKE $2
	  ORDER BY 1, 2`, orgID, "%"+id+"%")
	if err != nil {
		return nil, internal("audio file users", err)
	}
	type use struct{ e164, what, config string }
	list, err := collect(rows, func(r interface{ Scan(...any) error }) (use, error) {
		var u use
		return u, r.Scan(&u.e164, &u.what, &u.config)
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range list {
		var c routing.Config
		if err := unmarshalConfig(u.config, &c); err != nil {
			return nil, err
		}
		if media.Plays(c, id) {
			out = append(out, fmt.Sprintf("the %s of %s", u.what, u.e164))
		}
	}
	return out, nil
}
