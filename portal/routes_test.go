package portal_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

// who is a column of the route table: a role, and whether the person owns
// the object the route acts on (the item's author; for other routes the
// owner columns behave as the others).
type who int

const (
	anonymous who = iota
	contributorOwner
	contributorOther
	reviewerOwner // contributor and reviewer of the channel, the item's author
	reviewerOther // reviewer of the channel
	adminOwner
	adminOther
	director
	columns
)

var whoNames = [columns]string{"anonymous", "contributor/owner", "contributor/not owner", "reviewer/owner",
	"reviewer/not owner", "administrator/owner", "administrator/not owner", "director"}

// principal is who signs in for column k; owner is the author of the items
// the route acts on (someone else for the not-owner columns).
func (e *contentEnv) principal(k who) (signedIn, owner *content.Account) {
	switch k {
	case contributorOwner:
		return e.writer, e.writer
	case contributorOther:
		return e.writer, e.writer2
	case reviewerOwner:
		return e.writerReviewer, e.writerReviewer
	case reviewerOther:
		return e.reviewer, e.writer2
	case adminOwner:
		return e.admin, e.admin
	case adminOther:
		return e.admin, e.writer2
	case director:
		return e.director, e.writer2
	}
	return nil, e.writer2
}

// routeCase is one route of the table. want holds the status for each
// column; public routes instead must answer every column alike (the status
// itself is the route's own tests' business: 200, or 404 for data the
// fixture lacks).
type routeCase struct {
	method, route string
	public        bool
	want          [columns]int
	// req builds the request of column k (fresh objects for each column).
	req func(e *contentEnv, k who, owner *content.Account) (string, url.Values)
}

const (
	ok     = http.StatusOK
	moved  = http.StatusSeeOther // a redirect after a change, or to the sign-in page
	unauth = http.StatusUnauthorized
	forbid = http.StatusForbidden
	nf     = http.StatusNotFound
)

// editorial GET pages: anonymous visitors are sent to sign in.
func getPage(signedIn ...int) [columns]int {
	return [columns]int(append([]int{moved}, signedIn...))
}

// editorial POSTs: anonymous requests are refused 401.
func change(signedIn ...int) [columns]int {
	return [columns]int(append([]int{unauth}, signedIn...))
}

func path(p string) func(*contentEnv, who, *content.Account) (string, url.Values) {
	return func(*contentEnv, who, *content.Account) (string, url.Values) { return p, nil }
}

// onItem acts on a fresh item of owner's in state st (in the department's
// news channel, which both reviewers review).
func onItem(st content.State, suffix string, form url.Values) func(*contentEnv, who, *content.Account) (string, url.Values) {
	return func(e *contentEnv, k who, owner *content.Account) (string, url.Values) {
		it := e.item(owner, e.news, fmt.Sprintf("Bài %d của %s", k, owner.Name), "Nội dung.", st)
		f := url.Values{}
		for key, v := range form {
			f[key] = v
		}
		if f.Has("title") {
			f.Set("channel", itoa(it.ChannelID))
		}
		return "/quan-tri/bai-viet/" + itoa(it.ID) + suffix, f
	}
}

// onFeedback acts on a fresh message sent through the business portal.
func onFeedback(suffix string, form url.Values) func(*contentEnv, who, *content.Account) (string, url.Values) {
	return func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
		f, err := e.svc.SubmitFeedback(e.ctx, "198.51.100.7", content.FeedbackInput{PortalID: e.portals[content.PortalBusiness].ID,
			Name: "Người dân", Subject: "Câu hỏi " + whoNames[k], Body: "Nội dung."})
		if err != nil {
			e.t.Fatal(err)
		}
		return "/quan-tri/gop-y/" + itoa(f.ID) + suffix, form
	}
}

func publishedIn(e *contentEnv, portalKey, channel string) string {
	ch := e.channel(portalKey, channel)
	it := e.item(e.writer, ch, "Bài công khai "+portalKey, "Nội dung công khai.", content.StatePublished)
	return strings.TrimSuffix(e.portals[portalKey].PathPrefix, "/") + "/bai-viet/" + itoa(it.ID) + "-bai-cong-khai-" + portalKey
}

