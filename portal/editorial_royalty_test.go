package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/portal/content"
)

// The office sets a category's amount, records a published article's
// royalty (amount × coefficient, in the month of publication), and the
// month's summary shows it, as a page and as xlsx and ods. Bad input
// changes nothing; only administrators record.
func TestRoyalties(t *testing.T) {
	e := newContentEnv(t, nil)
	a := e.signIn(e.admin)
	cats, err := e.svc.RoyaltyCategories(e.ctx, e.actor(e.admin))
	if err != nil || len(cats) == 0 {
		t.Fatal(err)
	}
	tin := cats[0]
	if r := a.post("/quan-tri/nhuan-but/loai/"+itoa(tin.ID), url.Values{"name": {tin.Name}, "amount": {"300.000"}, "active": {"1"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("set amount: %d %s", r.Status, textOf(r.Body))
	}
	if r := a.post("/quan-tri/nhuan-but/loai", url.Values{"name": {"Phóng sự ảnh"}, "amount": {"ba trăm"}}); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Mức tiền không hợp lệ") {
		t.Errorf("a bad amount: %d %s", r.Status, textOf(r.Body))
	}
	if r := a.post("/quan-tri/nhuan-but/loai", url.Values{"name": {"Phóng sự ảnh"}, "amount": {"500000"}}); r.Status != http.StatusSeeOther {
		t.Errorf("new category: %d %s", r.Status, textOf(r.Body))
	}
	mustContain(t, a.get("/quan-tri/nhuan-but/loai").Body, `value="300.000"`, "Phóng sự ảnh", `value="500.000"`)

	it := e.item(e.writer, e.news, "Hội nghị xúc tiến đầu tư", "Nội dung.", content.StatePublished)
	month := content.MonthOf(it.PublishedAt)
	entry := "/quan-tri/bai-viet/" + itoa(it.ID) + "/nhuan-but"
	mustContain(t, a.get("/quan-tri/bai-viet/"+itoa(it.ID)).Body, `href="`+entry+`"`)
	if r := a.post(entry, url.Values{"category": {itoa(tin.ID)}, "coefficient": {"0"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Hệ số phải lớn hơn 0") {
		t.Errorf("coefficient 0: %d %s", r.Status, textOf(r.Body))
	}
	if r := a.post(entry, url.Values{"category": {itoa(tin.ID)}, "coefficient": {"1,5"}, "note": {"Tin có ảnh"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add: %d %s", r.Status, textOf(r.Body))
	}
	page := a.get(entry).Body
	mustContain(t, between(page, `id="lines"`, "</table>"), e.writer.Name, "300.000", "1,5", "450.000", month, "Tin có ảnh")
	// A draft gets no royalty; a contributor records none.
	draft := e.item(e.writer, e.news, "Bản nháp", "Nội dung.", content.StateDraft)
	if r := a.post("/quan-tri/bai-viet/"+itoa(draft.ID)+"/nhuan-but", url.Values{"category": {itoa(tin.ID)}, "coefficient": {"1"}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("royalty of a draft: %d", r.Status)
	}
	if r := e.signIn(e.writer).post(entry, url.Values{"category": {itoa(tin.ID)}, "coefficient": {"1"}}); r.Status != http.StatusForbidden {
		t.Errorf("a contributor records a royalty: %d", r.Status)
	}
	lines, _ := e.svc.ItemRoyalties(e.ctx, e.actor(e.admin), it.ID)
	if len(lines) != 1 || lines[0].Amount != 450000 {
		t.Fatalf("ledger: %+v", lines)
	}

	// The month's summary, read by the board (a reviewer) as well.
	rev := e.signIn(e.reviewer)
	sum := rev.get("/quan-tri/nhuan-but?thang=" + month).Body
	mustContain(t, between(sum, `id="summary"`, "</table>"), e.writer.Name, tin.Name, "<td>1</td><td>450.000</td>", `id="total">450.000`)
	mustContain(t, between(a.get("/quan-tri/nhuan-but?thang="+month).Body, `id="month-items"`, "</table>"), "Hội nghị xúc tiến đầu tư", "450.000")
	x := rev.get("/quan-tri/nhuan-but.xlsx?thang=" + month)
	f, err := excelize.OpenReader(strings.NewReader(x.Body))
	if x.Status != 200 || err != nil {
		t.Fatalf("xlsx: %d %v", x.Status, err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if len(rows) != 2 || rows[1][0] != e.writer.Name || rows[1][1] != tin.Name || rows[1][2] != "1" || rows[1][3] != "450000" {
		t.Errorf("xlsx rows: %q", rows)
	}
	if v, _ := f.GetCellType(f.GetSheetList()[0], "D2"); v == excelize.CellTypeSharedString || v == excelize.CellTypeInlineString {
		t.Errorf("the amount is text in the xlsx")
	}
	o := rev.get("/quan-tri/nhuan-but.ods?thang=" + month)
	if o.Status != 200 || !strings.Contains(odsContent(t, o.Body), `office:value="450000"`) {
		t.Errorf("ods: %d", o.Status)
	}
	if r := e.signIn(e.writer).get("/quan-tri/nhuan-but"); r.Status != http.StatusForbidden {
		t.Errorf("a contributor reads the summary: %d", r.Status)
	}
}
