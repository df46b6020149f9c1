package dashboards_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/biztest"
)

func bizRun(t *testing.T, f *biztest.Fixture, q dashboards.BizQuery, now time.Time) *dashboards.BizDashboard {
	t.Helper()
	ctx := context.Background()
	ref, err := dashboards.LoadBizReference(ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	nq, err := q.Normalize(ref)
	if err != nil {
		t.Fatalf("normalize %+v: %v", q, err)
	}
	d, err := dashboards.BusinessQuarterly(ctx, f.DB, ref, nq, now)
	if err != nil {
		t.Fatalf("query %+v: %v", q, err)
	}
	return d
}

// The dashboard's figures are the generator's own: new registrations and
// their capital, dissolved, suspended, resumed and the active stock of each
// quarter; year-on-year changes only where the earlier quarter is loaded;
// every breakdown adds up to the quarter's totals.
func TestBusinessQuarterlyFigures(t *testing.T) {
	f := biztest.Open(t)
	d := bizRun(t, f, dashboards.BizQuery{}, time.Now())
	if len(d.Series()) != len(f.Counts.Quarters) {
		t.Fatalf("%d quarters, generator wrote %d", len(d.Series()), len(f.Counts.Quarters))
	}
	if d.Query.From != f.Q(0) || d.Query.To != f.Q(-1) || d.Query.Quarter != f.Q(-1) || d.Query.By != dashboards.ByCommune {
		t.Errorf("defaults: %+v", d.Query)
	}
	if c := bizRun(t, f, dashboards.BizQuery{From: "2001Q1", To: "2099Q4"}, time.Now()).Query; c.From != f.Q(0) || c.To != f.Q(-1) {
		t.Errorf("range not clamped to the quarters loaded: %+v", c)
	}
	if c := bizRun(t, f, dashboards.BizQuery{From: f.Q(1), To: f.Q(3)}, time.Now()); len(c.Series()) != 3 || c.Query.Quarter != f.Q(3) {
		t.Errorf("range %s–%s: %d quarters, breakdown of %s", f.Q(1), f.Q(3), len(c.Series()), c.Query.Quarter)
	}
	byQuarter := map[string]dashboards.BizQuarter{}
	for i, q := range d.Series() {
		byQuarter[q.Quarter] = q
		g := f.Counts.Quarters[i]
		if q.Quarter != g.Quarter {
			t.Fatalf("quarter %d: %s, generator %s", i, q.Quarter, g.Quarter)
		}
		if !q.Sample {
			t.Errorf("%s not marked sample", q.Quarter)
		}
		want := map[dashboards.Metric]int64{
			dashboards.MetricNew: int64(g.NewRegistration), dashboards.MetricCapital: g.NewCapitalVND,
			dashboards.MetricActive:    int64(g.ByStatus["active"]),
			dashboards.MetricDissolved: int64(g.Dissolved), dashboards.MetricSuspended: int64(g.Suspended), dashboards.MetricResumed: int64(g.Resumed),
		}
		for m, w := range want {
			fig := q.Figures[m]
			first := i == 0 && (m == dashboards.MetricDissolved || m == dashboards.MetricSuspended || m == dashboards.MetricResumed)
			switch {
			case first && fig.Known:
				t.Errorf("%s %s: %d, but the first quarter has no snapshot before it", q.Quarter, dashboards.Metrics[m].Key, fig.Value)
			case !first && (!fig.Known || fig.Value != w):
				t.Errorf("%s %s: %+v, generator %d", q.Quarter, dashboards.Metrics[m].Key, fig, w)
			}
		}
	}
	// Year on year: the fifth quarter against the first; the first has no
	// quarter a year earlier loaded.
	if dashboards.YearBefore(f.Q(4)) != f.Q(0) {
		t.Fatalf("%s is not a year after %s", f.Q(4), f.Q(0))
	}
	for _, m := range []dashboards.Metric{dashboards.MetricNew, dashboards.MetricCapital, dashboards.MetricActive} {
		cur, prev := byQuarter[f.Q(4)].Figures[m].Value, byQuarter[f.Q(0)].Figures[m].Value
		c, ok := d.YoY(f.Q(4), m)
		if !ok || c.Prev != prev || c.Diff != cur-prev || !c.HasPct || math.Abs(c.Pct-float64(cur-prev)*100/float64(prev)) > 1e-9 {
			t.Errorf("YoY %s %s: %+v %v (now %d, a year earlier %d)", f.Q(4), dashboards.Metrics[m].Key, c, ok, cur, prev)
		}
		if c, ok := d.YoY(f.Q(0), m); ok {
			t.Errorf("YoY %s %s: %+v, but the year before is not loaded", f.Q(0), dashboards.Metrics[m].Key, c)
		}
	}
	if c, ok := d.YoY(f.Q(4), dashboards.MetricDissolved); ok {
		t.Errorf("YoY %s dissolved: %+v, but %s's dissolutions are unknown", f.Q(4), c, f.Q(0))
	}
	if c, ok := d.YoY(f.Q(5), dashboards.MetricDissolved); !ok || c.Prev != int64(f.Counts.Quarters[1].Dissolved) {
		t.Errorf("YoY %s dissolved: %+v %v, generator's %s %d", f.Q(5), c, ok, f.Q(1), f.Counts.Quarters[1].Dissolved)
	}

	// Every breakdown of a quarter adds up to its totals; the unknown group last.
	for _, by := range dashboards.Dimensions {
		for _, quarter := range []string{f.Q(1), f.Q(-1)} {
			bd := bizRun(t, f, dashboards.BizQuery{Quarter: quarter, By: by}, time.Now())
			var sum [6]int64
			for i, r := range bd.Breakdown {
				for m := range sum {
					sum[m] += r.Figures[m].Value
				}
				if r.Code == "" && i != len(bd.Breakdown)-1 {
					t.Errorf("%s by %s: the unknown group is not last", quarter, by)
				}
			}
			tot := byQuarter[quarter].Figures
			for m := range sum {
				if sum[m] != tot[m].Value {
					t.Errorf("%s by %s: %s sums to %d, total %d", quarter, by, dashboards.Metrics[m].Key, sum[m], tot[m].Value)
				}
			}
		}
	}

	// The commune breakdown's active stock, against the snapshot itself.
	want := map[string]int64{}
	rows, err := f.DB.Query(`SELECT coalesce(commune_code_2025, ''), count(*) FROM enterprise_snapshots
		WHERE quarter = ? AND status = 'active' GROUP BY 1`, f.Q(-1))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		var n int64
		rows.Scan(&c, &n)
		want[c] = n
	}
	rows.Close()
	bd := bizRun(t, f, dashboards.BizQuery{By: dashboards.ByCommune}, time.Now())
	if len(bd.Breakdown) < 10 {
		t.Fatalf("only %d communes", len(bd.Breakdown))
	}
	for _, r := range bd.Breakdown {
		if r.Figures[dashboards.MetricActive].Value != want[r.Code] {
			t.Errorf("commune %s active %d, snapshot %d", r.Code, r.Figures[dashboards.MetricActive].Value, want[r.Code])
		}
		if !r.PrevYear.Known {
			t.Errorf("commune %s: %s is loaded, its figure must be known", r.Code, f.Q(2))
		}
	}
	// Districts after the reform are not compared with a quarter before it.
	if dashboards.YearBefore(f.Q(-1)) < dashboards.ReformQuarter {
		for _, r := range bizRun(t, f, dashboards.BizQuery{By: dashboards.ByDistrict}, time.Now()).Breakdown {
			if r.PrevYear.Known {
				t.Errorf("district %s compared across the reform: %+v", r.Code, r.PrevYear)
			}
		}
	}
	// Names come from the reference, in the page's language where it has one.
	tb := bizRun(t, f, dashboards.BizQuery{By: dashboards.BySection}, time.Now()).BreakdownTable("en")
	found := false
	for _, row := range tb.Rows {
		if row[0].Text == "C" {
			found = row[1].Text == "Manufacturing"
		}
	}
	if !found {
		t.Errorf("section C not named in English: %v", tb.Rows)
	}
	// Shares of new registrations add up to 100 %.
	share := -1
	for i, c := range tb.Columns {
		if c.Key == "new_share_pct" {
			share = i
		}
	}
	var total float64
	for _, row := range tb.Rows {
		if row[share].Num != nil {
			total += *row[share].Num
		}
	}
	if share < 0 || math.Abs(total-100) > 1e-9 {
		t.Errorf("shares add up to %v (column %d)", total, share)
	}
}

