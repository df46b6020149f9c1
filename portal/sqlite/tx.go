package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

type tx struct {
	ctx context.Context
	tx  *sql.Tx
}

var _ content.Tx = (*tx)(nil)

func (t *tx) exec(q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, q, args...)
}

func (t *tx) insert(what, q string, args ...any) (int64, error) {
	res, err := t.exec(q, args...)
	if err != nil {
		return 0, mapErr(err, what)
	}
	return res.LastInsertId()
}

// one runs a single-row query; no row is ENOTFOUND naming what and key.
func (t *tx) one(what string, key any, q string, args []any, dest ...any) error {
	err := t.tx.QueryRowContext(t.ctx, q, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return notFoundErr(what, key)
	}
	return err
}

// each runs a query and calls scan for every row.
func (t *tx) each(q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := t.tx.QueryContext(t.ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func affected(res sql.Result, err error, what string, key any) error {
	if err != nil {
		return mapErr(err, what)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFoundErr(what, key)
	}
	return nil
}

// ---- accounts

const accountCols = `id, name, email, department, status, password_hash, password_changed_at,
	created_at, created_by, approved_at, approved_by, disabled_at, is_sample`

func scanAccount(s interface{ Scan(...any) error }) (*content.Account, error) {
	a := &content.Account{}
	var status string
	err := s.Scan(&a.ID, &a.Name, &a.Email, &a.Department, &status, &a.PasswordHash, tm(&a.PasswordChangedAt),
		tm(&a.CreatedAt), &a.CreatedBy, tm(&a.ApprovedAt), id(&a.ApprovedBy), tm(&a.DisabledAt), bl(&a.Sample))
	a.Status = content.AccountStatus(status)
	return a, err
}

func (t *tx) loadRoles(a *content.Account) error {
	a.Roles, a.Channels = nil, nil
	err := t.each("SELECT role FROM account_roles WHERE account_id = ? ORDER BY role", []any{a.ID}, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		a.Roles = append(a.Roles, content.Role(s))
		return err
	})
	if err != nil {
		return err
	}
	return t.each("SELECT channel_id FROM reviewer_channels WHERE account_id = ? ORDER BY channel_id", []any{a.ID}, func(r *sql.Rows) error {
		var c int64
		err := r.Scan(&c)
		a.Channels = append(a.Channels, c)
		return err
	})
}

func (t *tx) saveRoles(a *content.Account) error {
	if _, err := t.exec("DELETE FROM account_roles WHERE account_id = ?", a.ID); err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM reviewer_channels WHERE account_id = ?", a.ID); err != nil {
		return err
	}
	for _, r := range a.Roles {
		if _, err := t.exec("INSERT OR IGNORE INTO account_roles VALUES (?, ?)", a.ID, string(r)); err != nil {
			return mapErr(err, "vai trò / role")
		}
	}
	for _, c := range a.Channels {
		if _, err := t.exec("INSERT OR IGNORE INTO reviewer_channels VALUES (?, ?)", a.ID, c); err != nil {
			return mapErr(err, "chuyên mục / channel")
		}
	}
	return nil
}

