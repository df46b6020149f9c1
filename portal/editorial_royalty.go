package portal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards/export"
	"github.com/laocai-dpi/dpi/portal/content"
)

// ---- royalties (nhuận bút): categories, the ledger per article, the
// monthly summary

// vnd shows an amount of đồng as Vietnamese readers write it: 1.250.000.
func vnd(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// parseAmount reads an amount in đồng: digits, with dots, spaces or commas
// between thousands ("1.250.000").
func parseAmount(s string) (int64, error) {
	clean := strings.NewReplacer(".", "", " ", "", ",", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	n, err := strconv.ParseInt(clean, 10, 64)
	if err != nil || n < 0 {
		return 0, content.Errorf(content.EINVALID, "Mức tiền không hợp lệ: %q (số đồng, ví dụ 300.000)", "Not an amount: %q (đồng, e.g. 300.000)", s)
	}
	return n, nil
}

// parseCoefficient reads a coefficient with a decimal comma or point ("1,5").
func parseCoefficient(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil {
		return 0, content.Errorf(content.EINVALID, "Hệ số không hợp lệ: %q (ví dụ 1,5)", "Not a coefficient: %q (e.g. 1.5)", s)
	}
	return f, nil
}

// formatCoefficient shows a coefficient with a decimal comma.
func formatCoefficient(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

// ---- categories (administrators)

type royaltyCategoriesPage struct {
	adminPage
	Categories []*content.RoyaltyCategory
	Message    string
}

func (s *server) royaltyCategories(c *gin.Context) {
	s.renderRoyaltyCategories(c, http.StatusOK, "")
}

func (s *server) renderRoyaltyCategories(c *gin.Context, status int, msg string) {
	if err := requireAdmin(c); err != nil {
		s.editorialFail(c, err)
		return
	}
	cats, err := s.ed.content.RoyaltyCategories(c.Request.Context(), currentViewer(c).Actor)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.renderAdmin(c, status, "royalty_categories", royaltyCategoriesPage{adminPage: newAdminPage(c, "title_royalty_categories"),
		Categories: cats, Message: msg})
}

// royaltyCategorySave creates (no :id) or updates a category; the service
// checks the administrator and audits the change.
func (s *server) royaltyCategorySave(c *gin.Context) {
	cat := &content.RoyaltyCategory{Name: c.PostForm("name"), Active: c.PostForm("active") != ""}
	if c.Param("id") != "" {
		id, ok := idParam(c, "id")
		if !ok {
			s.editorialNotFound(c)
			return
		}
		cat.ID = id
	} else {
		cat.Active = true
	}
	amount, err := parseAmount(c.PostForm("amount"))
	if err == nil {
		cat.BaseAmount = amount
		err = s.ed.content.SaveRoyaltyCategory(c.Request.Context(), currentViewer(c).Actor, cat)
	}
	switch content.ErrorCode(err) {
	case "":
		seeOther(c, "/quan-tri/nhuan-but/loai?ok=royalty_category")
	case content.EINVALID, content.ECONFLICT:
		s.renderRoyaltyCategories(c, content.HTTPStatus(content.ErrorCode(err)), errorIn(adminLang(c), err))
	default:
		s.editorialFail(c, err)
	}
}

// ---- one article's royalties (administrators)

type itemRoyaltiesPage struct {
	adminPage
	Item       *content.Item
	Author     string
	Published  string
	Lines      []royaltyLine
	Total      string
	Categories []formOption
	Recipient  string
	Coeff      string
	Note       string
	Message    string
}

type royaltyLine struct {
	*content.Royalty
	Category, Coefficient, Base, Amount string
}

func (s *server) itemRoyalties(c *gin.Context) {
	s.renderItemRoyalties(c, http.StatusOK, "", royaltyEntry{})
}

// royaltyEntry is what the entry form sent, kept when it is shown again.
type royaltyEntry struct{ category, recipient, coeff, note string }

func (s *server) renderItemRoyalties(c *gin.Context, status int, msg string, in royaltyEntry) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if err := requireAdmin(c); err != nil {
		s.editorialFail(c, err)
		return
	}
	ctx, v := c.Request.Context(), currentViewer(c)
	it, err := s.ed.content.ViewItem(ctx, v.Actor, id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	lines, err := s.ed.content.ItemRoyalties(ctx, v.Actor, id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	cats, err := s.ed.content.RoyaltyCategories(ctx, v.Actor)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	n, err := s.loadNames(ctx, it.AuthorID)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := itemRoyaltiesPage{adminPage: newAdminPage(c, "title_item_royalties", it.Title), Item: it, Author: n.accounts[it.AuthorID],
		Message: msg, Recipient: in.recipient, Coeff: in.coeff, Note: in.note}
	p.Published = formatICTIn(p.Lang, it.PublishedAt)
	if p.Coeff == "" {
		p.Coeff = "1"
	}
	names := map[int64]string{}
	for _, cat := range cats {
		names[cat.ID] = cat.Name
		if cat.Active {
			p.Categories = append(p.Categories, formOption{Value: strconv.FormatInt(cat.ID, 10),
				Label: at(p.Lang, "ry_category_option", cat.Name, vndIn(p.Lang, cat.BaseAmount)), Selected: in.category == strconv.FormatInt(cat.ID, 10)})
		}
	}
	var total int64
	for _, l := range lines {
		total += l.Amount
		p.Lines = append(p.Lines, royaltyLine{Royalty: l, Category: names[l.CategoryID], Coefficient: decimalIn(p.Lang, formatCoefficient(l.Coefficient)),
			Base: vndIn(p.Lang, l.BaseAmount), Amount: vndIn(p.Lang, l.Amount)})
	}
	p.Total = vndIn(p.Lang, total)
	s.renderAdmin(c, status, "item_royalties", p)
}

// itemRoyaltyAdd records a line: the category's amount × the coefficient,
// for a published item (the service refuses others).
func (s *server) itemRoyaltyAdd(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	in := royaltyEntry{category: c.PostForm("category"), recipient: c.PostForm("recipient"), coeff: c.PostForm("coefficient"), note: c.PostForm("note")}
	cat, _ := strconv.ParseInt(in.category, 10, 64)
	coeff, err := parseCoefficient(in.coeff)
	if err == nil {
		_, err = s.ed.content.AddRoyalty(c.Request.Context(), currentViewer(c).Actor, content.RoyaltyInput{ItemID: id, CategoryID: cat,
			Recipient: in.recipient, Coefficient: coeff, Note: in.note})
	}
	switch content.ErrorCode(err) {
	case "":
		seeOther(c, fmt.Sprintf("%s/nhuan-but?ok=royalty", itemHref(id)))
	case content.EINVALID:
		s.renderItemRoyalties(c, http.StatusUnprocessableEntity, errorIn(adminLang(c), err), in)
	default:
		s.editorialFail(c, err)
	}
}

// ---- the monthly summary

type royaltySummaryPage struct {
	adminPage
	Month, MonthLabel string
	Prev, Next        string
	Rows              []royaltySummaryRow
	Total             string
	Items             []royaltyItemRow // the month's published items (administrators)
	CanEnter          bool
	Exports           []exportLink
}

type royaltySummaryRow struct {
	*content.RoyaltySummaryRow
	Amount string
}

type royaltyItemRow struct {
	Title, Href, Published, Channel, Amount string
	Lines                                   int
}

// royaltySummary is the month's royalties per recipient and category (the
// month of publication, ICT), with the month's published items and what
// was recorded for each, for the office to complete.
func (s *server) royaltySummary(c *gin.Context) {
	month, err := monthOf(c)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	ctx, v := c.Request.Context(), currentViewer(c)
	rows, err := s.ed.content.RoyaltySummary(ctx, v.Actor, month)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	from, to, _ := content.MonthRange(month)
	fl := from.In(content.ICT)
	lang := adminLang(c)
	p := royaltySummaryPage{adminPage: newAdminPage(c, "title_royalties", monthIn(lang, fl)), Month: month, MonthLabel: monthIn(lang, fl),
		Prev: "/quan-tri/nhuan-but?thang=" + fl.AddDate(0, -1, 0).Format("2006-01"), Next: "/quan-tri/nhuan-but?thang=" + fl.AddDate(0, 1, 0).Format("2006-01"),
		CanEnter: v.Account.Has(content.RoleAdministrator)}
	var total int64
	for _, r := range rows {
		total += r.Amount
		p.Rows = append(p.Rows, royaltySummaryRow{RoyaltySummaryRow: r, Amount: vndIn(lang, r.Amount)})
	}
	p.Total = vndIn(lang, total)
	for _, f := range []string{"xlsx", "ods"} {
		p.Exports = append(p.Exports, exportLink{Href: "/quan-tri/nhuan-but." + f + "?thang=" + month, Label: strings.ToUpper(f)})
	}
	if p.CanEnter {
		if p.Items, err = s.monthItems(c, from, to); err != nil {
			s.editorialFail(c, err)
			return
		}
	}
	s.renderAdmin(c, http.StatusOK, "royalties", p)
}

func (s *server) monthItems(c *gin.Context, from, to time.Time) ([]royaltyItemRow, error) {
	ctx, v := c.Request.Context(), currentViewer(c)
	items, err := s.ed.content.PublishedItems(ctx, content.ItemFilter{PublishedFrom: from, PublishedTo: to})
	if err != nil {
		return nil, err
	}
	n, err := s.loadNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []royaltyItemRow
	for i := len(items) - 1; i >= 0; i-- { // oldest first
		it := items[i]
		lines, err := s.ed.content.ItemRoyalties(ctx, v.Actor, it.ID)
		if err != nil {
			return nil, err
		}
		var sum int64
		for _, l := range lines {
			sum += l.Amount
		}
		out = append(out, royaltyItemRow{Title: it.Title, Href: itemHref(it.ID) + "/nhuan-but", Published: formatICTIn(n.lang, it.PublishedAt),
			Channel: n.portal(it.PortalID) + " › " + n.channel(it.ChannelID), Amount: vndIn(n.lang, sum), Lines: len(lines)})
	}
	return out, nil
}

var royaltyColumns = []export.Column{
	{Key: "recipient", LabelVI: "Người nhận", LabelEN: "Recipient", Type: export.Text},
	{Key: "category", LabelVI: "Loại", LabelEN: "Category", Type: export.Text},
	{Key: "items", LabelVI: "Số bài", LabelEN: "Items", Type: export.Integer},
	{Key: "amount_vnd", LabelVI: "Thành tiền (đồng)", LabelEN: "Amount (VND)", Type: export.Integer},
}

// royaltyDownload is the monthly summary as xlsx or ods.
func (s *server) royaltyDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		month, err := monthOf(c)
		if err != nil {
			s.editorialFail(c, err)
			return
		}
		rows, err := s.ed.content.RoyaltySummary(c.Request.Context(), currentViewer(c).Actor, month)
		if err != nil {
			s.editorialFail(c, err)
			return
		}
		out := make([][]any, 0, len(rows))
		for _, r := range rows {
			out = append(out, []any{r.Recipient, r.Category, r.Items, r.Amount})
		}
		from, _, _ := content.MonthRange(month)
		label := from.In(content.ICT).Format("01/2006")
		s.serveReport(c, format, "nhuan-but-"+month, "royalty summary "+month, royaltyColumns, out, export.Meta{
			TitleVI: "Tổng hợp nhuận bút tháng " + label, TitleEN: "Royalties, " + label,
			URL:     s.origin(c) + "/quan-tri/nhuan-but?thang=" + month,
			Filters: []export.KV{{Key: "Tháng đăng bài / Month of publication", Value: label}},
			Notes:   []string{"Thành tiền = mức của loại × hệ số, làm tròn đến đồng / amount = the category's base amount × the coefficient, rounded to the đồng"}})
	}
}
