package dashboards

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/laocai-dpi/dpi/dashboards/export"
	"github.com/laocai-dpi/dpi/ingest/province"
)

// Sort orders of the enterprise search.
const (
	SortName       = "name"          // folded name (Đ with D, hoà with hòa), then tax code
	SortTaxCode    = "tax_code"      //
	SortRegistered = "registered_on" // unknown dates last
	SortCapital    = "capital"       // unknown capital last
)

// EnterpriseSorts are the sort keys the search accepts.
var EnterpriseSorts = []string{SortName, SortTaxCode, SortRegistered, SortCapital}

// Page sizes of the enterprise search.
const (
	DefaultPerPage = 50
	MaxPerPage     = 200
	maxNameRunes   = 200
	maxNameTerms   = 8
)

// EnterpriseQuery is every choice of the enterprise search; Values gives
// the URL query that reproduces it. Build one with ParseEnterpriseQuery or
// fill the fields and call Normalize.
type EnterpriseQuery struct {
	Name      string   // words as typed; every word, folded, must begin a word of the name, short or foreign name
	Terms     []string // Name folded and split (set by Normalize)
	TaxCode   string   // prefix of the tax code: digits, "-" and the unit's 3 digits after the 10th
	District  string   // pre-2025 district code
	Commune   string   // 2025 commune code
	VSIC      string   // VSIC section letter (A–U) or the start of a 4-digit code
	LegalForm string   // key of legal_forms
	Status    string   // key of business_statuses
	From, To  string   // registration date range, YYYY-MM-DD, both ends included
	Sort      string   // one of EnterpriseSorts
	Desc      bool
	Page      int // from 1
	PerPage   int // 1..MaxPerPage
}

var (
	taxPrefixRe = regexp.MustCompile(`^[0-9]{1,10}$|^[0-9]{10}-[0-9]{0,3}$`)
	digitsRe    = regexp.MustCompile(`^[0-9]{1,4}$`)
)

// ParseEnterpriseQuery reads the search from URL values (the page's form,
// the API and the downloads use the same names) and normalises it.
func ParseEnterpriseQuery(v url.Values, ref *BusinessRef) (EnterpriseQuery, error) {
	q := EnterpriseQuery{
		Name: v.Get("name"), TaxCode: v.Get("tax_code"), District: v.Get("district"), Commune: v.Get("commune"),
		VSIC: v.Get("vsic"), LegalForm: v.Get("legal_form"), Status: v.Get("status"),
		From: v.Get("from"), To: v.Get("to"), Sort: v.Get("sort"),
	}
	switch d := v.Get("dir"); d {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, invalidf("Chiều sắp xếp không hợp lệ: %q (asc hoặc desc)", "Invalid sort direction: %q (asc or desc)", cut(d))
	}
	var err error
	if q.Page, err = positive(v.Get("page"), "Số trang", "Page number"); err != nil {
		return q, err
	}
	if q.PerPage, err = positive(v.Get("per_page"), "Số dòng mỗi trang", "Rows per page"); err != nil {
		return q, err
	}
	return q.Normalize(ref)
}

func positive(s, vi, en string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, invalidf(vi+" không hợp lệ: %q (một số từ 1)", en+" is not valid: %q (a number from 1)", cut(s))
	}
	return n, nil
}

