package business

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The generator writes register files of invented Lào Cai enterprises, for
// tests, benchmarks and demonstrations: a population that evolves over a
// sequence of quarters (registrations, suspensions, resumptions,
// dissolutions, capital changes, moves), written quarter by quarter as the
// registration office exports it, tidy or with the untidiness real files
// have. Everything follows from the seed (math/rand/v2 PCG); no map is
// iterated, so the same options give the same bytes.
//
// The population is today's province (old Lào Cai and old Yên Bái) cast
// back: files before 2025Q3 write pre-2025 units (province, district,
// commune), from 2025Q3 the 2025 units (province Lào Cai, commune; district
// blank). Tax codes are 10 digits, the province prefix (Lào Cai 53, Yên
// Bái 52; registrations from 2025Q3 53) and an 8-digit serial increasing
// with the registration date; about 1.5% of enterprises moved in from Hà
// Nội, Hải Phòng or Hồ Chí Minh City and keep their 01/02/03 codes, which
// lose their leading zero when written as numbers. Dependent units carry
// the parent's code and "-NNN", the parent being an enterprise of the
// register or one of another province.

// GenOptions configures Generate.
type GenOptions struct {
	Ref      *Ref    // reference tables; nil loads the embedded ones
	Seed     uint64  // same seed, same options: same output
	Rows     int     // approximate size of the register at the last quarter (rows of its snapshot)
	Last     Quarter // the last quarter of the sequence
	Quarters int     // number of quarters written, ending at Last (at least 1)
	Kind     Kind    // Snapshot (whole register) or New (the quarter's registrations)
	Untidy   Untidy
}

// Untidy switches on the untidiness of real files, one option each.
type Untidy struct {
	Title     bool // two title rows and a blank row above the header
	TextDates bool // dates as text dd/mm/yyyy (else Excel dates in xlsx, yyyy-mm-dd in csv)
	Dotted    bool // charter capital as text "1.500.000.000" (else a number)
	Zeros     bool // tax codes of 10 digits as numbers: 01… codes lose their leading zero
	Total     bool // a total row "Tổng cộng: N doanh nghiệp" at the bottom
	Blank     bool // blank rows scattered among the data (about 1 in 400) and before the total
	VSICNames bool // main activity as "4933 - Vận tải hàng hóa bằng đường bộ" (else the code)
}

// UntidyNames are the --untidy words, in order.
var UntidyNames = []string{"title", "textdates", "dotted", "zeros", "total", "blank", "vsicnames"}

func (u *Untidy) flag(name string) *bool {
	switch name {
	case "title":
		return &u.Title
	case "textdates":
		return &u.TextDates
	case "dotted":
		return &u.Dotted
	case "zeros":
		return &u.Zeros
	case "total":
		return &u.Total
	case "blank":
		return &u.Blank
	case "vsicnames":
		return &u.VSICNames
	}
	return nil
}

// ParseUntidy reads "title,textdates,…" or "all" ("" is tidy).
func ParseUntidy(s string) (Untidy, error) {
	var u Untidy
	for _, w := range strings.Split(s, ",") {
		w = strings.ToLower(strings.TrimSpace(w))
		switch w {
		case "":
		case "all":
			for _, n := range UntidyNames {
				*u.flag(n) = true
			}
		default:
			p := u.flag(w)
			if p == nil {
				return Untidy{}, fmt.Errorf("tùy chọn --untidy không hợp lệ %q (%s hoặc all) / bad --untidy option %q (%s or all)",
					w, strings.Join(UntidyNames, ","), w, strings.Join(UntidyNames, ","))
			}
			*p = true
		}
	}
	return u, nil
}

func (u Untidy) String() string {
	var on []string
	for _, n := range UntidyNames {
		if *u.flag(n) {
			on = append(on, n)
		}
	}
	return strings.Join(on, ",")
}

// GenCellKind is the type of a generated cell.
type GenCellKind uint8

// Kinds of generated cells.
const (
	GenEmpty GenCellKind = iota
	GenText
	GenNumber
	GenDate
)

