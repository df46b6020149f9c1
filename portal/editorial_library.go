package portal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// ---- the document library's administration (văn bản chỉ đạo điều hành,
// văn bản pháp luật liên quan đến doanh nghiệp)

// requireAdmin refuses a page to anyone but administrators.
func requireAdmin(c *gin.Context) error {
	if currentViewer(c).Account.Has(content.RoleAdministrator) {
		return nil
	}
	return content.Errorf(content.EFORBIDDEN, "Chỉ quản trị được thao tác này", "Only administrators may do this")
}

type documentsPage struct {
	adminPage
	Query   string
	Portal  int64
	Portals []formOption
	Docs    []adminDocRow
	Limit   int
}

type adminDocRow struct {
	*content.Document
	Portal, Issued, Effective, Status, Href string
	File                                    *content.Attachment
}

const adminLibraryLimit = 500

func documentHref(id int64) string { return fmt.Sprintf("/quan-tri/van-ban/%d/sua", id) }

// documents lists the library for administrators, searched as the public
// page is (?q=: every word, diacritics folded), optionally of one portal.
func (s *server) documents(c *gin.Context) {
	if err := requireAdmin(c); err != nil {
		s.editorialFail(c, err)
		return
	}
	ctx := c.Request.Context()
	q := strings.TrimSpace(c.Query("q"))
	portal, _ := strconv.ParseInt(c.Query("cong"), 10, 64)
	docs, err := s.ed.content.Documents(ctx, content.DocumentFilter{PortalID: portal, Query: q, Limit: adminLibraryLimit})
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	n, err := s.loadNames(ctx)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := documentsPage{adminPage: newAdminPage(c, "title_documents"), Query: q, Portal: portal, Limit: adminLibraryLimit}
	p.Portals = portalOptions(n, portal, at(p.Lang, "doc_all_portals"))
	var fileIDs []int64
	for _, d := range docs {
		fileIDs = append(fileIDs, d.FileID)
	}
	files, err := s.ed.content.Attachments(ctx, fileIDs...)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	byID := map[int64]*content.Attachment{}
	for _, f := range files {
		byID[f.ID] = f
	}
	for _, d := range docs {
		r := adminDocRow{Document: d, Portal: n.portal(d.PortalID), Issued: dateIn(p.Lang, d.IssueDate),
			Status: labelIn(p.Lang, "docst_", d.Status), Href: documentHref(d.ID), File: byID[d.FileID]}
		if !d.EffectiveDate.IsZero() {
			r.Effective = dateIn(p.Lang, d.EffectiveDate)
		}
		p.Docs = append(p.Docs, r)
	}
	s.renderAdmin(c, http.StatusOK, "documents", p)
}

// portalOptions lists the portals for a select; none ("" label) omits the
// empty choice.
func portalOptions(n *names, selected int64, none string) []formOption {
	var out []formOption
	if none != "" {
		out = append(out, formOption{Value: "0", Label: none, Selected: selected == 0})
	}
	for _, id := range sortedPortalIDs(n) {
		out = append(out, formOption{Value: strconv.FormatInt(id, 10), Label: n.portalName(n.portals[id]), Selected: id == selected})
	}
	return out
}

type documentForm struct {
	PortalID                           int64
	Number, Type, IssuingBody, Summary string
	IssueDate, EffectiveDate, Status   string
	FileID                             int64
	RemoveFile                         bool
}

type documentFormPage struct {
	adminPage
	Action   string
	In       documentForm
	Portals  []formOption
	Statuses []formOption
	File     *content.Attachment
	Message  string
	MaxFile  string
}

func documentFormOf(d *content.Document) documentForm {
	f := documentForm{PortalID: d.PortalID, Number: d.Number, Type: d.Type, IssuingBody: d.IssuingBody, Summary: d.Summary,
		IssueDate: d.IssueDate.Format("2006-01-02"), Status: d.Status, FileID: d.FileID}
	if !d.EffectiveDate.IsZero() {
		f.EffectiveDate = d.EffectiveDate.Format("2006-01-02")
	}
	return f
}

func readDocumentForm(c *gin.Context) documentForm {
	portal, _ := strconv.ParseInt(c.PostForm("portal"), 10, 64)
	file, _ := strconv.ParseInt(c.PostForm("file"), 10, 64)
	return documentForm{PortalID: portal, Number: c.PostForm("number"), Type: c.PostForm("type"),
		IssuingBody: c.PostForm("issuing_body"), Summary: c.PostForm("summary"), IssueDate: c.PostForm("issue_date"),
		EffectiveDate: c.PostForm("effective_date"), Status: c.PostForm("status"), FileID: file,
		RemoveFile: c.PostForm("file_remove") != ""}
}