// Normalize trims every choice, fills defaults and checks each against the
// reference; the error says, in both languages, what to correct.
func (q EnterpriseQuery) Normalize(ref *BusinessRef) (EnterpriseQuery, error) {
	q.Name = strings.TrimSpace(q.Name)
	if utf8.RuneCountInString(q.Name) > maxNameRunes {
		return q, invalidf("Tên tìm kiếm quá dài (tối đa %d ký tự)", "The name searched for is too long (at most %d characters)", maxNameRunes)
	}
	q.Terms = strings.Fields(province.Fold(q.Name))
	if len(q.Terms) > maxNameTerms {
		return q, invalidf("Tên tìm kiếm có quá nhiều từ (tối đa %d)", "Too many words in the name searched for (at most %d)", maxNameTerms)
	}
	q.TaxCode = strings.Join(strings.Fields(q.TaxCode), "")
	if q.TaxCode != "" && !taxPrefixRe.MatchString(q.TaxCode) {
		return q, invalidf("Mã số thuế không hợp lệ: %q (tối đa 10 chữ số; đơn vị phụ thuộc: 10 chữ số, dấu '-' và 3 chữ số)",
			"Invalid tax code: %q (up to 10 digits; a dependent unit: 10 digits, '-' and 3 digits)", cut(q.TaxCode))
	}
	for _, c := range []struct {
		v            *string
		kind, vi, en string
	}{
		{&q.District, "district", "Huyện (trước 2025)", "District (before 2025)"},
		{&q.Commune, "commune", "Xã, phường (từ 2025)", "Commune (from 2025)"},
		{&q.LegalForm, "legal_form", "Loại hình doanh nghiệp", "Legal form"},
		{&q.Status, "status", "Tình trạng", "Status"},
	} {
		*c.v = strings.TrimSpace(*c.v)
		if _, ok := ref.Lookup(c.kind, *c.v); *c.v != "" && !ok {
			return q, invalidf("%s không có trong danh mục: %q", "%s is not in the list: %q", c.vi, cut(*c.v))
		}
	}
	q.VSIC = strings.ToUpper(strings.TrimSpace(q.VSIC))
	switch {
	case q.VSIC == "":
	case len(q.VSIC) == 1 && q.VSIC[0] >= 'A' && q.VSIC[0] <= 'Z':
		if _, ok := ref.Lookup("section", q.VSIC); !ok {
			return q, invalidf("Không có ngành cấp 1 (VSIC) %q", "No VSIC section %q", q.VSIC)
		}
	case digitsRe.MatchString(q.VSIC):
		if !ref.hasVSICPrefix(q.VSIC) {
			return q, invalidf("Không có mã ngành VSIC nào bắt đầu bằng %q", "No VSIC code begins with %q", q.VSIC)
		}
	default:
		return q, invalidf("Ngành (VSIC) không hợp lệ: %q (một chữ cái A–U, hoặc 1–4 chữ số đầu của mã ngành)",
			"Invalid industry (VSIC): %q (a section letter A–U, or the first 1–4 digits of a code)", cut(q.VSIC))
	}
	var from, to time.Time
	for _, d := range []struct {
		s      *string
		t      *time.Time
		vi, en string
	}{{&q.From, &from, "Ngày đăng ký từ", "Registered from"}, {&q.To, &to, "Ngày đăng ký đến", "Registered to"}} {
		*d.s = strings.TrimSpace(*d.s)
		if *d.s == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", *d.s)
		if err != nil || t.Year() < 1900 {
			return q, invalidf("%s không hợp lệ: %q (dạng năm-tháng-ngày, ví dụ 2025-07-01)", "%s is not a valid date: %q (year-month-day, e.g. 2025-07-01)", d.vi, cut(*d.s))
		}
		*d.t = t
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return q, invalidf("Ngày đăng ký đến (%s) trước ngày đăng ký từ (%s)", "Registered-to date (%s) is before the registered-from date (%s)", q.To, q.From)
	}
	if q.Sort == "" {
		q.Sort = SortName
	}
	if !slices.Contains(EnterpriseSorts, q.Sort) {
		return q, invalidf("Cách sắp xếp không hợp lệ: %q", "Invalid sort order: %q", cut(q.Sort))
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PerPage == 0 {
		q.PerPage = DefaultPerPage
	}
	if q.Page < 1 {
		return q, invalidf("Số trang không hợp lệ: %d", "Invalid page number: %d", q.Page)
	}
	if q.PerPage < 1 || q.PerPage > MaxPerPage {
		return q, invalidf("Số dòng mỗi trang phải từ 1 đến %d (đang là %d)", "Rows per page must be 1 to %d (not %d)", MaxPerPage, q.PerPage)
	}
	return q, nil
}

// Values is the canonical URL query of the search: defaults left out, so
// equal searches have equal URLs. Without page and per_page (Filters) it
// names the whole filtered list, as the downloads do.
func (q EnterpriseQuery) Values() url.Values {
	v := q.Filters()
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.PerPage != DefaultPerPage && q.PerPage != 0 {
		v.Set("per_page", strconv.Itoa(q.PerPage))
	}
	return v
}

// Filters is the query without the page: the filters and the order.
func (q EnterpriseQuery) Filters() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("name", q.Name)
	set("tax_code", q.TaxCode)
	set("district", q.District)
	set("commune", q.Commune)
	set("vsic", q.VSIC)
	set("legal_form", q.LegalForm)
	set("status", q.Status)
	set("from", q.From)
	set("to", q.To)
	if q.Sort != SortName || q.Desc {
		v.Set("sort", q.Sort)
		if q.Desc {
			v.Set("dir", "desc")
		}
	}
	return v
}

