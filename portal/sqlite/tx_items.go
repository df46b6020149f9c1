package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

// ---- items

const itemCols = `id, portal_id, channel_id, kind, state, title, summary, body, tags, lang, cover_id, source_id, source_url,
	author_id, current_revision, revised_by, approved_revision, approved_by, approved_at, scheduled_at, scheduled_by,
	published_at, published_by, published_late, late_by_seconds, direct, reject_reason, created_at, updated_at, archived_at, cover_alt, is_sample`

func scanItem(s interface{ Scan(...any) error }) (*content.Item, error) {
	it := &content.Item{}
	var state string
	var late int64
	err := s.Scan(&it.ID, &it.PortalID, &it.ChannelID, &it.Kind, &state, &it.Title, &it.Summary, &it.Body, js(&it.Tags),
		&it.Lang, id(&it.CoverID), id(&it.SourceID), &it.SourceURL,
		&it.AuthorID, &it.CurrentRevision, &it.RevisedBy, &it.ApprovedRevision, id(&it.ApprovedBy), tm(&it.ApprovedAt),
		tm(&it.ScheduledAt), id(&it.ScheduledBy), tm(&it.PublishedAt), id(&it.PublishedBy), bl(&it.PublishedLate), &late,
		bl(&it.Direct), &it.RejectReason, tm(&it.CreatedAt), tm(&it.UpdatedAt), tm(&it.ArchivedAt), &it.CoverAlt, bl(&it.Sample))
	it.State = content.State(state)
	it.LateBy = time.Duration(late) * time.Second
	return it, err
}

func itemArgs(it *content.Item) []any {
	return []any{it.PortalID, it.ChannelID, it.Kind, string(it.State), it.Title, it.Summary, it.Body, jsonText(it.Tags),
		it.Lang, nullID(it.CoverID), nullID(it.SourceID), it.SourceURL,
		it.AuthorID, it.CurrentRevision, it.RevisedBy, it.ApprovedRevision, nullID(it.ApprovedBy), ts(it.ApprovedAt),
		ts(it.ScheduledAt), nullID(it.ScheduledBy), ts(it.PublishedAt), nullID(it.PublishedBy), b2i(it.PublishedLate),
		int64(it.LateBy / time.Second), b2i(it.Direct), it.RejectReason, ts(it.CreatedAt), ts(it.UpdatedAt), ts(it.ArchivedAt), it.CoverAlt, b2i(it.Sample)}
}

func (t *tx) saveItemAttachments(it *content.Item) error {
	if _, err := t.exec("DELETE FROM item_attachments WHERE item_id = ?", it.ID); err != nil {
		return err
	}
	for i, a := range it.Attachments {
		if _, err := t.exec("INSERT INTO item_attachments VALUES (?, ?, ?)", it.ID, a, i); err != nil {
			return mapErr(err, "Tệp đính kèm / attachment")
		}
	}
	return nil
}