// GenCell is one cell of a generated row; writers type it in xlsx (text,
// number, date) and render it in csv.
type GenCell struct {
	Kind GenCellKind
	Text string
	Num  int64
	Date time.Time
}

// SnapshotWriter receives the generated files: one StartFile per quarter,
// its rows (title and total rows included), then EndFile.
type SnapshotWriter interface {
	StartFile(q Quarter) error
	WriteRow(cells []GenCell) error
	EndFile() error
}

// GenHeaders are the column headers of generated files.
var GenHeaders = []string{"STT", "Mã số doanh nghiệp", "Tên doanh nghiệp", "Tên bằng tiếng nước ngoài", "Tên viết tắt",
	"Loại hình doanh nghiệp", "Ngày thành lập", "Ngày thay đổi gần nhất", "Địa chỉ trụ sở", "Phường/Xã", "Quận/Huyện",
	"Tỉnh/Thành phố", "Vốn điều lệ", "Ngành nghề kinh doanh chính", "Người đại diện theo pháp luật", "Điện thoại",
	"Email", "Tình trạng hoạt động"}

// GenQuarterCounts are the generator's own counts for one quarter's file.
// The By* maps count the data rows written (keys: status key, legal form
// key, 2025 commune code, VSIC section); the events count what happened in
// the quarter in the whole register, whatever the file kind.
type GenQuarterCounts struct {
	Quarter         string         `json:"quarter"`
	File            string         `json:"file,omitempty"`
	AsOf            string         `json:"as_of"`
	RowsWritten     int            `json:"rows_written"`
	ByStatus        map[string]int `json:"by_status"`
	ByLegalForm     map[string]int `json:"by_legal_form"`
	ByCommune2025   map[string]int `json:"by_commune_2025"`
	ByVSICSection   map[string]int `json:"by_vsic_section"`
	RegisterSize    int            `json:"register_size"` // units not dissolved at quarter end
	NewRegistration int            `json:"new_registrations"`
	NewCapitalVND   int64          `json:"new_capital_vnd"` // of the new registrations that have a charter capital
	Dissolved       int            `json:"dissolved"`
	Suspended       int            `json:"suspended"`
	Resumed         int            `json:"resumed"`
	CapitalChanges  int            `json:"capital_changes"`
	Moves           int            `json:"moves"`
}

// GenCounts are the counts of a whole generation run.
type GenCounts struct {
	Seed     uint64             `json:"seed"`
	Kind     Kind               `json:"kind"`
	Rows     int                `json:"rows_target"`
	Untidy   string             `json:"untidy"`
	Format   string             `json:"format,omitempty"`
	Quarters []GenQuarterCounts `json:"quarters"`
}

// Legal forms and statuses, by index in the generator's units.
var (
	genFormKeys   = [...]string{"llc_single", "llc_multi", "jsc", "partnership", "private_enterprise", "branch", "representative_office", "business_location"}
	genStatusKeys = [...]string{"active", "suspended", "dissolving", "dissolved", "not_at_address", "revoked"}
	// Shares of new registrations by legal form.
	genFormShares = [...]float64{0.46, 0.15, 0.12, 0.002, 0.045, 0.13, 0.018, 0.075}
)

const (
	fmLLCSingle = iota
	fmLLCMulti
	fmJSC
	fmPartnership
	fmPrivate
	fmBranch
	fmRepOffice
	fmLocation
)

const (
	stActive = iota
	stSuspended
	stDissolving
	stDissolved
	stNotAtAddress
	stRevoked
)