// FilterList names each filter in use, in both languages, for an export's
// metadata ("Tên / Name" = "hoa binh").
func (q EnterpriseQuery) FilterList(ref *BusinessRef) []export.KV {
	var out []export.KV
	add := func(label, value string) {
		if value != "" {
			out = append(out, export.KV{Key: label, Value: value})
		}
	}
	name := func(kind, code string) string {
		if code == "" {
			return ""
		}
		if it, ok := ref.Lookup(kind, code); ok {
			if it.NameEN != "" {
				return code + " — " + it.NameVI + " / " + it.NameEN
			}
			return code + " — " + it.NameVI
		}
		return code
	}
	add("Tên / Name", q.Name)
	add("Mã số thuế bắt đầu bằng / Tax code begins with", q.TaxCode)
	add("Huyện (trước 2025) / District (before 2025)", name("district", q.District))
	add("Xã, phường (từ 2025) / Commune (from 2025)", name("commune", q.Commune))
	if len(q.VSIC) == 1 {
		add("Ngành cấp 1 / VSIC section", name("section", q.VSIC))
	} else {
		add("Mã ngành bắt đầu bằng / VSIC code begins with", q.VSIC)
	}
	add("Loại hình / Legal form", name("legal_form", q.LegalForm))
	add("Tình trạng / Status", name("status", q.Status))
	add("Đăng ký từ ngày / Registered from", q.From)
	add("Đăng ký đến ngày / Registered to", q.To)
	dir := "tăng dần / ascending"
	if q.Desc {
		dir = "giảm dần / descending"
	}
	add("Sắp xếp / Sort", q.Sort+", "+dir)
	return out
}

// from is the filtered register: the enterprises view, with the folded
// names when the search has words. Every value the user chose is a
// placeholder argument.
func (q EnterpriseQuery) from() (string, []any) {
	// enterprise_search is the enterprises view as of the last load with
	// the folded keys (sql/migrations/0007_fold.sql): folding a million
	// names on every query would take seconds. A word matches the start
	// of a word of the name, short name or foreign name ("binh" finds
	// "Bình", "hoa" finds "Hoà" and "Hoàng" but not "Khoa").
	var conds []string
	var args []any
	for _, t := range q.Terms {
		conds = append(conds, "contains(e.search_key, ?)")
		args = append(args, " "+t)
	}
	if q.TaxCode != "" {
		conds = append(conds, "starts_with(e.tax_code, ?)")
		args = append(args, q.TaxCode)
	}
	eq := func(col, v string) {
		if v != "" {
			conds = append(conds, "e."+col+" = ?")
			args = append(args, v)
		}
	}
	eq("district_code", q.District)
	eq("commune_code", q.Commune)
	eq("legal_form", q.LegalForm)
	eq("status", q.Status)
	switch {
	case len(q.VSIC) == 1:
		eq("vsic_section", q.VSIC)
	case q.VSIC != "":
		conds = append(conds, "starts_with(e.vsic_code, ?)")
		args = append(args, q.VSIC)
	}
	if q.From != "" {
		conds = append(conds, "e.registered_on >= CAST(? AS DATE)")
		args = append(args, q.From)
	}
	if q.To != "" {
		conds = append(conds, "e.registered_on <= CAST(? AS DATE)")
		args = append(args, q.To)
	}
	s := "enterprise_search e"
	if len(conds) > 0 {
		s += " WHERE " + strings.Join(conds, " AND ")
	}
	return s, args
}