func (t *tx) loadItemAttachments(items ...*content.Item) error {
	for _, it := range items {
		it.Attachments = nil
		err := t.each("SELECT attachment_id FROM item_attachments WHERE item_id = ? ORDER BY position", []any{it.ID}, func(r *sql.Rows) error {
			var a int64
			err := r.Scan(&a)
			it.Attachments = append(it.Attachments, a)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) CreateItem(it *content.Item) error {
	var err error
	it.ID, err = t.insert("Bài / item", "INSERT INTO items ("+strings.ReplaceAll(itemCols, "id, portal_id", "portal_id")+
		") VALUES ("+strings.Repeat("?,", 30)+"?)", itemArgs(it)...)
	if err != nil {
		return err
	}
	return t.saveItemAttachments(it)
}

func (t *tx) Item(iid int64) (*content.Item, error) {
	it, err := scanItem(t.tx.QueryRowContext(t.ctx, "SELECT "+itemCols+" FROM items WHERE id = ?", iid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy bài %d", "Item %d not found", iid)
	} else if err != nil {
		return nil, err
	}
	return it, t.loadItemAttachments(it)
}

func (t *tx) UpdateItem(it *content.Item) error {
	cols := strings.Split(strings.ReplaceAll(itemCols, "id, portal_id", "portal_id"), ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i]) + " = ?"
	}
	res, err := t.exec("UPDATE items SET "+strings.Join(cols, ", ")+" WHERE id = ?", append(itemArgs(it), it.ID)...)
	if err := affected(res, err, "Bài / item", it.ID); err != nil {
		return err
	}
	return t.saveItemAttachments(it)
}

func itemWhere(f content.ItemFilter) (string, []any) {
	var w []string
	var args []any
	add := func(cond string, a ...any) { w = append(w, cond); args = append(args, a...) }
	if f.PortalID != 0 {
		add("portal_id = ?", f.PortalID)
	}
	if f.ChannelID != 0 {
		add("channel_id = ?", f.ChannelID)
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if len(f.States) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.States)), ",")
		var a []any
		for _, s := range f.States {
			a = append(a, string(s))
		}
		add("state IN ("+ph+")", a...)
	}
	if f.AuthorID != 0 {
		add("author_id = ?", f.AuthorID)
	}
	if f.Direct != nil {
		add("direct = ?", b2i(*f.Direct))
	}
	if f.Lang != "" {
		add("lang = ?", f.Lang)
	}
	if f.Tag != "" {
		add("EXISTS (SELECT 1 FROM json_each(items.tags) WHERE value = ?)", f.Tag)
	}
	if !f.PublishedFrom.IsZero() {
		add("published_at >= ?", ts(f.PublishedFrom))
	}
	if !f.PublishedTo.IsZero() {
		add("published_at < ?", ts(f.PublishedTo))
	}
	if !f.ScheduledBefore.IsZero() {
		add("scheduled_at <= ?", ts(f.ScheduledBefore))
	}
	if len(w) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(w, " AND "), args
}

