package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Generations of province codes: 63 provinces before 1 July 2025, 34 after.
// Codes were reused, so a code means nothing without its generation.
const (
	GenPre2025 = "pre2025"
	Gen2025    = "2025"
)

// GenerationOf is the generation a PCI year's province codes use.
func GenerationOf(year int) string {
	if year >= 2025 {
		return Gen2025
	}
	return GenPre2025
}

// Province is one row of the provinces view.
type Province struct {
	Generation           string
	Code                 string
	NameVI, NameASCII    string
	Region               string // region key (slug of region6_en); "" where the reference has none
	RegionVI, RegionEN   string
	ValidFrom, ValidTo   time.Time // ValidTo zero = still valid
	Successors           []string  // codes in the next generation (or Hà Tây → Hà Nội in 2008)
	Predecessors         []Province
	MergedInto           *Province // Hà Tây: Hà Nội (1 August 2008), within the same generation
	MergedOn             time.Time
	mergedIntoGen, mcode string
}

// Name is the province name for a page language; province names are
// Vietnamese in both (the English page writes them the same way).
func (p Province) Name() string { return p.NameVI }

// Region is one of the six socio-economic regions (region6 of provinces).
type Region struct {
	Key            string
	NameVI, NameEN string
}

// Period is one PCI methodology period (pci_subindices.period).
type Period struct {
	Name     string // "2005", "2006-2008", "2009-2012", "2013-"
	From, To int    // To 0 = open
}

// Contains reports whether year falls in the period.
func (p Period) Contains(year int) bool { return year >= p.From && (p.To == 0 || year <= p.To) }

// Label is the period as a reader writes it: "2013–" for an open one.
func (p Period) Label() string {
	if p.To == 0 {
		return fmt.Sprintf("%d–", p.From)
	}
	if p.To == p.From {
		return fmt.Sprint(p.From)
	}
	return fmt.Sprintf("%d–%d", p.From, p.To)
}

// CatalogueEntry is one sub-index of one methodology period.
type CatalogueEntry struct {
	Period string
	From   int
	To     int // 0 = open
	SubindexInfo
}

// Reference holds the reference views the PCI pages need: the provinces of
// both generations, the crosswalk, the sub-index catalogue. They change only
// when a new binary ships new reference files (the warehouse rewrites them
// when it opens), so one read serves the process.
type Reference struct {
	byGen     map[string][]Province // by code
	regions   []Region
	catalogue []CatalogueEntry
	periods   []Period
}

// Provinces lists a generation's provinces by code.
func (r *Reference) Provinces(gen string) []Province { return r.byGen[gen] }

// Province finds a province by generation and code.
func (r *Reference) Province(gen, code string) (Province, bool) {
	list := r.byGen[gen]
	i, ok := slices.BinarySearchFunc(list, code, func(p Province, c string) int { return strings.Compare(p.Code, c) })
	if !ok {
		return Province{}, false
	}
	return list[i], true
}

// Regions are the six regions, in the order the reference lists them (north to south).
func (r *Reference) Regions() []Region { return r.regions }

// Region finds a region by key.
func (r *Reference) Region(key string) (Region, bool) {
	for _, g := range r.regions {
		if g.Key == key {
			return g, true
		}
	}
	return Region{}, false
}

// Periods are the methodology periods, oldest first.
func (r *Reference) Periods() []Period { return r.periods }

// PeriodOf is the methodology period of a year.
func (r *Reference) PeriodOf(year int) (Period, bool) {
	for _, p := range r.periods {
		if p.Contains(year) {
			return p, true
		}
	}
	return Period{}, false
}

// SubindicesOf lists the sub-indices of a year's methodology, in catalogue order.
func (r *Reference) SubindicesOf(year int) []SubindexInfo {
	var out []SubindexInfo
	for _, c := range r.catalogue {
		if year >= c.From && (c.To == 0 || year <= c.To) {
			out = append(out, c.SubindexInfo)
		}
	}
	return out
}

// SubindexKeys lists every sub-index key of any period, in first-seen
// catalogue order, latest period's names (a key keeps its meaning across
// periods only roughly: the notes of every page say so).
func (r *Reference) SubindexKeys() []SubindexInfo {
	var out []SubindexInfo
	seen := map[string]int{}
	for _, c := range r.catalogue {
		if i, ok := seen[c.Key]; ok {
			out[i].NameVI, out[i].NameEN = c.NameVI, c.NameEN
			continue
		}
		seen[c.Key] = len(out)
		s := c.SubindexInfo
		s.Weight = nil
		out = append(out, s)
	}
	return out
}

// Subindex finds a sub-index key (any period) and its latest names.
func (r *Reference) Subindex(key string) (SubindexInfo, bool) {
	for _, s := range r.SubindexKeys() {
		if s.Key == key {
			return s, true
		}
	}
	return SubindexInfo{}, false
}

// SubindexPeriods lists the periods in which a key exists.
func (r *Reference) SubindexPeriods(key string) []Period {
	var out []Period
	for _, c := range r.catalogue {
		if c.Key == key {
			out = append(out, Period{Name: c.Period, From: c.From, To: c.To})
		}
	}
	return out
}

var (
	refMu    sync.Mutex
	refCache = map[*sql.DB]*Reference{}
)

// LoadReference reads the reference views once per database handle; an
// error is not cached, so the next request tries again.
func LoadReference(ctx context.Context, db *sql.DB) (*Reference, error) {
	refMu.Lock()
	defer refMu.Unlock()
	if r := refCache[db]; r != nil {
		return r, nil
	}
	r, err := readReference(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("reference tables: %w", err)
	}
	refCache[db] = r
	return r, nil
}