// orderBy is the ORDER BY of the search; the tax code breaks ties so that
// pages never overlap.
func (q EnterpriseQuery) orderBy(alias string) string {
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	switch q.Sort {
	case SortTaxCode:
		return alias + "tax_code" + dir
	case SortRegistered:
		return alias + "registered_on" + dir + " NULLS LAST, " + alias + "tax_code"
	case SortCapital:
		return alias + "charter_capital_vnd" + dir + " NULLS LAST, " + alias + "tax_code"
	}
	return alias + "sort_key" + dir + " NULLS LAST, " + alias + "tax_code"
}

// EnterpriseColumns are the columns of the search's table, API and
// downloads, in order: codes as text (leading zeros kept), the capital an
// integer, dates dates. The *_name columns are in the query's language.
func EnterpriseColumns() []export.Column {
	return []export.Column{
		{Key: "tax_code", LabelVI: "Mã số thuế", LabelEN: "Tax code", Type: export.Code},
		{Key: "name", LabelVI: "Tên doanh nghiệp", LabelEN: "Name", Type: export.Text},
		{Key: "short_name", LabelVI: "Tên viết tắt", LabelEN: "Short name", Type: export.Text},
		{Key: "foreign_name", LabelVI: "Tên nước ngoài", LabelEN: "Foreign name", Type: export.Text},
		{Key: "legal_form", LabelVI: "Mã loại hình", LabelEN: "Legal form key", Type: export.Code},
		{Key: "legal_form_name", LabelVI: "Loại hình", LabelEN: "Legal form", Type: export.Text},
		{Key: "status", LabelVI: "Mã tình trạng", LabelEN: "Status key", Type: export.Code},
		{Key: "status_name", LabelVI: "Tình trạng", LabelEN: "Status", Type: export.Text},
		{Key: "vsic_code", LabelVI: "Mã ngành (VSIC)", LabelEN: "VSIC code", Type: export.Code},
		{Key: "vsic_name", LabelVI: "Ngành kinh doanh chính", LabelEN: "Main industry (VSIC, Vietnamese)", Type: export.Text},
		{Key: "vsic_section", LabelVI: "Ngành cấp 1", LabelEN: "VSIC section", Type: export.Code},
		{Key: "vsic_section_name", LabelVI: "Tên ngành cấp 1", LabelEN: "VSIC section name", Type: export.Text},
		{Key: "charter_capital_vnd", LabelVI: "Vốn điều lệ (đồng)", LabelEN: "Charter capital (VND)", Type: export.Integer},
		{Key: "registered_on", LabelVI: "Ngày thành lập", LabelEN: "Registered on", Type: export.Date},
		{Key: "changed_on", LabelVI: "Ngày thay đổi gần nhất", LabelEN: "Last changed on", Type: export.Date},
		{Key: "district_code", LabelVI: "Mã huyện (trước 2025)", LabelEN: "District code (before 2025)", Type: export.Code},
		{Key: "district_name", LabelVI: "Huyện (trước 2025)", LabelEN: "District (before 2025)", Type: export.Text},
		{Key: "commune_code", LabelVI: "Mã xã, phường (từ 2025)", LabelEN: "Commune code (from 2025)", Type: export.Code},
		{Key: "commune_name", LabelVI: "Xã, phường (từ 2025)", LabelEN: "Commune (from 2025)", Type: export.Text},
		{Key: "address", LabelVI: "Địa chỉ trụ sở", LabelEN: "Head office address", Type: export.Text},
		{Key: "first_quarter", LabelVI: "Quý đầu tiên có trong danh sách", LabelEN: "First quarter listed", Type: export.Code},
		{Key: "last_quarter", LabelVI: "Quý gần nhất có trong danh sách", LabelEN: "Last quarter listed", Type: export.Code},
	}
}