func routeTable() []routeCase {
	all := func(s int) [columns]int {
		var w [columns]int
		for i := range w {
			w[i] = s
		}
		return w
	}
	public := func(method, route string, req func(*contentEnv, who, *content.Account) (string, url.Values)) routeCase {
		return routeCase{method: method, route: route, public: true, req: req}
	}
	itemCase := func(route string, st content.State, want [columns]int, form url.Values) routeCase {
		suffix := strings.TrimPrefix(route, "/quan-tri/bai-viet/:id")
		method := http.MethodPost
		if strings.HasPrefix(route, "GET ") {
			method, route = http.MethodGet, strings.TrimPrefix(route, "GET ")
			suffix = strings.TrimPrefix(route, "/quan-tri/bai-viet/:id")
		}
		return routeCase{method: method, route: route, want: want, req: onItem(st, suffix, form)}
	}
	edit := url.Values{"title": {"Tiêu đề đã sửa"}, "body": {"Nội dung mới."}, "kind": {"news"}, "lang": {"vi"}}
	reason := url.Values{"reason": {"Cần sửa số liệu."}}
	rev1 := url.Values{"revision": {"1"}}
	schedule := url.Values{"revision": {"1"}, "at": {time.Now().Add(48 * time.Hour).In(content.ICT).Format("2006-01-02T15:04")}}

	cases := []routeCase{
		// The PCI pages, API and downloads, static files: the same for everyone.
		public("GET", "/healthz", path("/healthz")),
		public("GET", "/static/*file", path("/static/style.css")),
		public("GET", "/pci/ranking", path("/pci/ranking")),
		public("GET", "/pci/compare", path("/pci/compare?p=10,79")),
		public("GET", "/pci/province/:code", path("/pci/province/10")),
		public("GET", "/pci/map", path("/pci/map")),
		public("GET", "/api/v1/pci/scores", path("/api/v1/pci/scores")),
		public("GET", "/api/v1/pci/compare", path("/api/v1/pci/compare?p=10,79")),
		public("GET", "/api/v1/pci/map", path("/api/v1/pci/map")),
		public("GET", "/api/v1/pci/province/:code", path("/api/v1/pci/province/10")),
		public("GET", "/api/openapi.json", path("/api/openapi.json")),
		// The enterprise search, its API and its downloads.
		public("GET", "/doanh-nghiep/tra-cuu", path("/doanh-nghiep/tra-cuu?name=hoa+binh")),
		public("GET", "/api/v1/business/enterprises", path("/api/v1/business/enterprises?name=hoa+binh")),
	}
	for _, f := range []string{"csv", "xlsx", "ods", "json", "parquet"} {
		cases = append(cases, public("GET", "/doanh-nghiep/tra-cuu."+f, path("/doanh-nghiep/tra-cuu."+f+"?name=hoa+binh")))
	}
	for _, view := range []string{"compare", "map", "ranking"} {
		for _, f := range []string{"csv", "xlsx", "ods", "json"} {
			q := ""
			if view == "compare" {
				q = "?p=10,79"
			}
			cases = append(cases, public("GET", "/pci/"+view+"."+f, path("/pci/"+view+"."+f+q)))
		}
	}

	// The three portals' public pages: 200 for everyone, signed in or not.
	for _, p := range []struct{ key, prefix, channel string }{
		{content.PortalDepartment, "", "tin-tuc-su-kien"}, {content.PortalBusiness, "/doanh-nghiep", "tin-tuc"}, {content.PortalPCI, "/pci", "tin-tuc"},
	} {
		home := p.prefix
		if home == "" {
			home = "/"
		}
		p := p
		cases = append(cases,
			routeCase{method: "GET", route: home, want: all(ok), req: path(home)},
			routeCase{method: "GET", route: p.prefix + "/chuyen-muc/:channel", want: all(ok), req: path(p.prefix + "/chuyen-muc/" + p.channel)},
			routeCase{method: "GET", route: p.prefix + "/chuyen-muc/:channel/feed.atom", want: all(ok), req: path(p.prefix + "/chuyen-muc/" + p.channel + "/feed.atom")},
			routeCase{method: "GET", route: p.prefix + "/feed.atom", want: all(ok), req: path(p.prefix + "/feed.atom")},
			routeCase{method: "GET", route: p.prefix + "/bai-viet/:id", want: all(ok), req: func(e *contentEnv, _ who, _ *content.Account) (string, url.Values) {
				return publishedIn(e, p.key, p.channel), nil
			}},
		)
	}
	// The public feedback form: the business portal has a feedback channel
	// (gop-y); posting to a channel of another kind is not found.
	feedback := func(p string) func(*contentEnv, who, *content.Account) (string, url.Values) {
		return func(_ *contentEnv, k who, _ *content.Account) (string, url.Values) {
			return p, url.Values{"name": {"Người dân " + whoNames[k]}, "subject": {"Hỏi về thủ tục"}, "body": {"Xin hướng dẫn."}}
		}
	}
	cases = append(cases,
		routeCase{method: "POST", route: "/doanh-nghiep/chuyen-muc/:channel", want: all(moved), req: feedback("/doanh-nghiep/chuyen-muc/gop-y")},
		routeCase{method: "POST", route: "/chuyen-muc/:channel", want: all(nf), req: feedback("/chuyen-muc/tin-tuc-su-kien")},
		routeCase{method: "POST", route: "/pci/chuyen-muc/:channel", want: all(nf), req: feedback("/pci/chuyen-muc/lien-he")},
		routeCase{method: "GET", route: "/sitemap.xml", want: all(ok), req: path("/sitemap.xml")})

	//                                   anon    c/own   c/other r/own   r/other a/own   a/other director
	cases = append(cases,
		routeCase{method: "GET", route: "/dang-nhap", want: [columns]int{ok, moved, moved, moved, moved, moved, moved, moved}, req: path("/dang-nhap")},
		routeCase{method: "POST", route: "/dang-nhap", want: all(moved), req: func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
			a, _ := e.principal(k)
			if a == nil {
				a = e.writer2
			}
			return "/dang-nhap", url.Values{"email": {a.Email}, "password": {e.passwords[a.ID]}}
		}},
		routeCase{method: "POST", route: "/dang-xuat", want: all(moved), req: path("/dang-xuat")},
		routeCase{method: "GET", route: "/quan-tri/", want: getPage(ok, ok, ok, ok, ok, ok, ok), req: path("/quan-tri/")},
		routeCase{method: "POST", route: "/quan-tri/thong-bao/:id/da-doc", want: change(moved, nf, moved, nf, moved, nf, nf),
			req: func(e *contentEnv, k who, owner *content.Account) (string, url.Values) {
				n := &content.Notification{AccountID: owner.ID, Kind: "published", Message: "Bài đã được đăng", CreatedAt: time.Now()}
				if err := e.db.Update(e.ctx, func(tx content.Tx) error { return tx.AddNotification(n) }); err != nil {
					e.t.Fatal(err)
				}
				return "/quan-tri/thong-bao/" + itoa(n.ID) + "/da-doc", nil
			}},
		routeCase{method: "GET", route: "/quan-tri/mat-khau", want: getPage(ok, ok, ok, ok, ok, ok, ok), req: path("/quan-tri/mat-khau")},
		routeCase{method: "POST", route: "/quan-tri/mat-khau", want: change(moved, moved, moved, moved, moved, moved, moved),
			req: func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
				a, _ := e.principal(k)
				if a == nil {
					return "/quan-tri/mat-khau", url.Values{"current": {"x"}, "new": {"một mật khẩu mới đủ dài"}, "confirm": {"một mật khẩu mới đủ dài"}}
				}
				next := e.passwords[a.ID] + " mới"
				f := url.Values{"current": {e.passwords[a.ID]}, "new": {next}, "confirm": {next}}
				e.passwords[a.ID] = next
				return "/quan-tri/mat-khau", f
			}},
		routeCase{method: "GET", route: "/quan-tri/bai-viet/moi", want: getPage(ok, ok, ok, forbid, ok, ok, forbid), req: path("/quan-tri/bai-viet/moi")},
		routeCase{method: "POST", route: "/quan-tri/bai-viet", want: change(moved, moved, moved, forbid, moved, moved, forbid),
			req: func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
				return "/quan-tri/bai-viet", url.Values{"title": {"Bài mới " + whoNames[k]}, "body": {"Nội dung."}, "channel": {itoa(e.news)}}
			}},
		itemCase("GET /quan-tri/bai-viet/:id", content.StateInReview, getPage(ok, nf, ok, ok, ok, ok, nf), nil),
		itemCase("GET /quan-tri/bai-viet/:id/sua", content.StateDraft, getPage(ok, nf, ok, forbid, ok, forbid, nf), nil),
		itemCase("/quan-tri/bai-viet/:id/sua", content.StateDraft, change(moved, nf, moved, forbid, moved, forbid, nf), edit),
		itemCase("GET /quan-tri/bai-viet/:id/phien-ban", content.StateInReview, getPage(ok, nf, ok, ok, ok, ok, nf), nil),
		// Transitions: refusals are 403 from the service, whether or not the
		// person may read the item.
		itemCase("/quan-tri/bai-viet/:id/submit", content.StateDraft, change(moved, forbid, moved, forbid, moved, forbid, forbid), nil),
		itemCase("/quan-tri/bai-viet/:id/withdraw", content.StateInReview, change(moved, forbid, moved, forbid, moved, forbid, forbid), nil),
		itemCase("/quan-tri/bai-viet/:id/approve", content.StateInReview, change(forbid, forbid, forbid, moved, forbid, forbid, forbid), rev1),
		itemCase("/quan-tri/bai-viet/:id/reject", content.StateInReview, change(forbid, forbid, forbid, moved, forbid, forbid, forbid), reason),
		itemCase("/quan-tri/bai-viet/:id/schedule", content.StateInReview, change(forbid, forbid, forbid, moved, forbid, forbid, forbid), schedule),
		itemCase("/quan-tri/bai-viet/:id/unschedule", content.StateScheduled, change(forbid, forbid, moved, moved, forbid, forbid, forbid), nil),
		itemCase("/quan-tri/bai-viet/:id/publish", content.StateApproved, change(forbid, forbid, moved, moved, forbid, forbid, forbid), nil),
		itemCase("/quan-tri/bai-viet/:id/send_back", content.StatePublished, change(forbid, forbid, moved, moved, moved, moved, forbid), reason),
		itemCase("/quan-tri/bai-viet/:id/archive", content.StatePublished, change(forbid, forbid, moved, moved, moved, moved, forbid), nil),
		routeCase{method: "POST", route: "/quan-tri/bai-viet/:id/publish_direct", want: change(forbid, forbid, forbid, forbid, moved, moved, forbid),
			req: func(e *contentEnv, k who, owner *content.Account) (string, url.Values) {
				it, err := e.svc.CreateItem(e.ctx, e.actor(owner), content.ItemInput{ChannelID: e.news, Title: "Tin nguồn chính thức", Body: "Nội dung.", SourceID: 1})
				if err != nil {
					e.t.Fatal(err)
				}
				return "/quan-tri/bai-viet/" + itoa(it.ID) + "/publish_direct", nil
			}},
		routeCase{method: "GET", route: "/quan-tri/nhat-ky", want: getPage(forbid, forbid, forbid, forbid, ok, ok, ok), req: path("/quan-tri/nhat-ky")},
		routeCase{method: "GET", route: "/quan-tri/tai-khoan", want: getPage(forbid, forbid, forbid, forbid, ok, ok, ok), req: path("/quan-tri/tai-khoan")},
		routeCase{method: "GET", route: "/quan-tri/tai-khoan/moi", want: getPage(forbid, forbid, forbid, forbid, ok, ok, forbid), req: path("/quan-tri/tai-khoan/moi")},
		routeCase{method: "POST", route: "/quan-tri/tai-khoan", want: change(forbid, forbid, forbid, forbid, moved, moved, forbid),
			req: func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
				pw := "mật khẩu ban đầu đủ dài"
				return "/quan-tri/tai-khoan", url.Values{"name": {"Người Thứ " + string(rune('A'+k))}, "email": {fmt.Sprintf("moi%d-%d@laocai.gov.vn", k, time.Now().UnixNano())},
					"role": {"contributor"}, "password": {pw}, "confirm": {pw}}
			}},
		routeCase{method: "POST", route: "/quan-tri/tai-khoan/:id/approve", want: change(forbid, forbid, forbid, forbid, forbid, forbid, moved),
			req: func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
				a, err := e.auth.CreateAccount(e.ctx, e.actor(e.admin), auth.NewAccount{Name: "Chờ Duyệt", Email: fmt.Sprintf("cho%d-%d@laocai.gov.vn", k, time.Now().UnixNano()), Roles: []content.Role{content.RoleContributor}})
				if err != nil {
					e.t.Fatal(err)
				}
				return "/quan-tri/tai-khoan/" + itoa(a.ID) + "/approve", nil
			}},
		routeCase{method: "POST", route: "/quan-tri/tai-khoan/:id/disable", want: change(forbid, forbid, forbid, forbid, moved, moved, forbid),
			req: func(e *contentEnv, k who, _ *content.Account) (string, url.Values) {
				a := e.approved(fmt.Sprintf("Sẽ Bị Khoá %d %d", k, time.Now().UnixNano()), nil, content.RoleContributor)
				return "/quan-tri/tai-khoan/" + itoa(a.ID) + "/disable", nil
			}},
		// Feedback of the business portal: its administrators and the
		// reviewers of its channels moderate (the reviewer/owner reviews
		// only the department's news).
		routeCase{method: "GET", route: "/quan-tri/gop-y", want: getPage(forbid, forbid, ok, ok, ok, ok, forbid), req: path("/quan-tri/gop-y")},
		routeCase{method: "POST", route: "/quan-tri/gop-y/:id/answer", want: change(forbid, forbid, forbid, moved, moved, moved, forbid),
			req: onFeedback("/answer", url.Values{"answer": {"Xin cảm ơn."}, "publish": {"1"}})},
		routeCase{method: "POST", route: "/quan-tri/gop-y/:id/state", want: change(forbid, forbid, forbid, moved, moved, moved, forbid),
			req: onFeedback("/state", url.Values{"state": {"hidden"}})},
		routeCase{method: "GET", route: "/quan-tri/bao-cao-tuan", want: getPage(forbid, forbid, ok, ok, ok, ok, ok), req: path("/quan-tri/bao-cao-tuan")},
	)
	return cases
}