func (t *tx) Items(f content.ItemFilter) ([]*content.Item, error) {
	where, args := itemWhere(f)
	q := "SELECT " + itemCols + " FROM items" + where + " ORDER BY coalesce(published_at, updated_at) DESC, id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	var out []*content.Item
	err := t.each(q, args, func(r *sql.Rows) error {
		it, err := scanItem(r)
		out = append(out, it)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, t.loadItemAttachments(out...)
}

func (t *tx) CountItems(f content.ItemFilter) (int, error) {
	where, args := itemWhere(f)
	var n int
	err := t.tx.QueryRowContext(t.ctx, "SELECT count(*) FROM items"+where, args...).Scan(&n)
	return n, err
}

// ---- revisions

const revisionCols = "id, item_id, number, title, summary, body, tags, lang, cover_id, attachments, source_id, source_url, author_id, created_at, note, cover_alt"

func scanRevision(s interface{ Scan(...any) error }) (*content.Revision, error) {
	r := &content.Revision{}
	return r, s.Scan(&r.ID, &r.ItemID, &r.Number, &r.Title, &r.Summary, &r.Body, js(&r.Tags), &r.Lang, id(&r.CoverID),
		js(&r.Attachments), id(&r.SourceID), &r.SourceURL, &r.AuthorID, tm(&r.CreatedAt), &r.Note, &r.CoverAlt)
}

func (t *tx) AddRevision(r *content.Revision) error {
	var err error
	r.ID, err = t.insert("Phiên bản / revision", `INSERT INTO revisions (item_id, number, title, summary, body, tags, lang, cover_id,
		attachments, source_id, source_url, author_id, created_at, note, cover_alt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ItemID, r.Number, r.Title, r.Summary, r.Body, jsonText(r.Tags), r.Lang, nullID(r.CoverID),
		jsonText(r.Attachments), nullID(r.SourceID), r.SourceURL, r.AuthorID, ts(r.CreatedAt), r.Note, r.CoverAlt)
	return err
}

func (t *tx) Revisions(itemID int64) ([]*content.Revision, error) {
	var out []*content.Revision
	err := t.each("SELECT "+revisionCols+" FROM revisions WHERE item_id = ? ORDER BY number", []any{itemID}, func(r *sql.Rows) error {
		rv, err := scanRevision(r)
		out = append(out, rv)
		return err
	})
	return out, err
}

func (t *tx) Revision(itemID int64, number int) (*content.Revision, error) {
	r, err := scanRevision(t.tx.QueryRowContext(t.ctx, "SELECT "+revisionCols+" FROM revisions WHERE item_id = ? AND number = ?", itemID, number))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không có phiên bản %d", "No revision %d", number)
	}
	return r, err
}

// ---- attachments

const attachmentCols = "id, stored_name, name, format, mime, size, sha256, flagged, flag_reason, uploaded_by, uploaded_at"

func scanAttachment(s interface{ Scan(...any) error }) (*content.Attachment, error) {
	a := &content.Attachment{}
	return a, s.Scan(&a.ID, &a.StoredName, &a.Name, &a.Format, &a.MIME, &a.Size, &a.SHA256, bl(&a.Flagged), &a.FlagReason,
		&a.UploadedBy, tm(&a.UploadedAt))
}

func (t *tx) CreateAttachment(a *content.Attachment) error {
	var err error
	a.ID, err = t.insert("Tệp / attachment", `INSERT INTO attachments (stored_name, name, format, mime, size, sha256, flagged,
		flag_reason, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		a.StoredName, a.Name, a.Format, a.MIME, a.Size, a.SHA256, b2i(a.Flagged), a.FlagReason, a.UploadedBy, ts(a.UploadedAt))
	return err
}

func (t *tx) attachmentWhere(key any, where string, arg any) (*content.Attachment, error) {
	a, err := scanAttachment(t.tx.QueryRowContext(t.ctx, "SELECT "+attachmentCols+" FROM attachments WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy tệp %v", "Attachment %v not found", key)
	}
	return a, err
}

func (t *tx) Attachment(aid int64) (*content.Attachment, error) {
	return t.attachmentWhere(aid, "id = ?", aid)
}

func (t *tx) AttachmentByStoredName(name string) (*content.Attachment, error) {
	return t.attachmentWhere(name, "stored_name = ?", name)
}

func (t *tx) AllAttachments() ([]*content.Attachment, error) {
	var out []*content.Attachment
	err := t.each("SELECT "+attachmentCols+" FROM attachments ORDER BY id", nil, func(r *sql.Rows) error {
		a, err := scanAttachment(r)
		out = append(out, a)
		return err
	})
	return out, err
}

func (t *tx) AttachmentPublic(aid int64) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT
		(SELECT count(*) FROM items WHERE state = 'published' AND cover_id = ?1)
		+ (SELECT count(*) FROM item_attachments ia JOIN items i ON i.id = ia.item_id WHERE i.state = 'published' AND ia.attachment_id = ?1)
		+ (SELECT count(*) FROM documents WHERE file_id = ?1)`, aid).Scan(&n)
	return n > 0, err
}

func (t *tx) AttachmentItems(aid int64) ([]int64, error) {
	var out []int64
	err := t.each(`SELECT id FROM items WHERE cover_id = ?1
		UNION SELECT item_id FROM item_attachments WHERE attachment_id = ?1
		UNION SELECT item_id FROM revisions WHERE cover_id = ?1 OR EXISTS (SELECT 1 FROM json_each(revisions.attachments) WHERE value = ?1)
		ORDER BY 1`, []any{aid}, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, err
}

// ---- documents

const documentCols = "id, portal_id, number, type, issuing_body, issue_date, effective_date, status, summary, file_id, created_by, created_at, updated_at, is_sample"

func scanDocument(s interface{ Scan(...any) error }) (*content.Document, error) {
	d := &content.Document{}
	return d, s.Scan(&d.ID, &d.PortalID, &d.Number, &d.Type, &d.IssuingBody, tm(&d.IssueDate), tm(&d.EffectiveDate), &d.Status,
		&d.Summary, id(&d.FileID), id(&d.CreatedBy), tm(&d.CreatedAt), tm(&d.UpdatedAt), bl(&d.Sample))
}

func (t *tx) CreateDocument(d *content.Document) error {
	var err error
	d.ID, err = t.insert("Văn bản / document", `INSERT INTO documents (portal_id, number, type, issuing_body, issue_date, effective_date,
		status, summary, file_id, search, created_by, created_at, updated_at, is_sample) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		d.PortalID, d.Number, d.Type, d.IssuingBody, date(d.IssueDate), date(d.EffectiveDate), d.Status, d.Summary,
		nullID(d.FileID), content.DocumentSearchText(d), nullID(d.CreatedBy), ts(d.CreatedAt), ts(d.UpdatedAt), b2i(d.Sample))
	return err
}

func (t *tx) Document(did int64) (*content.Document, error) {
	d, err := scanDocument(t.tx.QueryRowContext(t.ctx, "SELECT "+documentCols+" FROM documents WHERE id = ?", did))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy văn bản %d", "Document %d not found", did)
	}
	return d, err
}