// selectList is the SELECT of EnterpriseColumns over e (the filtered rows)
// joined to the reference views; nameCol is name_vi or name_en (a
// constant, never user input).
func selectList(lang string) string {
	nameCol := "name_vi"
	if lang == "en" {
		nameCol = "name_en"
	}
	return `SELECT e.tax_code, e.name, e.short_name, e.foreign_name,
		e.legal_form, coalesce(lf.` + nameCol + `, lf.name_vi) AS legal_form_name,
		e.status, coalesce(st.` + nameCol + `, st.name_vi) AS status_name,
		e.vsic_code, vc.name_vi AS vsic_name,
		e.vsic_section, coalesce(sec.` + nameCol + `, sec.name_vi) AS vsic_section_name,
		e.charter_capital_vnd, e.registered_on, e.changed_on,
		e.district_code, d.unit_type || ' ' || d.name_vi AS district_name,
		e.commune_code, c.unit_type || ' ' || c.name_vi AS commune_name,
		e.address, e.first_quarter, e.last_quarter`
}

const refJoins = `
	LEFT JOIN legal_forms lf ON lf.legal_form = e.legal_form
	LEFT JOIN business_statuses st ON st.status = e.status
	LEFT JOIN vsic_codes vc ON vc.level = 4 AND vc.code = e.vsic_code
	LEFT JOIN vsic_sections sec ON sec.section = e.vsic_section
	LEFT JOIN admin_units_pre2025 d ON d.level = 'district' AND d.district_code = e.district_code
	LEFT JOIN admin_communes_2025 c ON c.commune_code = e.commune_code`

// ExportSQL is the query of the whole filtered list, in the page's order,
// with EnterpriseColumns: what the downloads stream.
func (q EnterpriseQuery) ExportSQL(lang string) (string, []any) {
	from, args := q.from()
	return `WITH f AS (SELECT e.* FROM ` + from + `)
		` + selectList(lang) + ` FROM f e` + refJoins + ` ORDER BY ` + q.orderBy("e."), args
}

// pageSQL is one page: the filtered rows are sorted and cut first, and
// only the page's rows are joined to the reference names.
func (q EnterpriseQuery) pageSQL(lang string) (string, []any) {
	from, args := q.from()
	sql := `WITH p AS (SELECT e.* FROM ` + from + ` ORDER BY ` + q.orderBy("e.") + ` LIMIT ? OFFSET ?)
		` + selectList(lang) + ` FROM p e` + refJoins + ` ORDER BY ` + q.orderBy("e.")
	return sql, append(args, q.PerPage, (q.Page-1)*q.PerPage)
}

// countSQL counts the filtered rows.
func (q EnterpriseQuery) countSQL() (string, []any) {
	from, args := q.from()
	return "SELECT count(*) FROM " + from, args
}

// EnterpriseRow is one enterprise as the search shows it. Personal data
// (representative, phone, email) is in no public view and so never here.
type EnterpriseRow struct {
	TaxCode, Name, ShortName, ForeignName string
	LegalForm, LegalFormName              string
	Status, StatusName                    string
	VSICCode, VSICName                    string
	VSICSection, VSICSectionName          string
	CapitalVND                            *int64
	RegisteredOn, ChangedOn               *time.Time
	DistrictCode, DistrictName            string
	CommuneCode, CommuneName              string
	Address                               string
	FirstQuarter, LastQuarter             string
}