func (t *tx) CreateAccount(a *content.Account) error {
	var err error
	a.ID, err = t.insert("Tài khoản / account", `INSERT INTO accounts (name, email, department, status, password_hash,
		password_changed_at, created_at, created_by, approved_at, approved_by, disabled_at, is_sample) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		a.Name, a.Email, a.Department, string(a.Status), a.PasswordHash, ts(a.PasswordChangedAt),
		ts(a.CreatedAt), a.CreatedBy, ts(a.ApprovedAt), nullID(a.ApprovedBy), ts(a.DisabledAt), b2i(a.Sample))
	if err != nil {
		return err
	}
	return t.saveRoles(a)
}

func (t *tx) Account(aid int64) (*content.Account, error) {
	a, err := scanAccount(t.tx.QueryRowContext(t.ctx, "SELECT "+accountCols+" FROM accounts WHERE id = ?", aid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy tài khoản %d", "Account %d not found", aid)
	} else if err != nil {
		return nil, err
	}
	return a, t.loadRoles(a)
}

func (t *tx) AccountByEmail(email string) (*content.Account, error) {
	a, err := scanAccount(t.tx.QueryRowContext(t.ctx, "SELECT "+accountCols+" FROM accounts WHERE email = ?", content.NormalizeEmail(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không có tài khoản %s", "No account %s", email)
	} else if err != nil {
		return nil, err
	}
	return a, t.loadRoles(a)
}

func (t *tx) UpdateAccount(a *content.Account) error {
	res, err := t.exec(`UPDATE accounts SET name=?, email=?, department=?, status=?, password_hash=?, password_changed_at=?,
		approved_at=?, approved_by=?, disabled_at=? WHERE id=?`,
		a.Name, a.Email, a.Department, string(a.Status), a.PasswordHash, ts(a.PasswordChangedAt),
		ts(a.ApprovedAt), nullID(a.ApprovedBy), ts(a.DisabledAt), a.ID)
	if err := affected(res, err, "tài khoản / account", a.ID); err != nil {
		return err
	}
	return t.saveRoles(a)
}

func (t *tx) Accounts(f content.AccountFilter) ([]*content.Account, error) {
	q := "SELECT " + accountCols + " FROM accounts WHERE 1=1"
	var args []any
	if f.Status != "" {
		q += " AND status = ?"
		args = append(args, string(f.Status))
	}
	if f.Role != "" {
		q += " AND id IN (SELECT account_id FROM account_roles WHERE role = ?)"
		args = append(args, string(f.Role))
	}
	var out []*content.Account
	err := t.each(q+" ORDER BY name, id", args, func(r *sql.Rows) error {
		a, err := scanAccount(r)
		out = append(out, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, a := range out {
		if err := t.loadRoles(a); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) CountAccounts() (int, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, "SELECT count(*) FROM accounts WHERE NOT is_sample").Scan(&n)
	return n, err
}

func (t *tx) SampleCounts() (content.SampleCounts, error) {
	var c content.SampleCounts
	err := t.tx.QueryRowContext(t.ctx, `SELECT
		(SELECT count(*) FROM items WHERE is_sample) + (SELECT count(*) FROM documents WHERE is_sample)
		+ (SELECT count(*) FROM feedback WHERE is_sample) + (SELECT count(*) FROM staff_units WHERE is_sample)
		+ (SELECT count(*) FROM staff WHERE is_sample),
		(SELECT count(*) FROM items WHERE NOT is_sample) + (SELECT count(*) FROM documents WHERE NOT is_sample)
		+ (SELECT count(*) FROM feedback WHERE NOT is_sample) + (SELECT count(*) FROM staff_units WHERE NOT is_sample)
		+ (SELECT count(*) FROM staff WHERE NOT is_sample),
		(SELECT count(*) FROM accounts WHERE is_sample)`).Scan(&c.Sample, &c.Other, &c.SampleAccounts)
	return c, err
}

func (t *tx) EmailTaken(email string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT (SELECT count(*) FROM accounts WHERE email = ?1)
		+ (SELECT count(*) FROM staff WHERE email = ?1)`, content.NormalizeEmail(email)).Scan(&n)
	return n > 0, err
}

// ---- sessions

func (t *tx) CreateSession(s *content.Session) error {
	_, err := t.insert("Phiên / session", `INSERT INTO sessions VALUES (?,?,?,?,?,?,?)`,
		s.Hash, s.AccountID, ts(s.CreatedAt), ts(s.LastSeen), ts(s.ExpiresAt), s.IP, s.UserAgent)
	return err
}

func (t *tx) Session(hash string) (*content.Session, error) {
	s := &content.Session{}
	err := t.one("phiên / session", "", `SELECT hash, account_id, created_at, last_seen, expires_at, ip, user_agent
		FROM sessions WHERE hash = ?`, []any{hash},
		&s.Hash, &s.AccountID, tm(&s.CreatedAt), tm(&s.LastSeen), tm(&s.ExpiresAt), &s.IP, &s.UserAgent)
	return s, err
}

func (t *tx) TouchSession(hash string, seen time.Time) error {
	_, err := t.exec("UPDATE sessions SET last_seen = ? WHERE hash = ?", ts(seen), hash)
	return err
}

func (t *tx) DeleteSession(hash string) error {
	_, err := t.exec("DELETE FROM sessions WHERE hash = ?", hash)
	return err
}

