package dashboards

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Breakdown dimensions of the business dashboard.
const (
	ByDistrict = "district" // pre-2025 district
	ByCommune  = "commune"  // 2025 commune
	ByProvince = "province" // pre-2025 province (the new Lào Cai is old Lào Cai + Yên Bái)
	BySection  = "section"  // VSIC section
	ByForm     = "form"     // legal form
)

// Dimensions lists the breakdowns in the order the form offers them.
var Dimensions = []string{ByDistrict, ByCommune, ByProvince, BySection, ByForm}

// dimColumn is the column of business_quarterly_communes each breakdown
// groups by: identifiers from this fixed list only, never from the request.
var dimColumn = map[string]string{
	ByDistrict: "district_code", ByCommune: "commune_code_2025", ByProvince: "province_code_pre2025",
	BySection: "vsic_section", ByForm: "legal_form",
}

// ReformQuarter is the first quarter whose files write 2025 units (the
// reform took effect on 1 July 2025; districts were abolished).
const ReformQuarter = "2025Q3"

// Metric is one figure of the quarterly series.
type Metric int

const (
	MetricNew Metric = iota
	MetricCapital
	MetricDissolved
	MetricSuspended
	MetricResumed
	MetricActive
	MetricCount // the number of metrics
)

// MetricInfo names a metric for machines and people.
type MetricInfo struct {
	Key, VI, EN string
}

// Metrics in the order tables show them.
var Metrics = [MetricCount]MetricInfo{
	{"new_count", "Đăng ký thành lập mới", "New registrations"},
	{"new_capital_vnd", "Vốn đăng ký của doanh nghiệp mới (đồng)", "Registered capital of new enterprises (VND)"},
	{"dissolved_count", "Giải thể", "Dissolved"},
	{"suspended_count", "Tạm ngừng kinh doanh", "Suspended"},
	{"resumed_count", "Quay trở lại hoạt động", "Resumed"},
	{"active_count", "Đang hoạt động (cuối quý)", "Active (quarter end)"},
}

// Name is the metric in the page's language.
func (m Metric) Name(lang string) string { return tr(lang, Metrics[m].VI, Metrics[m].EN) }

// BizQuery is every choice of the business dashboard; Encode gives the URL
// query that reproduces it.
type BizQuery struct {
	From, To string // quarter range of the series ("2025Q1"); "" = first / last loaded
	Quarter  string // quarter of the breakdown; "" = To
	By       string // breakdown; "" = district before ReformQuarter, 2025 commune from it
	// Filters; "" = all.
	Section  string // VSIC section letter
	Form     string // legal form key
	District string // pre-2025 district code
	Commune  string // 2025 commune code
}

var quarterRE = regexp.MustCompile(`^[0-9]{4}Q[1-4]$`)

// Normalize checks every choice against the reference. Quarters are checked
// against the quarters loaded once the query has run (BusinessQuarterly).
func (q BizQuery) Normalize(ref *BizReference) (BizQuery, error) {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, s := range []*string{&q.From, &q.To, &q.Quarter, &q.By, &q.Section, &q.Form, &q.District, &q.Commune} {
		trim(s)
	}
	for _, s := range []*string{&q.From, &q.To, &q.Quarter} {
		*s = strings.ToUpper(*s)
		if *s != "" && !quarterRE.MatchString(*s) {
			return q, invalidf("Quý không hợp lệ: %q (ví dụ 2025Q3)", "Invalid quarter: %q (e.g. 2025Q3)", cut(*s))
		}
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return q, invalidf("Quý bắt đầu %s sau quý kết thúc %s", "The first quarter %s is after the last %s", q.From, q.To)
	}
	if q.By != "" && !slices.Contains(Dimensions, q.By) {
		return q, invalidf("Cách phân tổ không hợp lệ: %q", "Invalid breakdown: %q", cut(q.By))
	}
	q.Section = strings.ToUpper(q.Section)
	if _, ok := ref.Sections[q.Section]; q.Section != "" && !ok {
		return q, invalidf("Không có ngành cấp 1 (VSIC) %q", "No VSIC section %q", cut(q.Section))
	}
	if _, ok := ref.Forms[q.Form]; q.Form != "" && !ok {
		return q, invalidf("Không có loại hình doanh nghiệp %q", "No legal form %q", cut(q.Form))
	}
	if _, ok := ref.Districts[q.District]; q.District != "" && !ok {
		return q, invalidf("Không có huyện (trước 1/7/2025) mã %q", "No district (before 1 July 2025) with code %q", cut(q.District))
	}
	if _, ok := ref.Communes[q.Commune]; q.Commune != "" && !ok {
		return q, invalidf("Không có xã, phường (từ 1/7/2025) mã %q", "No commune (from 1 July 2025) with code %q", cut(q.Commune))
	}
	return q, nil
}