// Record is the row keyed by EnterpriseColumns' keys, as JSON writes it:
// dates ISO, the capital a number, missing values null.
func (r EnterpriseRow) Record() map[string]any {
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	date := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.Format("2006-01-02")
	}
	var capital any
	if r.CapitalVND != nil {
		capital = *r.CapitalVND
	}
	return map[string]any{
		"tax_code": r.TaxCode, "name": str(r.Name), "short_name": str(r.ShortName), "foreign_name": str(r.ForeignName),
		"legal_form": str(r.LegalForm), "legal_form_name": str(r.LegalFormName),
		"status": str(r.Status), "status_name": str(r.StatusName),
		"vsic_code": str(r.VSICCode), "vsic_name": str(r.VSICName),
		"vsic_section": str(r.VSICSection), "vsic_section_name": str(r.VSICSectionName),
		"charter_capital_vnd": capital, "registered_on": date(r.RegisteredOn), "changed_on": date(r.ChangedOn),
		"district_code": str(r.DistrictCode), "district_name": str(r.DistrictName),
		"commune_code": str(r.CommuneCode), "commune_name": str(r.CommuneName),
		"address": str(r.Address), "first_quarter": str(r.FirstQuarter), "last_quarter": str(r.LastQuarter),
	}
}

// EnterpriseResult is one page of a search.
type EnterpriseResult struct {
	Query    EnterpriseQuery
	Rows     []EnterpriseRow
	Total    int64 // rows of the whole filtered list
	Pages    int   // at least 1
	Loaded   bool  // some register list is loaded at all
	IsSample bool  // a current load is generated sample data
}

// SearchEnterprises runs a normalised query: the page's rows with the
// names of their units, forms, statuses and industries, and the total.
func SearchEnterprises(ctx context.Context, db *sql.DB, q EnterpriseQuery, lang string) (_ *EnterpriseResult, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("enterprise search: %w", err)
		}
	}()
	if q.Page < 1 || q.PerPage < 1 || q.Sort == "" {
		return nil, errors.New("query not normalised")
	}
	res := &EnterpriseResult{Query: q}
	st, err := RegisterState(ctx, db)
	if err != nil {
		return nil, err
	}
	res.Loaded, res.IsSample = st.Loaded, st.IsSample
	query, args := q.countSQL()
	if err := db.QueryRowContext(ctx, query, args...).Scan(&res.Total); err != nil {
		return nil, err
	}
	res.Pages = max(1, int((res.Total+int64(q.PerPage)-1)/int64(q.PerPage)))
	if int64(q.Page-1)*int64(q.PerPage) >= res.Total {
		return res, nil // past the end: no rows, the total still says how many
	}
	query, args = q.pageSQL(lang)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r EnterpriseRow
		var s [18]sql.NullString
		var capital sql.NullInt64
		var reg, chg sql.NullTime
		if err := rows.Scan(&r.TaxCode, &s[0], &s[1], &s[2], &s[3], &s[4], &s[5], &s[6], &s[7], &s[8], &s[9], &s[10],
			&capital, &reg, &chg, &s[11], &s[12], &s[13], &s[14], &s[15], &s[16], &s[17]); err != nil {
			return nil, err
		}
		for i, dst := range []*string{&r.Name, &r.ShortName, &r.ForeignName, &r.LegalForm, &r.LegalFormName,
			&r.Status, &r.StatusName, &r.VSICCode, &r.VSICName, &r.VSICSection, &r.VSICSectionName,
			&r.DistrictCode, &r.DistrictName, &r.CommuneCode, &r.CommuneName, &r.Address, &r.FirstQuarter, &r.LastQuarter} {
			*dst = s[i].String
		}
		if capital.Valid {
			r.CapitalVND = &capital.Int64
		}
		if reg.Valid {
			r.RegisteredOn = &reg.Time
		}
		if chg.Valid {
			r.ChangedOn = &chg.Time
		}
		res.Rows = append(res.Rows, r)
	}
	return res, rows.Err()
}

// RegisterInfo says what the register holds.
type RegisterInfo struct {
	Loaded   bool   // some list is loaded
	IsSample bool   // a current load is generated sample data
	Latest   string // the latest quarter loaded ("2026Q3"), "" if none
}

// RegisterState reads the current loads (a few rows).
func RegisterState(ctx context.Context, db *sql.DB) (RegisterInfo, error) {
	var st RegisterInfo
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(bool_or(is_sample), false), coalesce(max(quarter), '')
		FROM business_loads WHERE superseded_at IS NULL`).Scan(&n, &st.IsSample, &st.Latest)
	st.Loaded = n > 0
	return st, err
}