// Every route × role (anonymous, contributor, reviewer, administrator,
// director) × owner or not answers as the table says; a route missing from
// the table, or a table row that is not a route, fails the test.
func TestRouteTable(t *testing.T) {
	f := pcitest.Open(t)
	e := newContentEnv(t, f.DB)
	table := routeTable()
	byKey := map[string]routeCase{}
	for _, rc := range table {
		key := rc.method + " " + rc.route
		if _, dup := byKey[key]; dup {
			t.Errorf("%s twice in the table", key)
		}
		byKey[key] = rc
	}
	routes := map[string]bool{}
	for _, r := range e.engine.Routes() {
		key := r.Method + " " + r.Path
		routes[key] = true
		if _, ok := byKey[key]; !ok {
			t.Errorf("route %s is not in the route table: add it with its status for each role", key)
		}
	}
	for key := range byKey {
		if !routes[key] {
			t.Errorf("table row %s is not a route", key)
		}
	}

	for _, rc := range table {
		t.Run(strings.TrimPrefix(rc.method+rc.route, "/"), func(t *testing.T) {
			parent := e.t
			e.t = t // the fixtures fail this subtest
			defer func() { e.t = parent }()
			var got [columns]int
			for k := who(0); k < columns; k++ {
				signedIn, owner := e.principal(k)
				c := e.client()
				if signedIn != nil {
					c = e.signIn(signedIn)
				}
				p, form := rc.req(e, k, owner)
				var r response
				if rc.method == http.MethodGet {
					r = c.get(p)
				} else {
					r = c.post(p, form)
				}
				got[k] = r.Status
				if !rc.public && r.Status != rc.want[k] {
					t.Errorf("%s %s as %s: %d, want %d (%.200s)", rc.method, p, whoNames[k], r.Status, rc.want[k], textOf(r.Body))
				}
				if r.Status >= 500 {
					t.Errorf("%s %s as %s: %d", rc.method, p, whoNames[k], r.Status)
				}
			}
			if rc.public {
				for k := range got {
					if got[k] != got[anonymous] || got[k] == unauth || got[k] == forbid {
						t.Errorf("public route %s: statuses %v differ by role", rc.route, got)
						break
					}
				}
			}
		})
	}
}