func readReference(ctx context.Context, db *sql.DB) (*Reference, error) {
	r := &Reference{byGen: map[string][]Province{}}
	rows, err := db.QueryContext(ctx, `SELECT generation, code, name_vi, name_ascii,
			coalesce(region6_vi, ''), coalesce(region6_en, ''), valid_from, valid_to
		FROM provinces ORDER BY generation, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seenRegion := map[string]bool{}
	for rows.Next() {
		var p Province
		var from, to sql.NullTime
		if err := rows.Scan(&p.Generation, &p.Code, &p.NameVI, &p.NameASCII, &p.RegionVI, &p.RegionEN, &from, &to); err != nil {
			return nil, err
		}
		p.ValidFrom, p.ValidTo = from.Time, to.Time
		if p.RegionEN != "" {
			p.Region = slug(p.RegionEN)
			if !seenRegion[p.Region] {
				seenRegion[p.Region] = true
				r.regions = append(r.regions, Region{Key: p.Region, NameVI: p.RegionVI, NameEN: p.RegionEN})
			}
		}
		r.byGen[p.Generation] = append(r.byGen[p.Generation], p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := r.readCrosswalk(ctx, db); err != nil {
		return nil, err
	}
	return r, r.readCatalogue(ctx, db)
}

// readCrosswalk links each old province to its successor: the 2025 province
// it became part of, or (Hà Tây) the province it merged into in 2008.
func (r *Reference) readCrosswalk(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT generation_from, old_code, generation_to, new_code, valid_from
		FROM province_crosswalk ORDER BY generation_from, old_code, generation_to, new_code`)
	if err != nil {
		return err
	}
	defer rows.Close()
	type link struct {
		genFrom, oldCode, genTo, newCode string
		from                             time.Time
	}
	var links []link
	for rows.Next() {
		var l link
		if err := rows.Scan(&l.genFrom, &l.oldCode, &l.genTo, &l.newCode, &l.from); err != nil {
			return err
		}
		links = append(links, l)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	idx := func(gen, code string) *Province {
		list := r.byGen[gen]
		i, ok := slices.BinarySearchFunc(list, code, func(p Province, c string) int { return strings.Compare(p.Code, c) })
		if !ok {
			return nil
		}
		return &list[i]
	}
	for _, l := range links {
		old := idx(l.genFrom, l.oldCode)
		if old == nil {
			continue
		}
		if l.genFrom == l.genTo { // a merger within a generation (Hà Tây into Hà Nội, 2008)
			old.mergedIntoGen, old.mcode, old.MergedOn = l.genTo, l.newCode, l.from
			continue
		}
		old.Successors = append(old.Successors, l.newCode)
	}
	for _, list := range r.byGen {
		for i := range list {
			p := &list[i]
			if p.mcode != "" {
				if m := idx(p.mergedIntoGen, p.mcode); m != nil {
					cp := *m
					cp.Predecessors, cp.MergedInto = nil, nil
					p.MergedInto = &cp
				}
			}
		}
	}
	// Predecessors of a 2025 province: the old provinces whose successor it
	// is, each followed by what merged into that one before (Hà Tây after
	// Hà Nội), so every series that ever fed it is listed once, never summed.
	for i := range r.byGen[Gen2025] {
		np := &r.byGen[Gen2025][i]
		for _, old := range r.byGen[GenPre2025] {
			if !slices.Contains(old.Successors, np.Code) {
				continue
			}
			np.Predecessors = append(np.Predecessors, old)
			for _, inner := range r.byGen[GenPre2025] {
				if inner.mcode == old.Code && inner.mergedIntoGen == GenPre2025 {
					np.Predecessors = append(np.Predecessors, inner)
				}
			}
		}
	}
	return nil
}

func (r *Reference) readCatalogue(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT period, year_from, coalesce(year_to, 0), subindex, name_vi, name_en, weight_percent, weight_exact
		FROM pci_subindices`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c CatalogueEntry
		var w float64
		var exact bool
		if err := rows.Scan(&c.Period, &c.From, &c.To, &c.Key, &c.NameVI, &c.NameEN, &w, &exact); err != nil {
			return err
		}
		if exact {
			c.Weight = &w
		}
		r.catalogue = append(r.catalogue, c)
		if !slices.ContainsFunc(r.periods, func(p Period) bool { return p.Name == c.Period }) {
			r.periods = append(r.periods, Period{Name: c.Period, From: c.From, To: c.To})
		}
	}
	slices.SortFunc(r.periods, func(a, b Period) int { return a.From - b.From })
	return rows.Err()
}

// slug is a URL key: "Red River Delta" → "red-river-delta".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// tiersEN translates VCCI's tier names; the warehouse keeps them as
// published (with the file's own Unicode form and spaces).
var tiersEN = map[string]string{
	"Xuất sắc":       "Excellent",
	"Rất tốt":        "Very good",
	"Tốt":            "Good",
	"Khá":            "Fairly good",
	"Trung bình":     "Average",
	"Tương đối thấp": "Relatively low",
	"Thấp":           "Low",
}

// TierName is a published tier for display: normalised (NFC, trimmed) in
// Vietnamese, translated in English where the name is known.
func TierName(tier, lang string) string {
	t := strings.Join(strings.Fields(norm.NFC.String(tier)), " ")
	if lang == "en" {
		if en, ok := tiersEN[t]; ok {
			return en
		}
	}
	return t
}