// input checks the dates (YYYY-MM-DD, as a date input sends them); the
// service checks the rest.
func (f documentForm) input() (content.DocumentInput, error) {
	in := content.DocumentInput{PortalID: f.PortalID, Number: f.Number, Type: f.Type, IssuingBody: f.IssuingBody,
		Summary: f.Summary, Status: f.Status, FileID: f.FileID}
	if f.RemoveFile {
		in.FileID = 0
	}
	for _, d := range []struct {
		s  string
		t  *time.Time
		vi string
		en string
	}{{f.IssueDate, &in.IssueDate, "ngày ban hành", "issue date"}, {f.EffectiveDate, &in.EffectiveDate, "ngày hiệu lực", "effective date"}} {
		if strings.TrimSpace(d.s) == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", strings.TrimSpace(d.s))
		if err != nil {
			return in, &content.Error{Code: content.EINVALID, VI: fmt.Sprintf("Ngày không hợp lệ (%s): %q", d.vi, d.s),
				EN: fmt.Sprintf("Not a valid date (%s): %q", d.en, d.s)}
		}
		*d.t = t
	}
	return in, nil
}

// documentStatuses are the statuses in the form's order (labels "docst_").
var documentStatuses = []string{content.DocInForce, content.DocNotYet, content.DocAmended, content.DocExpired, content.DocReplaced}

func (s *server) renderDocumentForm(c *gin.Context, status int, id int64, in documentForm, msg string) {
	n, err := s.loadNames(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := documentFormPage{adminPage: newAdminPage(c, "title_document_new"), Action: "/quan-tri/van-ban", In: in, Message: msg,
		Portals: portalOptions(n, in.PortalID, ""), MaxFile: megabytes(s.ed.content.Files.Limit())}
	if id != 0 {
		p.Title, p.Action = at(p.Lang, "title_document_edit", in.Number), documentHref(id)
	}
	for _, st := range documentStatuses {
		p.Statuses = append(p.Statuses, formOption{Value: st, Label: labelIn(p.Lang, "docst_", st), Selected: in.Status == st || in.Status == "" && st == content.DocInForce})
	}
	if in.FileID != 0 {
		files, err := s.ed.content.Attachments(c.Request.Context(), in.FileID)
		if err != nil {
			s.editorialFail(c, err)
			return
		}
		p.File = files[0]
	}
	s.renderAdmin(c, status, "document_form", p)
}

func (s *server) documentNew(c *gin.Context) {
	if err := requireAdmin(c); err != nil {
		s.editorialFail(c, err)
		return
	}
	portal, _ := strconv.ParseInt(c.Query("cong"), 10, 64)
	s.renderDocumentForm(c, http.StatusOK, 0, documentForm{PortalID: portal, Status: content.DocInForce}, "")
}

func (s *server) documentEdit(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if err := requireAdmin(c); err != nil {
		s.editorialFail(c, err)
		return
	}
	d, err := s.ed.content.Document(c.Request.Context(), id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.renderDocumentForm(c, http.StatusOK, id, documentFormOf(d), "")
}

func (s *server) documentCreate(c *gin.Context) { s.documentSubmit(c, 0) }

func (s *server) documentSave(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	s.documentSubmit(c, id)
}

// documentSubmit stores the document's file (the same upload path as an
// item's attachments: checked by content, flagged when not ODF or PDF) and
// creates or updates the document (the service checks the administrator).
func (s *server) documentSubmit(c *gin.Context, id int64) {
	ctx, v := c.Request.Context(), currentViewer(c)
	f := readDocumentForm(c)
	err := requireAdmin(c)
	if err == nil {
		err = s.takeDocumentUpload(c, &f)
	}
	var d *content.Document
	if err == nil {
		var in content.DocumentInput
		if in, err = f.input(); err == nil {
			if id == 0 {
				d, err = s.ed.content.CreateDocument(ctx, v.Actor, in)
			} else {
				d, err = s.ed.content.UpdateDocument(ctx, v.Actor, id, in)
			}
		}
	}
	switch content.ErrorCode(err) {
	case "":
		seeOther(c, "/quan-tri/van-ban?ok=document&q="+urlQuery(d.Number))
	case content.EINVALID, content.ECONFLICT:
		s.renderDocumentForm(c, http.StatusUnprocessableEntity, id, f, errorIn(adminLang(c), err))
	default:
		s.editorialFail(c, err)
	}
}

func (s *server) takeDocumentUpload(c *gin.Context, f *documentForm) error {
	files := uploadsOf(c, "doc_file")
	if len(files) > 1 {
		return content.Errorf(content.EINVALID, "Mỗi văn bản một tệp", "One file per document")
	}
	for _, u := range files {
		att, err := s.store(c, u)
		if err != nil {
			return err
		}
		f.FileID, f.RemoveFile = att.ID, false
	}
	return nil
}
