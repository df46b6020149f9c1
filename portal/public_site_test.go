package portal_test

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal"
	"github.com/laocai-dpi/dpi/portal/content"
)

// Published items are on their portal's pages at one canonical address;
// anything not published is not found; other addresses redirect.
func TestPublicArticlesAndChannels(t *testing.T) {
	e := newContentEnv(t, nil)
	pub := e.item(e.writer, e.news, "Hội nghị xúc tiến đầu tư năm 2026", "Nội dung **hội nghị**.", content.StatePublished)
	biz := e.item(e.writer, e.bizNews, "Hướng dẫn đăng ký hộ kinh doanh", "Các bước.", content.StatePublished)
	c := e.client()
	canonical := "/bai-viet/" + itoa(pub.ID) + "-hoi-nghi-xuc-tien-dau-tu-nam-2026"

	r := c.get(canonical)
	if r.Status != 200 {
		t.Fatalf("%s: %d", canonical, r.Status)
	}
	mustContain(t, r.Body, "<h1>Hội nghị xúc tiến đầu tư năm 2026</h1>", "<strong>hội nghị</strong>", `aria-current="page">Tin tức - Sự kiện`)
	for path, want := range map[string]string{
		"/bai-viet/" + itoa(pub.ID):              canonical,
		"/bai-viet/" + itoa(pub.ID) + "-cu":      canonical,
		"/pci/bai-viet/" + itoa(pub.ID):          canonical,
		"/bai-viet/" + itoa(biz.ID) + "-x":       "/doanh-nghiep/bai-viet/" + itoa(biz.ID) + "-huong-dan-dang-ky-ho-kinh-doanh",
		"/bai-viet/" + itoa(pub.ID) + "?lang=en": canonical + "?lang=en",
	} {
		if r := c.get(path); r.Status != http.StatusMovedPermanently || r.Header.Get("Location") != want {
			t.Errorf("%s: %d → %q, want 301 → %q", path, r.Status, r.Header.Get("Location"), want)
		}
	}
	for _, st := range []content.State{content.StateDraft, content.StateInReview, content.StateApproved, content.StateScheduled, content.StateArchived} {
		it := e.item(e.writer, e.news, "Bài chưa công khai", "Bí mật.", st)
		if r := c.get("/bai-viet/" + itoa(it.ID) + "-bai-chua-cong-khai"); r.Status != 404 || strings.Contains(r.Body, "Bí mật") {
			t.Errorf("%s item: %d", st, r.Status)
		}
	}
	for _, path := range []string{"/bai-viet/abc", "/bai-viet/0", "/chuyen-muc/khong-co", "/doanh-nghiep/chuyen-muc/tin-tuc-su-kien"} {
		if r := c.get(path); r.Status != 404 {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
	}

	// Channel pages and the home page list it; the other portal does not.
	mustContain(t, c.get("/chuyen-muc/tin-tuc-su-kien").Body, "Hội nghị xúc tiến đầu tư năm 2026", canonical)
	mustContain(t, c.get("/").Body, "Hội nghị xúc tiến đầu tư năm 2026")
	mustNotContain(t, c.get("/doanh-nghiep").Body, "Hội nghị xúc tiến")
	mustContain(t, c.get("/doanh-nghiep").Body, "Hướng dẫn đăng ký hộ kinh doanh", "Cổng hỗ trợ doanh nghiệp")
	// The English pages show English items only, with the frame in English.
	en := c.get("/chuyen-muc/tin-tuc-su-kien?lang=en")
	mustContain(t, en.Body, `lang="en"`, "News and events", "Nothing in English yet")
	mustNotContain(t, en.Body, "Hội nghị xúc tiến")

	// Data and link channels lead to their pages; the PCI data pages stay.
	if r := c.get("/pci/chuyen-muc/pci-cua-tinh"); r.Status != http.StatusFound || r.Header.Get("Location") != "/pci/ranking" {
		t.Errorf("data channel: %d %q", r.Status, r.Header.Get("Location"))
	}
	mustContain(t, c.get("/pci").Body, `href="/pci/ranking"`, "Cổng thông tin PCI")
}

func TestAtomFeedsAndSitemap(t *testing.T) {
	e := newContentEnv(t, nil, func(o *portal.Options) { o.BaseURL = "https://skhdt.laocai.gov.vn" })
	it := e.item(e.writer, e.news, "Tin <có> & \"ký tự\" đặc biệt", "Thân <b>bài</b>.\n\n<script>alert(1)</script>", content.StatePublished)
	other := e.item(e.writer, e.sector, "Tin ngành", "Nội dung.", content.StatePublished)
	e.item(e.writer, e.news, "Bản nháp", "Chưa đăng.", content.StateDraft)

	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Content string `xml:"content"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	r := e.client().get("/chuyen-muc/tin-tuc-su-kien/feed.atom")
	if err := xml.Unmarshal([]byte(r.Body), &feed); err != nil {
		t.Fatalf("feed: %v\n%s", err, r.Body)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Title != it.Title {
		t.Fatalf("channel feed entries: %+v", feed.Entries)
	}
	entry := feed.Entries[0]
	if entry.Link.Href != "https://skhdt.laocai.gov.vn/bai-viet/"+itoa(it.ID)+"-tin-co-ky-tu-dac-biet" ||
		!strings.HasPrefix(entry.ID, "tag:") || strings.Contains(entry.Content, "<script") || !strings.Contains(entry.Content, "<b>bài</b>") {
		t.Errorf("entry: %+v", entry)
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
		t.Errorf("updated %q: %v", feed.Updated, err)
	}
	if feed.Links[0].Rel != "self" || feed.Links[0].Href != "https://skhdt.laocai.gov.vn/chuyen-muc/tin-tuc-su-kien/feed.atom" {
		t.Errorf("self link: %+v", feed.Links)
	}
	r = e.client().get("/feed.atom")
	mustContain(t, r.Body, "Tin ngành", "Tin &lt;có&gt;")
	mustNotContain(t, r.Body, "Bản nháp")
	if r := e.client().get("/pci/feed.atom"); strings.Contains(r.Body, "<entry") {
		t.Error("the PCI portal's feed has the department's items")
	}

	r = e.client().get("/sitemap.xml")
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(r.Body), &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		locs[u.Loc] = true
	}
	for _, want := range []string{"https://skhdt.laocai.gov.vn/", "https://skhdt.laocai.gov.vn/doanh-nghiep", "https://skhdt.laocai.gov.vn/pci",
		"https://skhdt.laocai.gov.vn/chuyen-muc/tin-tuc-su-kien",
		"https://skhdt.laocai.gov.vn/bai-viet/" + itoa(other.ID) + "-tin-nganh"} {
		if !locs[want] {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if len(sm.URLs) != 3+22+2 { // homes, channels other than data/link (9+8+5), published items
		t.Errorf("sitemap has %d addresses", len(sm.URLs))
	}
}