// genUnit is one enterprise or dependent unit; its texts (name, people,
// phone, address words) follow from its index and the seed, so only state
// that changes is stored.
type genUnit struct {
	taxMain   int64 // the 10-digit code as a number: prefix·10⁸ + serial
	capital   int64 // VND; 0 for none (dependent units)
	regDay    int32 // days since 1970-01-01
	changeDay int32 // 0 when never changed
	parent    int32 // index of a parent in the register, -1 for none or one of another province
	nameNo    uint32
	commune   uint16 // index into the pre-2025 communes
	vsic      uint16 // index into the reference codes
	branch    uint16 // -NNN of a dependent unit, 0 for an enterprise
	nBranch   uint16 // dependent units created under this one
	regQ      int16  // quarter index of registration, -1 for the initial population
	dissQ     int16  // quarter index of dissolution, -1 while not dissolved
	form      uint8
	status    uint8
	section   uint8 // 'A'..'U'
	moves     uint8
}

type gen struct {
	opt      GenOptions
	ref      *Ref
	rng      *rand.Rand // the simulation's stream
	units    []genUnit
	quarters []Quarter

	communeCum []float64 // cumulative weights over ref.adm.pre
	sections   []string
	popular    map[string][]int     // section → class indexes (popular first)
	popCum     map[string][]float64 // cumulative weights matching popular
	nameNo     [26]uint32
	taxNext    map[int64]int64 // prefix → next serial
	formNames  [len(genFormKeys)]string
	statNames  [len(genStatusKeys)]string
	familyCum  []int

	// per-unit text stream, reseeded for each unit
	upcg *rand.PCG
	urng *rand.Rand
	// ASCII forms of the name words
	asciiA, asciiB []string
	row            []GenCell
	place          []genPlace
	cur            *GenQuarterCounts
}

// Generate simulates the register over opt.Quarters quarters ending at
// opt.Last and writes each quarter's file to w: the whole register at
// quarter end (Snapshot: every unit not dissolved before the quarter; units
// dissolved during it are listed with status "Đã giải thể") or the
// quarter's registrations (New). The register at the last quarter has about
// opt.Rows units (within a few per cent); the counts returned are exact.
func Generate(opt GenOptions, w SnapshotWriter) (GenCounts, error) {
	if opt.Rows < 1 {
		return GenCounts{}, errors.New("số dòng phải lớn hơn 0 / rows must be at least 1")
	}
	if opt.Quarters < 1 {
		opt.Quarters = 1
	}
	if opt.Last.IsZero() {
		return GenCounts{}, errors.New("thiếu quý / the quarter is missing")
	}
	if opt.Kind == "" {
		opt.Kind = Snapshot
	}
	if opt.Kind != Snapshot && opt.Kind != New {
		return GenCounts{}, fmt.Errorf("loại danh sách không hợp lệ %q / bad list kind %q", opt.Kind, opt.Kind)
	}
	g, err := newGen(opt)
	if err != nil {
		return GenCounts{}, err
	}
	counts := GenCounts{Seed: opt.Seed, Kind: opt.Kind, Rows: opt.Rows, Untidy: opt.Untidy.String()}
	g.initialPopulation()
	for qi, q := range g.quarters {
		qc := GenQuarterCounts{Quarter: q.String(), AsOf: q.End().Format("2006-01-02"),
			ByStatus: map[string]int{}, ByLegalForm: map[string]int{}, ByCommune2025: map[string]int{}, ByVSICSection: map[string]int{}}
		g.cur = &qc
		g.simulateQuarter(qi)
		if err := g.writeQuarter(qi, w); err != nil {
			return counts, err
		}
		counts.Quarters = append(counts.Quarters, qc)
	}
	return counts, nil
}