// Encode is the canonical query string, in a fixed order; empty filters
// are left out.
func (q BizQuery) Encode() string {
	parts := []string{"from=" + q.From, "to=" + q.To, "q=" + q.Quarter, "by=" + q.By}
	for _, kv := range [][2]string{{"section", q.Section}, {"form", q.Form}, {"district", q.District}, {"commune", q.Commune}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, "&")
}

// Figure is a count or an amount; Known is false where the data cannot say
// (no snapshot for the quarter, or none for the quarter before).
type Figure struct {
	Value int64
	Known bool
}

// BizQuarter is one loaded quarter's figures under the query's filters.
type BizQuarter struct {
	Quarter  string
	Sample   bool
	LoadedAt time.Time // the latest current load of the quarter
	Figures  [MetricCount]Figure
}

// Change is the year-on-year change of a figure: against the same quarter a
// year earlier, only when that quarter is loaded and both figures known.
type Change struct {
	Prev   int64
	Diff   int64
	Pct    float64
	HasPct bool // false when the earlier figure is 0
}

// BizRow is one group of the breakdown in the chosen quarter.
type BizRow struct {
	Code     string // "" = not known (the unknown group)
	Figures  [MetricCount]Figure
	PrevYear Figure // new registrations of the group a year earlier (if that quarter is loaded)
}

// Freshness says how current the register is. The department's rules ask
// for a refresh at least every 3 months: the next quarter is due 3 months
// after the latest quarter was loaded. A register that is refreshed but
// stays old (a past quarter loaded late) is overdue too: a quarter's file can
// only exist once it has ended, so one ended quarter missing is normal and
// two are not.
type Freshness struct {
	Latest    string    // latest quarter loaded
	AsOf      time.Time // the last day it covers (its end; a date, UTC midnight)
	LoadedAt  time.Time // when its current load was made
	DueBy     time.Time // LoadedAt + 3 months
	Overdue   bool      // now is after DueBy, or Behind >= 2
	Completed string    // the latest quarter that had ended at now
	Behind    int       // ended quarters after Latest (0: up to date)
}