func (t *tx) UpdateDocument(d *content.Document) error {
	res, err := t.exec(`UPDATE documents SET portal_id=?, number=?, type=?, issuing_body=?, issue_date=?, effective_date=?,
		status=?, summary=?, file_id=?, search=?, updated_at=? WHERE id=?`,
		d.PortalID, d.Number, d.Type, d.IssuingBody, date(d.IssueDate), date(d.EffectiveDate), d.Status, d.Summary,
		nullID(d.FileID), content.DocumentSearchText(d), ts(d.UpdatedAt), d.ID)
	return affected(res, err, "Văn bản / document", d.ID)
}

func (t *tx) Documents(f content.DocumentFilter) ([]*content.Document, error) {
	q, args := "SELECT "+documentCols+" FROM documents WHERE 1=1", []any{}
	if f.PortalID != 0 {
		q += " AND portal_id = ?"
		args = append(args, f.PortalID)
	}
	for _, term := range content.SearchTerms(f.Query) {
		q += " AND instr(search, ?) > 0"
		args = append(args, term)
	}
	if f.Type != "" {
		q += " AND type = ?"
		args = append(args, f.Type)
	}
	if f.Status != "" {
		q += " AND status = ?"
		args = append(args, f.Status)
	}
	if !f.IssuedFrom.IsZero() {
		q += " AND issue_date >= ?"
		args = append(args, date(f.IssuedFrom))
	}
	if !f.IssuedTo.IsZero() {
		q += " AND issue_date < ?"
		args = append(args, date(f.IssuedTo))
	}
	q += " ORDER BY issue_date DESC, id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	var out []*content.Document
	err := t.each(q, args, func(r *sql.Rows) error {
		d, err := scanDocument(r)
		out = append(out, d)
		return err
	})
	return out, err
}

// ---- feedback

const feedbackCols = "id, portal_id, name, email, phone, subject, body, state, answer, answered_by, answered_at, moderated_by, received_at, ip, is_sample"

func scanFeedback(s interface{ Scan(...any) error }) (*content.Feedback, error) {
	f := &content.Feedback{}
	return f, s.Scan(&f.ID, &f.PortalID, &f.Name, &f.Email, &f.Phone, &f.Subject, &f.Body, &f.State, &f.Answer,
		id(&f.AnsweredBy), tm(&f.AnsweredAt), id(&f.ModeratedBy), tm(&f.ReceivedAt), &f.IP, bl(&f.Sample))
}