func newGen(opt GenOptions) (*gen, error) {
	ref := opt.Ref
	if ref == nil {
		var err error
		if ref, err = LoadRef(); err != nil {
			return nil, err
		}
	}
	g := &gen{opt: opt, ref: ref, rng: rand.New(rand.NewPCG(opt.Seed, 0x6c616f636169)),
		popular: map[string][]int{}, popCum: map[string][]float64{}, taxNext: map[int64]int64{}}
	g.upcg = rand.NewPCG(0, 0)
	g.urng = rand.New(g.upcg)
	q := opt.Last
	for range opt.Quarters - 1 {
		q = genPrevQuarter(q)
	}
	for range opt.Quarters {
		g.quarters = append(g.quarters, q)
		q = q.Next()
	}
	for i, k := range genFormKeys {
		f, ok := ref.LegalFormByKey(k)
		if !ok {
			return nil, fmt.Errorf("business: legal form %s missing from the reference tables", k)
		}
		g.formNames[i] = f.NameVI
	}
	for i, k := range genStatusKeys {
		s, ok := ref.StatusByKey(k)
		if !ok {
			return nil, fmt.Errorf("business: status %s missing from the reference tables", k)
		}
		g.statNames[i] = s.NameVI
	}
	// Communes weighted by how urban they are: wards and towns hold most
	// enterprises, the two provincial cities and Sa Pa more still.
	sum := 0.0
	for _, c := range ref.adm.pre {
		w := 1.0
		switch c.UnitType {
		case "Phường":
			w = 12
		case "Thị trấn":
			w = 6
		}
		switch c.DistrictCode {
		case "080", "132":
			w *= 2
		case "088":
			w *= 1.5
		}
		sum += w
		g.communeCum = append(g.communeCum, sum)
	}
	// Classes by section: the popular ones with their weights, then the
	// rest sharing 12% of the section.
	bySection := map[string][]int{}
	for i, c := range ref.codes {
		if c.Level == 4 {
			bySection[c.Section] = append(bySection[c.Section], i)
		}
	}
	for _, sw := range genSectionWeights {
		s := sw.section
		if len(bySection[s]) == 0 {
			continue
		}
		g.sections = append(g.sections, s)
		var idx []int
		var cum []float64
		total := 0.0
		for _, p := range genPopular[s] {
			if i, ok := ref.vsic4[p.code]; ok && ref.codes[i].Section == s && p.w > 0 {
				total += p.w
				idx = append(idx, i)
				cum = append(cum, total)
			}
		}
		rest := bySection[s]
		restW := 12.0
		if total == 0 {
			restW = 100
		}
		for _, i := range rest {
			total += restW / float64(len(rest))
			idx = append(idx, i)
			cum = append(cum, total)
		}
		g.popular[s], g.popCum[s] = idx, cum
	}
	t := 0
	for _, f := range genFamily {
		t += f.w
		g.familyCum = append(g.familyCum, t)
	}
	for _, w := range genWordsA {
		g.asciiA = append(g.asciiA, genUpperASCII(w))
	}
	for _, w := range genWordsB {
		g.asciiB = append(g.asciiB, genUpperASCII(w))
	}
	g.row = make([]GenCell, len(GenHeaders))
	return g, nil
}

func genPrevQuarter(q Quarter) Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

func genDay(t time.Time) int32 { return int32(t.Unix() / 86400) }

func genDate(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Per-quarter rates of the simulation.
const (
	genNewRate      = 0.032 // new registrations, of the register
	genMovedIn      = 0.015 // enterprises with a code of another province
	genLocalParent  = 0.6   // dependent units whose parent is in the register
	genChangeShare  = 0.4   // initial enterprises with a change date
	genCapitalRate  = 0.015
	genMoveRate     = 0.008
	genExpectGrowth = 0.024 // net growth per quarter, to size the initial population
)

var genSeason = [5]float64{0, 0.85, 1.05, 1.0, 1.1}

// initialPopulation creates the register as it stood before the first
// quarter: registrations since 1995, denser in recent years, their codes
// increasing with the date.
func (g *gen) initialPopulation() {
	n0 := int(math.Round(float64(g.opt.Rows) / math.Pow(1+genExpectGrowth, float64(len(g.quarters))) / 1.008))
	n0 = max(n0, 1)
	start := genDay(g.quarters[0].Start())
	first := genDay(time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC))
	days := make([]int32, n0)
	for i := range days {
		u := g.rng.Float64()
		days[i] = start - 1 - int32(float64(start-1-first)*math.Pow(u, 1.8))
	}
	slices.Sort(days)
	g.units = make([]genUnit, 0, g.opt.Rows+g.opt.Rows/8)
	for _, d := range days {
		u := g.newUnit(d, -1, false)
		// Where it stands at the start.
		switch r := g.rng.Float64(); {
		case r < 0.07:
			u.status = stSuspended
		case r < 0.078:
			u.status = stDissolving
		case r < 0.108:
			u.status = stNotAtAddress
		case r < 0.12:
			u.status = stRevoked
		}
		if g.rng.Float64() < genChangeShare && start-1 > d {
			u.changeDay = d + 1 + g.rng.Int32N(start-1-d)
		}
		g.units = append(g.units, u)
	}
}