func (t *tx) DeleteSessions(accountID int64) (int, error) {
	res, err := t.exec("DELETE FROM sessions WHERE account_id = ?", accountID)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

func (t *tx) DeleteExpiredSessions(now time.Time) (int, error) {
	res, err := t.exec("DELETE FROM sessions WHERE expires_at <= ?", ts(now))
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ---- login failures

func (t *tx) AddLoginFailure(key string, at time.Time) error {
	_, err := t.exec("INSERT INTO login_failures (key, at) VALUES (?, ?)", key, ts(at))
	if err != nil {
		return err
	}
	// Keep the table small: a day of history is more than any window.
	_, err = t.exec("DELETE FROM login_failures WHERE at < ?", ts(at.Add(-24*time.Hour)))
	return err
}

func (t *tx) LoginFailures(key string, since time.Time) (int, time.Time, error) {
	var n int
	var last time.Time
	err := t.tx.QueryRowContext(t.ctx, "SELECT count(*), max(at) FROM login_failures WHERE key = ? AND at >= ?", key, ts(since)).
		Scan(&n, tm(&last))
	return n, last, err
}

func (t *tx) ClearLoginFailures(key string) error {
	_, err := t.exec("DELETE FROM login_failures WHERE key = ?", key)
	return err
}

// ---- audit, notifications

func (t *tx) AddAudit(e *content.AuditEvent) error {
	var err error
	e.ID, err = t.insert("nhật ký / audit", `INSERT INTO audit_log (at, account_id, actor, ip, action, object_type, object_id, detail)
		VALUES (?,?,?,?,?,?,?,?)`, ts(e.Time), nullID(e.AccountID), e.Actor, e.IP, e.Action, e.ObjectType, nullID(e.ObjectID), e.Detail)
	return err
}

func (t *tx) Audit(f content.AuditFilter) ([]*content.AuditEvent, error) {
	q := "SELECT id, at, account_id, actor, ip, action, object_type, object_id, detail FROM audit_log WHERE 1=1"
	var args []any
	if f.ObjectType != "" {
		q += " AND object_type = ?"
		args = append(args, f.ObjectType)
	}
	if f.ObjectID != 0 {
		q += " AND object_id = ?"
		args = append(args, f.ObjectID)
	}
	if f.AccountID != 0 {
		q += " AND account_id = ?"
		args = append(args, f.AccountID)
	}
	if strings.HasSuffix(f.Action, ".") {
		q += " AND substr(action, 1, ?) = ?"
		args = append(args, len(f.Action), f.Action)
	} else if f.Action != "" {
		q += " AND action = ?"
		args = append(args, f.Action)
	}
	if !f.Since.IsZero() {
		q += " AND at >= ?"
		args = append(args, ts(f.Since))
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	var out []*content.AuditEvent
	err := t.each(q, args, func(r *sql.Rows) error {
		e := &content.AuditEvent{}
		err := r.Scan(&e.ID, tm(&e.Time), id(&e.AccountID), &e.Actor, &e.IP, &e.Action, &e.ObjectType, id(&e.ObjectID), &e.Detail)
		out = append(out, e)
		return err
	})
	return out, err
}

func (t *tx) AddNotification(n *content.Notification) error {
	var err error
	n.ID, err = t.insert("thông báo / notification", `INSERT INTO notifications (account_id, item_id, kind, message, created_at, read_at)
		VALUES (?,?,?,?,?,?)`, n.AccountID, nullID(n.ItemID), n.Kind, n.Message, ts(n.CreatedAt), ts(n.ReadAt))
	return err
}

func (t *tx) Notifications(accountID int64, unreadOnly bool) ([]*content.Notification, error) {
	q := "SELECT id, account_id, item_id, kind, message, created_at, read_at FROM notifications WHERE account_id = ?"
	if unreadOnly {
		q += " AND read_at IS NULL"
	}
	var out []*content.Notification
	err := t.each(q+" ORDER BY id DESC", []any{accountID}, func(r *sql.Rows) error {
		n := &content.Notification{}
		err := r.Scan(&n.ID, &n.AccountID, id(&n.ItemID), &n.Kind, &n.Message, tm(&n.CreatedAt), tm(&n.ReadAt))
		out = append(out, n)
		return err
	})
	return out, err
}

func (t *tx) MarkNotificationRead(nid, accountID int64, at time.Time) error {
	res, err := t.exec("UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND account_id = ?", ts(at), nid, accountID)
	return affected(res, err, "thông báo / notification", nid)
}

// ---- portals, channels, trusted sources

func (t *tx) Portals() ([]*content.Portal, error) {
	var out []*content.Portal
	err := t.each("SELECT id, key, name_vi, name_en, host, path_prefix FROM portals ORDER BY id", nil, func(r *sql.Rows) error {
		p := &content.Portal{}
		err := r.Scan(&p.ID, &p.Key, &p.NameVI, &p.NameEN, &p.Host, &p.PathPrefix)
		out = append(out, p)
		return err
	})
	return out, err
}

func (t *tx) portalWhere(what string, key any, where string, arg any) (*content.Portal, error) {
	p := &content.Portal{}
	err := t.one(what, key, "SELECT id, key, name_vi, name_en, host, path_prefix FROM portals WHERE "+where, []any{arg},
		&p.ID, &p.Key, &p.NameVI, &p.NameEN, &p.Host, &p.PathPrefix)
	return p, err
}

func (t *tx) Portal(pid int64) (*content.Portal, error) {
	return t.portalWhere("cổng / portal", pid, "id = ?", pid)
}

func (t *tx) PortalByKey(key string) (*content.Portal, error) {
	return t.portalWhere("cổng / portal", key, "key = ?", key)
}

func (t *tx) UpdatePortal(p *content.Portal) error {
	res, err := t.exec("UPDATE portals SET name_vi=?, name_en=?, host=?, path_prefix=? WHERE id=?", p.NameVI, p.NameEN, p.Host, p.PathPrefix, p.ID)
	return affected(res, err, "cổng / portal", p.ID)
}

const channelCols = "id, portal_id, slug, name_vi, name_en, kind, target, position, hidden"

func scanChannel(s interface{ Scan(...any) error }) (*content.Channel, error) {
	c := &content.Channel{}
	return c, s.Scan(&c.ID, &c.PortalID, &c.Slug, &c.NameVI, &c.NameEN, &c.Kind, &c.Target, &c.Position, bl(&c.Hidden))
}

func (t *tx) Channels(portalID int64) ([]*content.Channel, error) {
	q, args := "SELECT "+channelCols+" FROM channels", []any{}
	if portalID != 0 {
		q += " WHERE portal_id = ?"
		args = append(args, portalID)
	}
	var out []*content.Channel
	err := t.each(q+" ORDER BY portal_id, position, id", args, func(r *sql.Rows) error {
		c, err := scanChannel(r)
		out = append(out, c)
		return err
	})
	return out, err
}

func (t *tx) Channel(cid int64) (*content.Channel, error) {
	c, err := scanChannel(t.tx.QueryRowContext(t.ctx, "SELECT "+channelCols+" FROM channels WHERE id = ?", cid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy chuyên mục %d", "Channel %d not found", cid)
	}
	return c, err
}

func (t *tx) ChannelBySlug(portalID int64, slug string) (*content.Channel, error) {
	c, err := scanChannel(t.tx.QueryRowContext(t.ctx, "SELECT "+channelCols+" FROM channels WHERE portal_id = ? AND slug = ?", portalID, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy chuyên mục %s", "Channel %s not found", slug)
	}
	return c, err
}

func (t *tx) CreateChannel(c *content.Channel) error {
	var err error
	c.ID, err = t.insert("Chuyên mục / channel", "INSERT INTO channels (portal_id, slug, name_vi, name_en, kind, target, position, hidden) VALUES (?,?,?,?,?,?,?,?)",
		c.PortalID, c.Slug, c.NameVI, c.NameEN, c.Kind, c.Target, c.Position, b2i(c.Hidden))
	return err
}

func (t *tx) UpdateChannel(c *content.Channel) error {
	res, err := t.exec("UPDATE channels SET slug=?, name_vi=?, name_en=?, kind=?, target=?, position=?, hidden=? WHERE id=?",
		c.Slug, c.NameVI, c.NameEN, c.Kind, c.Target, c.Position, b2i(c.Hidden), c.ID)
	return affected(res, err, "Chuyên mục / channel", c.ID)
}

func (t *tx) TrustedSources() ([]*content.TrustedSource, error) {
	var out []*content.TrustedSource
	err := t.each("SELECT id, name, category, url, active FROM trusted_sources ORDER BY id", nil, func(r *sql.Rows) error {
		s := &content.TrustedSource{}
		err := r.Scan(&s.ID, &s.Name, &s.Category, &s.URL, bl(&s.Active))
		out = append(out, s)
		return err
	})
	return out, err
}

func (t *tx) TrustedSource(sid int64) (*content.TrustedSource, error) {
	s := &content.TrustedSource{}
	err := t.one("nguồn / source", sid, "SELECT id, name, category, url, active FROM trusted_sources WHERE id = ?", []any{sid},
		&s.ID, &s.Name, &s.Category, &s.URL, bl(&s.Active))
	return s, err
}

func (t *tx) CreateTrustedSource(s *content.TrustedSource) error {
	var err error
	s.ID, err = t.insert("Nguồn / source", "INSERT INTO trusted_sources (name, category, url, active) VALUES (?,?,?,?)", s.Name, s.Category, s.URL, b2i(s.Active))
	return err
}

func (t *tx) UpdateTrustedSource(s *content.TrustedSource) error {
	res, err := t.exec("UPDATE trusted_sources SET name=?, category=?, url=?, active=? WHERE id=?", s.Name, s.Category, s.URL, b2i(s.Active), s.ID)
	return affected(res, err, "Nguồn / source", s.ID)
}

// notFoundErr names what (as "vi / en") in each language's message.
func notFoundErr(what string, key any) error {
	vi, en := whatIn(what)
	return &content.Error{Code: content.ENOTFOUND, VI: fmt.Sprintf("Không tìm thấy %s %v", vi, key), EN: fmt.Sprintf("%s %v not found", en, key)}
}

// whatIn splits a thing's name "vi / en" ("nguồn / source"): each
// language's message names it in its own language.
func whatIn(what string) (vi, en string) {
	if i := strings.Index(what, " / "); i >= 0 {
		return what[:i], what[i+3:]
	}
	return what, what
}
