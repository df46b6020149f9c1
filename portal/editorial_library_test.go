package portal_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/portal/content"
)

// An administrator adds a document with its file through the form, finds
// it by a search without diacritics, edits it; the public library links
// the file, served as a download. Bad input changes nothing.
func TestLibraryAdmin(t *testing.T) {
	e := newContentEnv(t, nil)
	a := e.signIn(e.admin)
	dept := itoa(e.portals[content.PortalDepartment].ID)
	odt := odfFile(t, "application/vnd.oasis.opendocument.text")
	// form is the document's fields; extra fields replace those of the same name.
	form := func(extra ...part) []part {
		out := []part{field("portal", dept), field("number", "95/QĐ-SKH"), field("type", "Quyết định"),
			field("issuing_body", "Sở Kế hoạch và Đầu tư"), field("issue_date", "2026-03-02"), field("effective_date", "2026-03-02"),
			field("status", "in_force"), field("summary", "Ban hành Quy chế hoạt động của Cổng thông tin điện tử")}
		for _, x := range extra {
			replaced := false
			for i := range out {
				if out[i].field == x.field && x.name == "" {
					out[i], replaced = x, true
				}
			}
			if !replaced {
				out = append(out, x)
			}
		}
		return out
	}
	// Invalid: the effective date before the issue date; nothing saved, the form keeps the text.
	bad := form(field("effective_date", "2026-01-01"))
	r := a.postMultipart("/quan-tri/van-ban", bad...)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Ngày hiệu lực trước ngày ban hành") || !strings.Contains(r.Body, "Ban hành Quy chế") {
		t.Fatalf("invalid document: %d %s", r.Status, textOf(r.Body))
	}
	r = a.postMultipart("/quan-tri/van-ban", form(file("doc_file", "QĐ 95.odt", odt))...)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.Status, textOf(r.Body))
	}
	docs, err := e.svc.Documents(e.ctx, content.DocumentFilter{})
	if err != nil || len(docs) != 1 || docs[0].FileID == 0 {
		t.Fatalf("documents: %v %+v", err, docs)
	}
	d := docs[0]
	list := a.get("/quan-tri/van-ban?q=quy+che+cong+thong+tin").Body
	mustContain(t, list, "95/QĐ-SKH", "QĐ 95.odt", `href="/quan-tri/van-ban/`+itoa(d.ID)+`/sua"`)
	mustNotContain(t, a.get("/quan-tri/van-ban?q=cong+van").Body, "95/QĐ-SKH")

	// Edited: a new status and a DOCX file, flagged for review.
	r = a.postMultipart("/quan-tri/van-ban/"+itoa(d.ID)+"/sua", append(form(field("status", "amended"), field("file", itoa(d.FileID))),
		file("doc_file", "QĐ 95 sửa.docx", docxFile(t)))...)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", r.Status, textOf(r.Body))
	}
	d2, _ := e.svc.Document(e.ctx, d.ID)
	if d2.Status != content.DocAmended || d2.FileID == d.FileID {
		t.Fatalf("after edit: %+v", d2)
	}
	mustContain(t, a.get("/quan-tri/van-ban").Body, "QĐ 95 sửa.docx", "Cần xem xét: định dạng docx")

	// The public library links the file; the download has its safe name.
	anon := e.client()
	pub := anon.get("/chuyen-muc/van-ban-chi-dao-dieu-hanh?q=95").Body
	mustContain(t, pub, `href="/tep/`+itoa(d2.FileID)+`"`, "QĐ 95 sửa.docx")
	dl := anon.get("/tep/" + itoa(d2.FileID))
	if dl.Status != 200 || !strings.Contains(dl.Header.Get("Content-Disposition"), "attachment;") || dl.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("document download: %d %v", dl.Status, dl.Header)
	}

	// Only administrators.
	w := e.signIn(e.writer)
	if r := w.get("/quan-tri/van-ban"); r.Status != http.StatusForbidden {
		t.Errorf("a contributor opens the library admin: %d", r.Status)
	}
	if r := w.postMultipart("/quan-tri/van-ban", form(file("doc_file", "x.pdf", []byte("%PDF-1.4\n")))...); r.Status != http.StatusForbidden {
		t.Errorf("a contributor adds a document: %d", r.Status)
	}
	if n := attachmentCount(t, e); n != 2 {
		t.Errorf("attachments: %d (the contributor's refused upload must store nothing)", n)
	}
}