// newUnit registers a unit on day d in quarter qi (-1: before the first).
func (g *gen) newUnit(d int32, qi int, post bool) genUnit {
	u := genUnit{regDay: d, regQ: int16(qi), dissQ: -1, parent: -1}
	u.form = uint8(genPick(g.rng.Float64(), genFormShares[:]))
	u.commune = uint16(g.pickCommune())
	dependent := u.form >= fmBranch
	if dependent && g.rng.Float64() < genLocalParent {
		// A parent among the register's enterprises, if one is found.
		for range 8 {
			if len(g.units) == 0 {
				break
			}
			p := g.rng.IntN(len(g.units))
			pu := &g.units[p]
			if pu.form < fmBranch && pu.dissQ < 0 && pu.nBranch < 999 {
				pu.nBranch++
				u.parent = int32(p)
				u.taxMain = pu.taxMain
				u.branch = pu.nBranch
				u.section = pu.section
				u.vsic = pu.vsic
				break
			}
		}
	}
	if u.section == 0 {
		s := g.pickSection(u.commune)
		u.section = s[0]
		u.vsic = uint16(g.pickClass(s))
	}
	switch {
	case u.taxMain != 0:
	case dependent: // parent of another province
		prefix := []int64{1, 1, 1, 1, 1, 1, 3, 3, 3, 2}[g.rng.IntN(10)]
		u.taxMain = g.nextTax(prefix)
		u.branch = uint16(1 + g.rng.IntN(40))
	default:
		prefix := int64(53)
		switch {
		case g.rng.Float64() < genMovedIn:
			prefix = []int64{1, 1, 1, 3, 2}[g.rng.IntN(5)]
		case !post && g.ref.adm.pre[u.commune].ProvinceCode == ProvinceYenBaiPre2025:
			prefix = 52
		}
		u.taxMain = g.nextTax(prefix)
	}
	if !dependent {
		u.capital = g.capital(u.form)
	}
	u.nameNo = g.nameNo[u.section-'A']
	g.nameNo[u.section-'A']++
	return u
}

// nextTax is the next code of a province prefix: serials start at 00100000
// and grow by 1 to 3, as codes issued to others fall between.
func (g *gen) nextTax(prefix int64) int64 {
	s, ok := g.taxNext[prefix]
	if !ok {
		s = 100000
		if prefix < 10 {
			s = 1000000 + g.rng.Int64N(5000000) // big provinces: far into their serials
		}
	}
	s += 1 + g.rng.Int64N(3)
	g.taxNext[prefix] = s
	return prefix*100_000_000 + s
}

// capital draws a charter capital: log-normal by legal form, rounded to
// millions of VND.
func (g *gen) capital(form uint8) int64 {
	median, sigma := 2e9, 1.1
	switch form {
	case fmLLCMulti:
		median = 3.5e9
	case fmJSC:
		median, sigma = 8e9, 1.3
	case fmPrivate:
		median, sigma = 1e9, 0.9
	case fmPartnership:
		median = 1.5e9
	}
	v := median * math.Exp(sigma*g.rng.NormFloat64())
	v = math.Min(math.Max(v, 50e6), 5e12)
	return int64(math.Round(v/1e6)) * 1_000_000
}

func genPick(u float64, shares []float64) int {
	for i, s := range shares {
		if u < s {
			return i
		}
		u -= s
	}
	return len(shares) - 1
}