func (t *tx) CreateFeedback(f *content.Feedback) error {
	var err error
	f.ID, err = t.insert("Góp ý / feedback", `INSERT INTO feedback (portal_id, name, email, phone, subject, body, state, answer,
		answered_by, answered_at, moderated_by, received_at, ip, is_sample) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		f.PortalID, f.Name, f.Email, f.Phone, f.Subject, f.Body, f.State, f.Answer, nullID(f.AnsweredBy), ts(f.AnsweredAt),
		nullID(f.ModeratedBy), ts(f.ReceivedAt), f.IP, b2i(f.Sample))
	return err
}

func (t *tx) Feedback(fid int64) (*content.Feedback, error) {
	f, err := scanFeedback(t.tx.QueryRowContext(t.ctx, "SELECT "+feedbackCols+" FROM feedback WHERE id = ?", fid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy góp ý %d", "Feedback %d not found", fid)
	}
	return f, err
}

func (t *tx) UpdateFeedback(f *content.Feedback) error {
	res, err := t.exec(`UPDATE feedback SET state=?, answer=?, answered_by=?, answered_at=?, moderated_by=? WHERE id=?`,
		f.State, f.Answer, nullID(f.AnsweredBy), ts(f.AnsweredAt), nullID(f.ModeratedBy), f.ID)
	return affected(res, err, "Góp ý / feedback", f.ID)
}

func (t *tx) Feedbacks(f content.FeedbackFilter) ([]*content.Feedback, error) {
	q, args := "SELECT "+feedbackCols+" FROM feedback WHERE 1=1", []any{}
	if f.PortalID != 0 {
		q += " AND portal_id = ?"
		args = append(args, f.PortalID)
	}
	if len(f.States) > 0 {
		q += " AND state IN (" + strings.TrimSuffix(strings.Repeat("?,", len(f.States)), ",") + ")"
		for _, s := range f.States {
			args = append(args, s)
		}
	}
	if !f.ReceivedFrom.IsZero() {
		q += " AND received_at >= ?"
		args = append(args, ts(f.ReceivedFrom))
	}
	if !f.ReceivedTo.IsZero() {
		q += " AND received_at < ?"
		args = append(args, ts(f.ReceivedTo))
	}
	q += " ORDER BY received_at DESC, id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	var out []*content.Feedback
	err := t.each(q, args, func(r *sql.Rows) error {
		fb, err := scanFeedback(r)
		out = append(out, fb)
		return err
	})
	return out, err
}

// ---- staff directory

func (t *tx) StaffUnits() ([]*content.StaffUnit, error) {
	var out []*content.StaffUnit
	err := t.each("SELECT id, parent_id, name, phone, email, position, is_sample FROM staff_units ORDER BY position, id", nil, func(r *sql.Rows) error {
		u := &content.StaffUnit{}
		err := r.Scan(&u.ID, id(&u.ParentID), &u.Name, &u.Phone, &u.Email, &u.Position, bl(&u.Sample))
		out = append(out, u)
		return err
	})
	return out, err
}

func (t *tx) CreateStaffUnit(u *content.StaffUnit) error {
	var err error
	u.ID, err = t.insert("Đơn vị / unit", "INSERT INTO staff_units (parent_id, name, phone, email, position, is_sample) VALUES (?,?,?,?,?,?)",
		nullID(u.ParentID), u.Name, u.Phone, u.Email, u.Position, b2i(u.Sample))
	return err
}

func (t *tx) UpdateStaffUnit(u *content.StaffUnit) error {
	res, err := t.exec("UPDATE staff_units SET parent_id=?, name=?, phone=?, email=?, position=? WHERE id=?",
		nullID(u.ParentID), u.Name, u.Phone, u.Email, u.Position, u.ID)
	return affected(res, err, "Đơn vị / unit", u.ID)
}

const staffCols = "id, unit_id, full_name, title, phone, email, email_generated, email_review, position, is_sample"

func scanStaff(s interface{ Scan(...any) error }) (*content.Staff, error) {
	st := &content.Staff{}
	return st, s.Scan(&st.ID, id(&st.UnitID), &st.FullName, &st.Title, &st.Phone, &st.Email, bl(&st.EmailGenerated), bl(&st.EmailReview), &st.Position, bl(&st.Sample))
}

func (t *tx) Staff(sid int64) (*content.Staff, error) {
	st, err := scanStaff(t.tx.QueryRowContext(t.ctx, "SELECT "+staffCols+" FROM staff WHERE id = ?", sid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, content.Errorf(content.ENOTFOUND, "Không tìm thấy cán bộ %d", "Staff %d not found", sid)
	}
	return st, err
}

func (t *tx) StaffList(unitID int64) ([]*content.Staff, error) {
	q, args := "SELECT "+staffCols+" FROM staff", []any{}
	if unitID != 0 {
		q += " WHERE unit_id = ?"
		args = append(args, unitID)
	}
	var out []*content.Staff
	err := t.each(q+" ORDER BY unit_id, position, id", args, func(r *sql.Rows) error {
		st, err := scanStaff(r)
		out = append(out, st)
		return err
	})
	return out, err
}

func (t *tx) CreateStaff(s *content.Staff) error {
	var err error
	s.ID, err = t.insert("Địa chỉ thư / staff email", `INSERT INTO staff (unit_id, full_name, title, phone, email, email_generated,
		email_review, position, is_sample) VALUES (?,?,?,?,?,?,?,?,?)`,
		nullID(s.UnitID), s.FullName, s.Title, s.Phone, s.Email, b2i(s.EmailGenerated), b2i(s.EmailReview), s.Position, b2i(s.Sample))
	return err
}

func (t *tx) UpdateStaff(s *content.Staff) error {
	res, err := t.exec(`UPDATE staff SET unit_id=?, full_name=?, title=?, phone=?, email=?, email_generated=?, email_review=?,
		position=? WHERE id=?`, nullID(s.UnitID), s.FullName, s.Title, s.Phone, s.Email, b2i(s.EmailGenerated), b2i(s.EmailReview), s.Position, s.ID)
	return affected(res, err, "Địa chỉ thư / staff email", s.ID)
}

// ---- royalties

func (t *tx) RoyaltyCategories() ([]*content.RoyaltyCategory, error) {
	var out []*content.RoyaltyCategory
	err := t.each("SELECT id, name, base_amount, active FROM royalty_categories ORDER BY id", nil, func(r *sql.Rows) error {
		c := &content.RoyaltyCategory{}
		err := r.Scan(&c.ID, &c.Name, &c.BaseAmount, bl(&c.Active))
		out = append(out, c)
		return err
	})
	return out, err
}

func (t *tx) RoyaltyCategory(cid int64) (*content.RoyaltyCategory, error) {
	c := &content.RoyaltyCategory{}
	err := t.one("loại nhuận bút / royalty category", cid, "SELECT id, name, base_amount, active FROM royalty_categories WHERE id = ?",
		[]any{cid}, &c.ID, &c.Name, &c.BaseAmount, bl(&c.Active))
	return c, err
}

func (t *tx) CreateRoyaltyCategory(c *content.RoyaltyCategory) error {
	var err error
	c.ID, err = t.insert("Loại nhuận bút / royalty category", "INSERT INTO royalty_categories (name, base_amount, active) VALUES (?,?,?)",
		c.Name, c.BaseAmount, b2i(c.Active))
	return err
}

func (t *tx) UpdateRoyaltyCategory(c *content.RoyaltyCategory) error {
	res, err := t.exec("UPDATE royalty_categories SET name=?, base_amount=?, active=? WHERE id=?", c.Name, c.BaseAmount, b2i(c.Active), c.ID)
	return affected(res, err, "Loại nhuận bút / royalty category", c.ID)
}

func (t *tx) CreateRoyalty(r *content.Royalty) error {
	var err error
	r.ID, err = t.insert("Nhuận bút / royalty", `INSERT INTO royalties (item_id, category_id, recipient, account_id, coefficient,
		base_amount, amount, month, note, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		r.ItemID, r.CategoryID, r.Recipient, nullID(r.AccountID), r.Coefficient, r.BaseAmount, r.Amount, r.Month, r.Note,
		nullID(r.CreatedBy), ts(r.CreatedAt))
	return err
}

func (t *tx) Royalties(itemID int64) ([]*content.Royalty, error) {
	var out []*content.Royalty
	err := t.each(`SELECT id, item_id, category_id, recipient, account_id, coefficient, base_amount, amount, month, note,
		created_by, created_at FROM royalties WHERE item_id = ? ORDER BY id`, []any{itemID}, func(rows *sql.Rows) error {
		r := &content.Royalty{}
		err := rows.Scan(&r.ID, &r.ItemID, &r.CategoryID, &r.Recipient, id(&r.AccountID), &r.Coefficient, &r.BaseAmount,
			&r.Amount, &r.Month, &r.Note, id(&r.CreatedBy), tm(&r.CreatedAt))
		out = append(out, r)
		return err
	})
	return out, err
}

func (t *tx) RoyaltySummary(month string) ([]*content.RoyaltySummaryRow, error) {
	var out []*content.RoyaltySummaryRow
	err := t.each(`SELECT r.recipient, c.name, count(DISTINCT r.item_id), sum(r.amount)
		FROM royalties r JOIN royalty_categories c ON c.id = r.category_id
		WHERE r.month = ? GROUP BY r.recipient, c.name ORDER BY r.recipient, c.name`, []any{month}, func(rows *sql.Rows) error {
		s := &content.RoyaltySummaryRow{}
		err := rows.Scan(&s.Recipient, &s.Category, &s.Items, &s.Amount)
		out = append(out, s)
		return err
	})
	return out, err
}