// A filter counts only its enterprises: new registrations of section G in a
// quarter equal the registered events of that section.
func TestBusinessQuarterlyFilter(t *testing.T) {
	f := biztest.Open(t)
	d := bizRun(t, f, dashboards.BizQuery{Section: "g", Form: "llc_single"}, time.Now())
	if d.Query.Section != "G" {
		t.Errorf("section not upper-cased: %q", d.Query.Section)
	}
	for _, q := range d.Series() {
		var want int64
		if err := f.DB.QueryRow(`SELECT count(*) FROM business_events WHERE event = 'registered' AND quarter = ?
			AND vsic_section = 'G' AND legal_form = 'llc_single'`, q.Quarter).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if q.Figures[dashboards.MetricNew].Value != want {
			t.Errorf("%s new G/llc_single: %d, events %d", q.Quarter, q.Figures[dashboards.MetricNew].Value, want)
		}
	}
}

// A quarter that is not loaded gives no year-on-year change a year later
// and leaves the changes of the quarter after it unknown; nothing invented.
func TestBusinessQuarterlyMissingQuarter(t *testing.T) {
	f := biztest.Open(t, 1)
	d := bizRun(t, f, dashboards.BizQuery{}, time.Now())
	if len(d.Series()) != 6 {
		t.Errorf("%d quarters shown, 6 loaded", len(d.Series()))
	}
	for _, q := range d.Series() {
		if q.Quarter == f.Q(1) {
			t.Fatalf("%s shown though not loaded", f.Q(1))
		}
		if q.Quarter == f.Q(2) && q.Figures[dashboards.MetricDissolved].Known {
			t.Errorf("%s dissolved known without %s's snapshot", f.Q(2), f.Q(1))
		}
	}
	for m := range dashboards.MetricCount {
		if c, ok := d.YoY(f.Q(5), m); ok {
			t.Errorf("YoY %s %s: %+v, but %s is not loaded", f.Q(5), dashboards.Metrics[m].Key, c, f.Q(1))
		}
	}
	ctx := context.Background()
	ref, _ := dashboards.LoadBizReference(ctx, f.DB)
	_, err := dashboards.BusinessQuarterly(ctx, f.DB, ref, dashboards.BizQuery{Quarter: f.Q(1)}, time.Now())
	var inv *dashboards.InvalidError
	if !errors.As(err, &inv) || inv.VI == "" || inv.EN == "" {
		t.Errorf("breakdown of a quarter not loaded: %v", err)
	}
}

