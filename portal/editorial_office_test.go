package portal_test

import (
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/portal/content"
)

// auditOf is the actions logged for one object, oldest first.
func (e *contentEnv) auditOf(objType string, id int64) []string {
	e.t.Helper()
	evs, err := e.svc.AuditLog(e.ctx, e.actor(e.admin), content.AuditFilter{ObjectType: objType, ObjectID: id})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, ev := range slices.Backward(evs) {
		out = append(out, ev.Action)
	}
	return out
}

// refused checks a form the service refused: 422, the message in Vietnamese
// and English, and no new audit event.
func refused(t *testing.T, e *contentEnv, r response, vi, en string, auditBefore int) {
	t.Helper()
	body := html.UnescapeString(r.Body)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(body, vi) || !strings.Contains(body, en) {
		t.Fatalf("refused form: %d, want 422 with %q / %q: %.400s", r.Status, vi, en, textOf(r.Body))
	}
	if n := e.auditCount(); n != auditBefore {
		t.Fatalf("a refused form logged %d audit events", n-auditBefore)
	}
}

func (e *contentEnv) auditCount() int {
	e.t.Helper()
	evs, err := e.svc.AuditLog(e.ctx, e.actor(e.admin), content.AuditFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(evs)
}

func TestOfficePortalsAndChannels(t *testing.T) {
	e := newContentEnv(t, nil)
	adm := e.signIn(e.admin)
	biz := e.portals[content.PortalBusiness]
	page := adm.get("/quan-tri/cong-thong-tin")
	mustContain(t, page.Body, "Tiền tố đường dẫn mới chỉ có hiệu lực sau khi khởi động lại máy chủ", biz.NameVI, `value="/doanh-nghiep"`)
	if strings.Contains(page.Body, "data-restart") {
		t.Fatal("restart note before any change")
	}
	save := func(prefix, host string) response {
		return adm.post("/quan-tri/cong-thong-tin/"+itoa(biz.ID), url.Values{"name_vi": {biz.NameVI}, "name_en": {"Business support"}, "host": {host}, "prefix": {prefix}})
	}
	n := e.auditCount()
	refused(t, e, save("/quan-tri", ""), "đường dẫn riêng", "the site's own paths", n)
	refused(t, e, save("/pci", ""), "đã dùng tiền tố", "already has the prefix", n)
	// A prefix whose home page is a PCI page of the site would stop the next start.
	r := save("/pci/ranking", "")
	refused(t, e, r, "trùng với đường dẫn đã có", "clashes with a path", n)
	mustContain(t, r.Body, `value="/pci/ranking"`) // what was typed is shown again
	refused(t, e, save("/dn", "http://dn.example"), "Tên miền không hợp lệ", "Not a host name", n)

	if r := save("/dn", "dn.laocai.gov.vn"); r.Status != http.StatusSeeOther {
		t.Fatalf("save portal: %d %s", r.Status, textOf(r.Body))
	}
	page = adm.get("/quan-tri/cong-thong-tin?ok=portal")
	mustContain(t, page.Body, "data-restart", "Máy chủ đang phục vụ cổng này ở tiền tố «/doanh-nghiep»", `value="/dn"`)
	// The running server keeps the old prefix until it restarts; the new
	// name shows at once.
	if r := e.client().get("/doanh-nghiep"); r.Status != http.StatusOK {
		t.Fatalf("old prefix before restart: %d", r.Status)
	}
	if got := e.auditOf("portal", biz.ID); !slices.Equal(got, []string{"portal.update"}) {
		t.Fatalf("portal audit: %v", got)
	}

	// Channels: a new one on the PCI portal, then hidden.
	pci := e.portals[content.PortalPCI]
	chans := "/quan-tri/cong-thong-tin/" + itoa(pci.ID) + "/chuyen-muc"
	mustContain(t, adm.get(chans).Body, `data-slug="tin-tuc"`, "Hành động sau PCI")
	n = e.auditCount()
	refused(t, e, adm.post(chans, url.Values{"name_vi": {"Đấu thầu"}, "slug": {"Đấu thầu"}, "kind": {"news"}}), "chữ thường không dấu", "lower-case ASCII", n)
	refused(t, e, adm.post(chans, url.Values{"name_vi": {"Liên kết"}, "slug": {"lien-ket"}, "kind": {"link"}, "target": {"javascript:alert(1)"}}), "Chuyên mục liên kết cần", "A link channel needs", n)
	refused(t, e, adm.post(chans, url.Values{"name_vi": {"Tin"}, "slug": {"tin-tuc"}, "kind": {"news"}}), "", "", n) // the slug is taken
	refused(t, e, adm.post(chans, url.Values{"name_vi": {"Tin"}, "slug": {"tin-moi"}, "kind": {"news"}, "position": {"-3"}}), "Thứ tự", "Order", n)
	r = adm.post(chans, url.Values{"name_vi": {"Đấu thầu <b>mới</b>"}, "name_en": {"Procurement"}, "slug": {"dau-thau"}, "kind": {"news"}, "position": {"9"}, "visible": {"1"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("new channel: %d %s", r.Status, textOf(r.Body))
	}
	id := e.channel(content.PortalPCI, "dau-thau")
	home := e.client().get("/pci")
	mustContain(t, home.Body, "Đấu thầu &lt;b&gt;mới&lt;/b&gt;")
	edit := adm.get("/quan-tri/chuyen-muc/" + itoa(id))
	mustContain(t, edit.Body, `value="dau-thau"`, `value="Procurement"`, `name="visible" value="1" checked`)
	// Unticked "visible": hidden from the public menu.
	r = adm.post("/quan-tri/chuyen-muc/"+itoa(id), url.Values{"name_vi": {"Đấu thầu"}, "name_en": {"Procurement"}, "slug": {"dau-thau"}, "kind": {"news"}, "position": {"9"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("hide channel: %d %s", r.Status, textOf(r.Body))
	}
	if strings.Contains(e.client().get("/pci").Body, "Đấu thầu") {
		t.Fatal("hidden channel still in the menu")
	}
	if got := e.auditOf("channel", id); !slices.Equal(got, []string{"channel.create", "channel.update"}) {
		t.Fatalf("channel audit: %v", got)
	}
	if r := adm.get("/quan-tri/chuyen-muc/99999"); r.Status != http.StatusNotFound {
		t.Fatalf("missing channel: %d", r.Status)
	}
}

func TestOfficeTrustedSources(t *testing.T) {
	e := newContentEnv(t, nil)
	adm := e.signIn(e.admin)
	mustContain(t, adm.get("/quan-tri/nguon-tin").Body, "Báo Lào Cai", "Cổng Thông tin điện tử Chính phủ")
	n := e.auditCount()
	refused(t, e, adm.post("/quan-tri/nguon-tin", url.Values{"name": {"Blog"}, "category": {"blog"}}), "Loại nguồn không hợp lệ", "Unknown source category", n)
	refused(t, e, adm.post("/quan-tri/nguon-tin", url.Values{"name": {"Bộ Tài chính"}, "category": {"ministry"}, "url": {"javascript:x"}}), "http://", "http://", n)
	r := adm.post("/quan-tri/nguon-tin", url.Values{"name": {"Cổng thông tin Bộ Tài chính"}, "category": {"ministry"}, "url": {"https://mof.gov.vn"}, "active": {"1"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("new source: %d %s", r.Status, textOf(r.Body))
	}
	list, err := e.svc.TrustedSources(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	src := list[len(list)-1]
	if src.Name != "Cổng thông tin Bộ Tài chính" || !src.Active {
		t.Fatalf("new source: %+v", src)
	}
	mustContain(t, adm.get("/quan-tri/bai-viet/moi").Body, ">Cổng thông tin Bộ Tài chính</option>")
	// Stopped (never deleted): the item form no longer offers it.
	r = adm.post("/quan-tri/nguon-tin/"+itoa(src.ID), url.Values{"name": {src.Name}, "category": {"ministry"}, "url": {src.URL}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("stop source: %d %s", r.Status, textOf(r.Body))
	}
	mustContain(t, adm.get("/quan-tri/nguon-tin").Body, `<tr data-active="false"><th scope="row">Cổng thông tin Bộ Tài chính</th>`)
	if strings.Contains(adm.get("/quan-tri/bai-viet/moi").Body, "Bộ Tài chính") {
		t.Fatal("the item form still offers a stopped source")
	}
	if got := e.auditOf("trusted_source", src.ID); !slices.Equal(got, []string{"trusted_source.create", "trusted_source.update"}) {
		t.Fatalf("source audit: %v", got)
	}
}

// The directory: a generated address that collides gets a number, is shown
// and flagged, and the office confirms it.
func TestOfficeDirectory(t *testing.T) {
	e := newContentEnv(t, nil)
	adm := e.signIn(e.admin)
	n := e.auditCount()
	refused(t, e, adm.post("/quan-tri/danh-ba/don-vi", url.Values{"name": {" "}}), "Cần tên đơn vị", "The unit's name is required", n)
	if r := adm.post("/quan-tri/danh-ba/don-vi", url.Values{"name": {"Phòng Đăng ký kinh doanh"}, "email": {"dkkd-skhdt@laocai.gov.vn"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("new unit: %d %s", r.Status, textOf(r.Body))
	}
	units, _, err := e.svc.Directory(e.ctx)
	if err != nil || len(units) != 1 {
		t.Fatal(units, err)
	}
	unit := units[0]
	// A unit inside itself is refused on the list page, with the message by its row.
	refused(t, e, adm.post("/quan-tri/danh-ba/don-vi/"+itoa(unit.ID), url.Values{"name": {unit.Name}, "parent": {itoa(unit.ID)}}), "không thể nằm trong chính nó", "cannot be inside itself", e.auditCount())

	// The writer's account holds dxphong-skhdt@: another Đặng Xuân Phong collides.
	r := adm.post("/quan-tri/danh-ba/can-bo", url.Values{"full_name": {"Đặng  Xuân Phong"}, "title": {"Chuyên viên"}, "unit": {itoa(unit.ID)}})
	if r.Status != http.StatusSeeOther || !strings.Contains(r.Header.Get("Location"), "ok=staff_create") {
		t.Fatalf("new staff: %d %s", r.Status, textOf(r.Body))
	}
	page := adm.get(r.Header.Get("Location"))
	mustContain(t, page.Body, "dxphong2-skhdt@laocai.gov.vn", `id="email-review"`, "Đã thêm cán bộ vào danh bạ.")
	dir := adm.get("/quan-tri/danh-ba")
	mustContain(t, dir.Body, `<section id="review">`, "(trùng, chờ xác nhận)")
	_, staff, err := e.svc.Directory(e.ctx)
	if err != nil || len(staff) != 1 || !staff[0].EmailReview || staff[0].UnitID != unit.ID {
		t.Fatalf("staff: %+v %v", staff, err)
	}
	st := staff[0]
	if r := adm.post("/quan-tri/danh-ba/can-bo/"+itoa(st.ID)+"/xac-nhan", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", r.Status, textOf(r.Body))
	}
	page = adm.get("/quan-tri/danh-ba/can-bo/" + itoa(st.ID))
	if strings.Contains(page.Body, `id="email-review"`) || strings.Contains(adm.get("/quan-tri/danh-ba").Body, `id="review"`) {
		t.Fatal("still flagged after the confirmation")
	}
	// A second confirmation is a conflict, not a second audit line.
	if r := adm.post("/quan-tri/danh-ba/can-bo/"+itoa(st.ID)+"/xac-nhan", nil); r.Status != http.StatusConflict {
		t.Fatalf("second confirm: %d", r.Status)
	}
	// An address typed by hand; a bad one is refused.
	refused(t, e, adm.post("/quan-tri/danh-ba/can-bo/"+itoa(st.ID), url.Values{"full_name": {st.FullName}, "email": {"không hợp lệ"}}), "không hợp lệ", "not valid", e.auditCount())
	if r := adm.post("/quan-tri/danh-ba/can-bo/"+itoa(st.ID), url.Values{"full_name": {st.FullName}, "title": {"Trưởng phòng"}, "email": {"phong.dx@laocai.gov.vn"}, "unit": {itoa(unit.ID)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("edit staff: %d %s", r.Status, textOf(r.Body))
	}
	mustContain(t, adm.get("/quan-tri/danh-ba").Body, "phong.dx@laocai.gov.vn", "Trưởng phòng")
	if got := e.auditOf("staff", st.ID); !slices.Equal(got, []string{"staff.create", "staff.confirm_email", "staff.update"}) {
		t.Fatalf("staff audit: %v", got)
	}
	if got := e.auditOf("staff_unit", unit.ID); !slices.Equal(got, []string{"staff_unit.create"}) {
		t.Fatalf("unit audit: %v", got)
	}
}

func TestOfficeAccountRoles(t *testing.T) {
	e := newContentEnv(t, nil)
	adm := e.signIn(e.admin)
	mustContain(t, adm.get("/quan-tri/tai-khoan").Body, `href="/quan-tri/tai-khoan/`+itoa(e.writer2.ID)+`" data-action="roles"`)
	form := "/quan-tri/tai-khoan/" + itoa(e.writer2.ID)
	mustContain(t, adm.get(form).Body, e.writer2.Email, `value="contributor" checked`)
	n := e.auditCount()
	refused(t, e, adm.post(form, url.Values{"role": {"contributor"}, "channel": {itoa(e.sector)}}), "Chỉ người duyệt được giao chuyên mục", "Only reviewers are assigned channels", n)
	refused(t, e, adm.post(form, nil), "Cần ít nhất một vai trò", "At least one role", n)
	// Nobody changes their own roles, nor makes a second director.
	if r := adm.post("/quan-tri/tai-khoan/"+itoa(e.admin.ID), url.Values{"role": {"administrator", "director"}}); r.Status != http.StatusForbidden || !strings.Contains(r.Body, "Không tự đổi vai trò") {
		t.Fatalf("own roles: %d %s", r.Status, textOf(r.Body))
	}
	if r := adm.post(form, url.Values{"role": {"contributor", "director"}}); r.Status != http.StatusForbidden {
		t.Fatalf("a second director: %d %s", r.Status, textOf(r.Body))
	}
	if n2 := e.auditCount(); n2 != n {
		t.Fatalf("refused role changes logged %d events", n2-n)
	}
	r := adm.post(form, url.Values{"role": {"contributor", "reviewer"}, "channel": {itoa(e.sector), itoa(e.bizNews)}, "department": {"Phòng Tổng hợp"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("set roles: %d %s", r.Status, textOf(r.Body))
	}
	// The new reviewer reviews the sector channel now: an item there waits in their list.
	it := e.item(e.writer, e.sector, "Bài ngành", "Nội dung.", content.StateInReview)
	rev := e.signIn(e.writer2)
	if r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/approve", url.Values{"revision": {"1"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("new reviewer approves: %d %s", r.Status, textOf(r.Body))
	}
	mustContain(t, adm.get("/quan-tri/tai-khoan").Body, "Phòng Tổng hợp", "Duyệt: ")
	if got := e.auditOf("account", e.writer2.ID); !slices.Contains(got, "account.roles") {
		t.Fatalf("account audit: %v", got)
	}
}