// FreshnessAt applies the 3-month rule at now (ICT calendar).
func FreshnessAt(latest string, loadedAt, now time.Time) Freshness {
	f := Freshness{Latest: latest, LoadedAt: loadedAt}
	f.DueBy = loadedAt.In(ICT).AddDate(0, 3, 0)
	n := now.In(ICT)
	y, qn := n.Year(), (int(n.Month())-1)/3 // the quarter in progress is qn+1; the one before ended
	if qn == 0 {
		y, qn = y-1, 4
	}
	f.Completed = fmt.Sprintf("%dQ%d", y, qn)
	if ly, lq, ok := splitQuarter(latest); ok {
		f.Behind = max(0, (y*4+qn)-(ly*4+lq))
		f.AsOf = time.Date(ly, time.Month(lq*3)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	f.Overdue = now.After(f.DueBy) || f.Behind >= 2
	return f
}

// ICT is the department's time zone (UTC+7, no daylight saving).
var ICT = time.FixedZone("ICT", 7*3600)

func splitQuarter(s string) (year, q int, ok bool) {
	if !quarterRE.MatchString(s) {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(s[:4])
	return year, int(s[5] - '0'), true
}

// YearBefore is the same quarter a year earlier: 2026Q1 → 2025Q1.
func YearBefore(quarter string) string {
	y, q, ok := splitQuarter(quarter)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%dQ%d", y-1, q)
}

// BizDashboard is the result of a dashboard query.
type BizDashboard struct {
	Query     BizQuery
	All       []BizQuarter // every loaded quarter, oldest first (YoY reads outside the range)
	Breakdown []BizRow     // Query.Quarter, by Query.By: most new registrations first, unknown last
	Freshness Freshness
	ref       *BizReference
}

// Reference is what the dashboard names its groups with.
func (d *BizDashboard) Reference() *BizReference { return d.ref }

// Series is the quarters of the chosen range.
func (d *BizDashboard) Series() []BizQuarter {
	var out []BizQuarter
	for _, q := range d.All {
		if q.Quarter >= d.Query.From && q.Quarter <= d.Query.To {
			out = append(out, q)
		}
	}
	return out
}

// Quarter is a loaded quarter's figures (in the range or not).
func (d *BizDashboard) Quarter(q string) (BizQuarter, bool) {
	for _, x := range d.All {
		if x.Quarter == q {
			return x, true
		}
	}
	return BizQuarter{}, false
}

// YoY is the change of a metric in quarter q against a year earlier; false
// when that quarter is not loaded or either figure is unknown.
func (d *BizDashboard) YoY(q string, m Metric) (Change, bool) {
	cur, ok1 := d.Quarter(q)
	prev, ok2 := d.Quarter(YearBefore(q))
	if !ok1 || !ok2 {
		return Change{}, false
	}
	return change(cur.Figures[m], prev.Figures[m])
}

func change(cur, prev Figure) (Change, bool) {
	if !cur.Known || !prev.Known {
		return Change{}, false
	}
	c := Change{Prev: prev.Value, Diff: cur.Value - prev.Value}
	if prev.Value != 0 {
		c.Pct, c.HasPct = float64(c.Diff)*100/float64(prev.Value), true
	}
	return c, true
}

// SampleQuarters are the quarters of the range loaded as sample data.
func (d *BizDashboard) SampleQuarters() []string {
	var out []string
	for _, q := range d.Series() {
		if q.Sample {
			out = append(out, q.Quarter)
		}
	}
	return out
}

// BizSQL is the one query behind the dashboard: per loaded quarter, whether
// it has a snapshot and whether the quarter before has one (the rule of
// business_quarterly, so that a quarter the filters leave empty still says
// what is known), its sample flag and load time; the totals under the
// filters (g = 1) and the groups of the breakdown (g = 0, k the code).
func BizSQL(q BizQuery) (string, []any) {
	dim := dimColumn[q.By]
	var where []string
	var args []any
	for _, f := range []struct{ col, v string }{{"vsic_section", q.Section}, {"legal_form", q.Form}, {"district_code", q.District}, {"commune_code_2025", q.Commune}} {
		if f.v != "" {
			where = append(where, f.col+" = ?")
			args = append(args, f.v)
		}
	}
	w := ""
	if len(where) > 0 {
		w = "WHERE " + strings.Join(where, " AND ")
	}
	query := `WITH q AS (
	SELECT quarter, bool_or(kind = 'snapshot') AS has_snapshot, bool_or(is_sample) AS is_sample,
		max(loaded_at) AS loaded_at,
		CASE WHEN right(quarter, 1) = '1' THEN (left(quarter, 4)::INTEGER - 1)::VARCHAR || 'Q4'
			ELSE left(quarter, 5) || (right(quarter, 1)::INTEGER - 1)::VARCHAR END AS prev_quarter
	FROM business_loads WHERE superseded_at IS NULL GROUP BY quarter
), qq AS (
	SELECT q.quarter, q.has_snapshot, q.has_snapshot AND coalesce(p.has_snapshot, false) AS changes_known,
		q.is_sample, q.loaded_at
	FROM q LEFT JOIN q p ON p.quarter = q.prev_quarter
), b AS (
	SELECT quarter, grouping(` + dim + `)::INTEGER AS g, ` + dim + ` AS k,
		sum(new_count)::BIGINT, sum(new_capital_vnd)::BIGINT, sum(dissolved_count)::BIGINT,
		sum(suspended_count)::BIGINT, sum(resumed_count)::BIGINT, sum(active_count)::BIGINT
	FROM business_quarterly_communes ` + w + `
	GROUP BY GROUPING SETS ((quarter), (quarter, ` + dim + `))
)
SELECT qq.quarter, qq.has_snapshot, qq.changes_known, qq.is_sample, qq.loaded_at, b.* EXCLUDE (quarter)
FROM qq LEFT JOIN b USING (quarter)
ORDER BY qq.quarter, b.g DESC NULLS FIRST, b.k`
	return query, args
}

// BusinessQuarterly runs a dashboard query (normalise it first) and judges
// freshness at now. Defaults are resolved against the quarters loaded: the
// whole range, its latest quarter, and the breakdown the quarter's files
// can give (districts before the reform, 2025 communes from it).
func BusinessQuarterly(ctx context.Context, db *sql.DB, ref *BizReference, q BizQuery, now time.Time) (_ *BizDashboard, err error) {
	defer func() {
		var inv *InvalidError
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.As(err, &inv) {
			err = fmt.Errorf("business quarterly %s: %w", q.Encode(), err)
		}
	}()
	var loaded []string
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT quarter FROM business_loads WHERE superseded_at IS NULL ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		loaded = append(loaded, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(loaded) == 0 {
		return nil, fmt.Errorf("%w: chưa có số liệu đăng ký doanh nghiệp / no business register loaded", ErrNotFound)
	}
	// The range is clamped to the quarters loaded, so that the canonical
	// URL (and the form's choices) name quarters that exist.
	if q.From == "" || q.From < loaded[0] {
		q.From = loaded[0]
	}
	if q.To == "" || q.To > loaded[len(loaded)-1] {
		q.To = loaded[len(loaded)-1]
	}
	if q.From > q.To {
		return nil, invalidf("Quý bắt đầu %s sau quý kết thúc %s", "The first quarter %s is after the last %s", q.From, q.To)
	}
	if q.Quarter == "" {
		for _, x := range loaded {
			if x >= q.From && x <= q.To {
				q.Quarter = x
			}
		}
		if q.Quarter == "" {
			return nil, invalidf("Không có quý nào được nạp trong khoảng %s–%s", "No quarter loaded between %s and %s", q.From, q.To)
		}
	}
	if !slices.Contains(loaded, q.Quarter) {
		return nil, invalidf("Chưa có số liệu quý %s", "No data loaded for %s", q.Quarter)
	}
	if q.By == "" {
		q.By = ByDistrict
		if q.Quarter >= ReformQuarter {
			q.By = ByCommune
		}
	}
	d := &BizDashboard{Query: q, ref: ref}
	query, args := BizSQL(q)
	rows, err = db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	prevYear := YearBefore(q.Quarter)
	groups := map[string]*BizRow{}
	var order []string
	prevNew := map[string]int64{}
	prevLoaded := false
	for rows.Next() {
		var (
			quarter              string
			hasSnap, changes, sm bool
			loadedAt             time.Time
			g                    sql.NullInt64
			k                    sql.NullString
			v                    [MetricCount]sql.NullInt64
		)
		if err := rows.Scan(&quarter, &hasSnap, &changes, &sm, &loadedAt, &g, &k, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]); err != nil {
			return nil, err
		}
		var figs [MetricCount]Figure
		for m := range figs {
			figs[m] = Figure{Value: v[m].Int64, Known: v[m].Valid}
		}
		if !g.Valid || g.Int64 == 1 { // the quarter's total (or a quarter the filters leave empty)
			// what is known follows from the loads, whatever the filters leave
			figs[MetricNew].Known, figs[MetricCapital].Known = true, true
			figs[MetricActive].Known = hasSnap
			for _, m := range []Metric{MetricDissolved, MetricSuspended, MetricResumed} {
				figs[m].Known = changes
			}
			d.All = append(d.All, BizQuarter{Quarter: quarter, Sample: sm, LoadedAt: loadedAt, Figures: figs})
			if quarter == prevYear {
				prevLoaded = true
			}
			continue
		}
		switch quarter {
		case q.Quarter:
			groups[k.String] = &BizRow{Code: k.String, Figures: figs}
			order = append(order, k.String)
		case prevYear:
			prevNew[k.String] = figs[MetricNew].Value
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// From the reform on, districts are known only in part: a district's
	// figure a year before the reform would be compared with a smaller share
	// of the same district. No comparison rather than a misleading one.
	if q.By == ByDistrict && q.Quarter >= ReformQuarter && prevYear < ReformQuarter {
		prevLoaded = false
	}
	for _, code := range order {
		r := groups[code]
		if prevLoaded {
			r.PrevYear = Figure{Value: prevNew[code], Known: true}
		}
		d.Breakdown = append(d.Breakdown, *r)
	}
	slices.SortStableFunc(d.Breakdown, func(a, b BizRow) int {
		if (a.Code == "") != (b.Code == "") {
			if a.Code == "" {
				return 1
			}
			return -1
		}
		if a.Figures[MetricNew].Value != b.Figures[MetricNew].Value {
			return int(b.Figures[MetricNew].Value - a.Figures[MetricNew].Value)
		}
		return strings.Compare(a.Code, b.Code)
	})
	latest := d.All[len(d.All)-1]
	d.Freshness = FreshnessAt(latest.Quarter, latest.LoadedAt, now)
	return d, nil
}