// Freshness: the next quarter is due 3 months after the latest was loaded.
func TestBusinessFreshness(t *testing.T) {
	f := biztest.Open(t)
	var loaded time.Time
	if err := f.DB.QueryRow(`SELECT max(loaded_at) FROM business_loads WHERE quarter = ? AND superseded_at IS NULL`, f.Q(-1)).Scan(&loaded); err != nil {
		t.Fatal(err)
	}
	d := bizRun(t, f, dashboards.BizQuery{}, loaded.Add(24*time.Hour))
	if fr := d.Freshness; fr.Latest != f.Q(-1) || !fr.LoadedAt.Equal(loaded) || fr.Overdue {
		t.Errorf("a day after loading: %+v", fr)
	}
	late := loaded.In(dashboards.ICT).AddDate(0, 3, 1)
	if fr := bizRun(t, f, dashboards.BizQuery{}, late).Freshness; !fr.Overdue || !fr.DueBy.Equal(loaded.In(dashboards.ICT).AddDate(0, 3, 0)) {
		t.Errorf("3 months and a day after loading: %+v", fr)
	}

	// The rule itself, on fixed dates (ICT).
	at := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, dashboards.ICT)
		if err != nil {
			panic(err)
		}
		return t
	}
	for _, c := range []struct {
		latest, loaded, now string
		overdue             bool
		completed           string
		behind              int
	}{
		{"2026Q3", "2026-10-10 09:00", "2026-11-27 10:00", false, "2026Q3", 0},
		{"2026Q3", "2026-10-10 09:00", "2027-01-10 09:00", false, "2026Q4", 1},
		{"2026Q3", "2026-10-10 09:00", "2027-01-10 09:01", true, "2026Q4", 1},
		{"2026Q3", "2026-10-10 09:00", "2027-05-01 00:00", true, "2027Q1", 2},
		// loaded yesterday, but two ended quarters are missing
		{"2026Q1", "2026-11-26 09:00", "2026-11-27 10:00", true, "2026Q3", 2},
		{"2026Q2", "2026-11-26 09:00", "2026-11-27 10:00", false, "2026Q3", 1},
		// the quarter in progress is never counted
		{"2026Q4", "2026-12-30 09:00", "2026-12-31 23:59", false, "2026Q3", 0},
	} {
		fr := dashboards.FreshnessAt(c.latest, at(c.loaded), at(c.now))
		end, _ := time.Parse("2006-01-02", map[string]string{"2026Q1": "2026-03-31", "2026Q2": "2026-06-30", "2026Q3": "2026-09-30", "2026Q4": "2026-12-31"}[c.latest])
		if fr.Overdue != c.overdue || fr.Completed != c.completed || fr.Behind != c.behind || !fr.AsOf.Equal(end) {
			t.Errorf("loaded %s, now %s: %+v", c.loaded, c.now, fr)
		}
	}
}