func genSearch(cum []float64, u float64) int {
	i, _ := slices.BinarySearch(cum, u*cum[len(cum)-1])
	return min(i, len(cum)-1)
}

func (g *gen) pickCommune() int { return genSearch(g.communeCum, g.rng.Float64()) }

// pickSection draws a section, weighted for a mountain province; Sa Pa
// and Bắc Hà lean to accommodation, the countryside to agriculture.
func (g *gen) pickSection(commune uint16) string {
	c := g.ref.adm.pre[commune]
	var cum [32]float64
	total := 0.0
	n := 0
	for _, sw := range genSectionWeights {
		if _, ok := g.popular[sw.section]; !ok {
			continue
		}
		w := sw.w
		switch {
		case sw.section == "I" && c.DistrictCode == "088":
			w *= 5
		case sw.section == "I" && c.DistrictCode == "085":
			w *= 2
		case sw.section == "A" && c.UnitType == "Xã":
			w *= 1.5
		}
		total += w
		cum[n] = total
		n++
	}
	i := genSearch(cum[:n], g.rng.Float64())
	return g.sections[i]
}

func (g *gen) pickClass(section string) int {
	return g.popular[section][genSearch(g.popCum[section], g.rng.Float64())]
}

func (g *gen) dayIn(q Quarter) int32 {
	a, b := genDay(q.Start()), genDay(q.End())
	return a + g.rng.Int32N(b-a+1)
}

// simulateQuarter applies a quarter's events, in unit order, then its
// registrations.
func (g *gen) simulateQuarter(qi int) {
	q := g.quarters[qi]
	c := g.cur
	n := len(g.units)
	for i := range n {
		u := &g.units[i]
		if u.dissQ >= 0 {
			continue
		}
		if u.parent >= 0 && g.units[u.parent].dissQ == int16(qi) {
			// A dependent unit closes with its parent.
			g.setStatus(u, stDissolved, qi)
			continue
		}
		r := g.rng.Float64()
		switch u.status {
		case stActive:
			switch {
			case r < 0.012:
				g.setStatus(u, stSuspended, qi)
				c.Suspended++
			case r < 0.016:
				g.setStatus(u, stDissolving, qi)
			case r < 0.019:
				g.setStatus(u, stDissolved, qi)
			case r < 0.0205:
				g.setStatus(u, stNotAtAddress, qi)
			case r < 0.021:
				g.setStatus(u, stRevoked, qi)
			}
		case stSuspended:
			switch {
			case r < 0.20:
				g.setStatus(u, stActive, qi)
				c.Resumed++
			case r < 0.23:
				g.setStatus(u, stDissolving, qi)
			case r < 0.25:
				g.setStatus(u, stDissolved, qi)
			}
		case stDissolving:
			if r < 0.45 {
				g.setStatus(u, stDissolved, qi)
			}
		case stNotAtAddress:
			switch {
			case r < 0.05:
				g.setStatus(u, stRevoked, qi)
			case r < 0.10:
				g.setStatus(u, stActive, qi)
			}
		case stRevoked:
			if r < 0.03 {
				g.setStatus(u, stDissolved, qi)
			}
		}
		if u.dissQ >= 0 || u.status != stActive {
			continue
		}
		if u.capital > 0 && g.rng.Float64() < genCapitalRate {
			f := []float64{1.5, 2, 2, 3, 5, 0.5}[g.rng.IntN(6)]
			u.capital = max(int64(math.Round(float64(u.capital)*f/1e6))*1_000_000, 50_000_000)
			u.changeDay = max(u.changeDay, g.dayIn(q))
			c.CapitalChanges++
		}
		if g.rng.Float64() < genMoveRate {
			u.commune = uint16(g.pickCommune())
			u.moves++
			u.changeDay = max(u.changeDay, g.dayIn(q))
			c.Moves++
		}
	}
	alive := 0
	for i := range g.units {
		if g.units[i].dissQ < 0 {
			alive++
		}
	}
	nNew := int(math.Round(float64(alive) * genNewRate * genSeason[q.Q] * (0.9 + 0.2*g.rng.Float64())))
	days := make([]int32, nNew)
	for i := range days {
		days[i] = g.dayIn(q)
	}
	slices.Sort(days)
	post := !q.End().Before(Date2025Reform)
	for _, d := range days {
		u := g.newUnit(d, qi, post)
		g.units = append(g.units, u)
		c.NewRegistration++
		c.NewCapitalVND += u.capital
	}
	for i := range g.units {
		if g.units[i].dissQ < 0 {
			c.RegisterSize++
		}
	}
}