// Bad choices get a message in both languages; nothing runs.
func TestBizQueryNormalize(t *testing.T) {
	f := biztest.Open(t)
	ref, err := dashboards.LoadBizReference(context.Background(), f.DB)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []dashboards.BizQuery{
		{From: "2025-1"}, {To: "2025Q5"}, {From: "2026Q1", To: "2025Q4"}, {By: "ward"}, {Section: "Z"},
		{Form: "llc"}, {District: "999"}, {Commune: "<script>"},
	} {
		_, err := q.Normalize(ref)
		var inv *dashboards.InvalidError
		if !errors.As(err, &inv) || inv.VI == "" || inv.EN == "" || inv.VI == inv.EN {
			t.Errorf("%+v: %v", q, err)
		}
	}
	if _, ok := ref.Districts["080"]; !ok {
		t.Errorf("district 080 (Lào Cai city) missing from the reference: %d districts", len(ref.Districts))
	}
	q, err := dashboards.BizQuery{From: " 2025q2 ", Section: "f", District: "080"}.Normalize(ref)
	if err != nil || q.From != "2025Q2" || q.Section != "F" {
		t.Errorf("normalised %+v: %v", q, err)
	}
}

// Results are kept between loads and only between loads: a quarter loaded
// after a first query shows at once; freshness follows the clock.
func TestBusinessQuarterlyCache(t *testing.T) {
	f := biztest.Open(t, 6)
	ctx := context.Background()
	run := func(now time.Time) *dashboards.BizDashboard {
		t.Helper()
		ref, err := dashboards.BizReferenceCached(ctx, f.DB)
		if err != nil {
			t.Fatal(err)
		}
		d, err := dashboards.BusinessQuarterlyCached(ctx, f.DB, ref, dashboards.BizQuery{By: dashboards.BySection}, now)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	now := time.Now()
	if d := run(now); len(d.Series()) != 6 || d.Freshness.Latest != f.Q(5) {
		t.Fatalf("before: %d quarters, latest %s", len(d.Series()), d.Freshness.Latest)
	}
	if d := run(now.AddDate(1, 0, 0)); !d.Freshness.Overdue {
		t.Errorf("a cached result a year later is not overdue: %+v", d.Freshness)
	}
	f.Load(t, 6)
	d := run(now)
	if len(d.Series()) != 7 || d.Freshness.Latest != f.Q(6) || d.Query.Quarter != f.Q(6) {
		t.Fatalf("after loading %s: %d quarters, latest %s, breakdown of %s", f.Q(6), len(d.Series()), d.Freshness.Latest, d.Query.Quarter)
	}
	g, _ := f.Quarter(f.Q(6))
	if got := d.All[6].Figures[dashboards.MetricNew].Value; got != int64(g.NewRegistration) {
		t.Errorf("%s new %d, generator %d", f.Q(6), got, g.NewRegistration)
	}
}