func (g *gen) setStatus(u *genUnit, st uint8, qi int) {
	u.status = st
	u.changeDay = max(u.changeDay, g.dayIn(g.quarters[qi]))
	if st == stDissolved {
		u.dissQ = int16(qi)
		g.cur.Dissolved++
	}
}

// writeQuarter writes one quarter's file.
func (g *gen) writeQuarter(qi int, w SnapshotWriter) error {
	q := g.quarters[qi]
	post := !q.End().Before(Date2025Reform)
	if err := w.StartFile(q); err != nil {
		return err
	}
	un := g.opt.Untidy
	if un.Title {
		title := "DANH SÁCH DOANH NGHIỆP TRÊN ĐỊA BÀN TỈNH LÀO CAI QUÝ " + strconv.Itoa(q.Q) + "/" + strconv.Itoa(q.Year)
		if g.opt.Kind == New {
			title = "DANH SÁCH DOANH NGHIỆP THÀNH LẬP MỚI TRÊN ĐỊA BÀN TỈNH LÀO CAI QUÝ " + strconv.Itoa(q.Q) + "/" + strconv.Itoa(q.Year)
		}
		for _, t := range []string{title, "(Số liệu đến ngày " + q.End().Format("02/01/2006") + ")", ""} {
			if err := w.WriteRow(genTextRow(t)); err != nil {
				return err
			}
		}
	}
	header := make([]GenCell, len(GenHeaders))
	for i, h := range GenHeaders {
		header[i] = GenCell{Kind: GenText, Text: h}
	}
	if err := w.WriteRow(header); err != nil {
		return err
	}
	blank := rand.New(rand.NewPCG(g.opt.Seed^0xb1a4c, uint64(qi)))
	n := 0
	for i := range g.units {
		u := &g.units[i]
		if g.opt.Kind == New {
			if int(u.regQ) != qi {
				continue
			}
		} else if u.dissQ >= 0 && int(u.dissQ) < qi {
			continue
		}
		n++
		if err := w.WriteRow(g.rowCells(i, n, post)); err != nil {
			return err
		}
		g.count(u)
		if un.Blank && blank.IntN(400) == 0 {
			if err := w.WriteRow(nil); err != nil {
				return err
			}
		}
	}
	g.cur.RowsWritten = n
	if un.Total {
		if un.Blank {
			if err := w.WriteRow(nil); err != nil {
				return err
			}
		}
		if err := w.WriteRow(genTextRow("Tổng cộng: " + strconv.Itoa(n) + " doanh nghiệp")); err != nil {
			return err
		}
	}
	return w.EndFile()
}

func genTextRow(s string) []GenCell {
	if s == "" {
		return nil
	}
	return []GenCell{{Kind: GenText, Text: s}}
}

func (g *gen) count(u *genUnit) {
	c := g.cur
	c.ByStatus[genStatusKeys[u.status]]++
	c.ByLegalForm[genFormKeys[u.form]]++
	c.ByVSICSection[string(rune(u.section))]++
	c.ByCommune2025[g.newCommune(u.commune).Code]++
}

// newCommune is the 2025 commune of an old one (the first, were it split).
func (g *gen) newCommune(old uint16) Commune2025 {
	a := g.ref.adm
	links := a.toNew[a.pre[old].Code]
	if len(links) == 0 {
		return Commune2025{}
	}
	return a.post[a.postByCode[a.links[links[0]].NewCode]]
}
