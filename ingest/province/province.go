// Package province knows Vietnam's provinces in both generations and maps
// province names, as written in source files, to GSO codes.
//
// Province identity is the 2-digit GSO code within a generation:
//
//   - "pre2025": the 63 provinces until 30 June 2025, plus Hà Tây (28), which
//     was merged into Hà Nội (01) on 1 August 2008 (64 rows);
//   - "2025": the 34 provinces from 1 July 2025.
//
// Codes were reused across generations (the new Lào Cai is 15, formerly Yên
// Bái's code; the old Lào Cai was 10), so a code never travels without its
// generation. The tables are the reference CSVs in sql/ref, embedded in the
// binary; see sql/ref/README.md for where every column comes from.
package province

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/ingest"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

// The two generations of provinces.
const (
	GenerationPre2025 = "pre2025" // 63 provinces (+ Hà Tây until 2008), until 2025-06-30
	Generation2025    = "2025"    // 34 provinces from 2025-07-01
)

// Unit types, as in the GSO lists.
const (
	UnitProvince = "Tỉnh"
	UnitCity     = "Thành phố"
)

// Province is one province-level unit of one generation.
type Province struct {
	Code       string // 2-digit GSO code, unique within Generation only
	NameVI     string // without the "Tỉnh"/"Thành phố" prefix, e.g. "Lào Cai"
	NameASCII  string // e.g. "Lao Cai"
	UnitType   string // UnitProvince or UnitCity
	Region6VI  string // GSO socio-economic region (pre2025 only)
	Region6EN  string
	Region8VI  string // geographic region (pre2025 only)
	Region8EN  string
	PCIID      int       // VCCI PCI's internal province id (pre2025 only; 0 = none)
	OldCode3   string    // GSO's former 3-digit code (pre2025 only)
	ValidFrom  time.Time // zero = open
	ValidTo    time.Time // last valid day, inclusive; zero = open
	Generation string    // GenerationPre2025 or Generation2025
}

// Link is one row of the crosswalk: from ValidFrom on, province OldCode of
// GenerationFrom is (wholly, or for "partial" in part) province NewCode of
// GenerationTo.
type Link struct {
	OldCode, NewCode, MergeType, GenerationFrom, GenerationTo string
	ValidFrom                                                 time.Time
}

// Alias is an extra spelling of a province name that folding alone does not
// reduce to the official name (e.g. "BRVT", "TT-Huế", "Bắc Cạn").
type Alias struct {
	Code, Alias, Generation string
}

// Registry holds both generations, the crosswalk and the aliases, with an
// index of folded names. It is read-only once loaded.
type Registry struct {
	pre, post []Province
	links     []Link
	aliases   []Alias
	byCode    map[string]map[string]int // generation → code → index into provinces(generation)
	index     map[string]map[string][]string
	bases     map[string]map[string][]string // unprefixed keys only, for suggestions
}

const dateLayout = "2006-01-02"

// Reference files inside dpisql.FS.
const (
	filePre2025   = "ref/provinces_pre2025.csv"
	file2025      = "ref/provinces_2025.csv"
	fileCrosswalk = "ref/province_crosswalk.csv"
	fileAliases   = "ref/province_aliases.csv"
)

// Load reads the reference tables embedded in the binary. It keeps no cache:
// it parses about 200 short CSV rows, so callers may keep the *Registry they
// get for as long as they like, or load again.
func Load() (*Registry, error) {
	return load(dpisql.FS)
}

func load(fsys fs.FS) (*Registry, error) {
	r := &Registry{}
	var err error
	if r.pre, err = readProvinces(fsys, filePre2025, GenerationPre2025,
		[]string{"code", "name_vi", "name_ascii", "unit_type", "region6_vi", "region6_en", "region8_vi", "region8_en", "pci_id", "gso_code_old_3digit", "valid_from", "valid_to"}); err != nil {
		return nil, err
	}
	if r.post, err = readProvinces(fsys, file2025, Generation2025,
		[]string{"code", "name_vi", "name_ascii", "unit_type", "valid_from", "valid_to"}); err != nil {
		return nil, err
	}
	r.byCode = map[string]map[string]int{GenerationPre2025: {}, Generation2025: {}}
	for _, gen := range []string{GenerationPre2025, Generation2025} {
		for i, p := range r.provinces(gen) {
			if _, dup := r.byCode[gen][p.Code]; dup {
				return nil, fmt.Errorf("province: %s: code %s appears twice", fileFor(gen), p.Code)
			}
			r.byCode[gen][p.Code] = i
		}
	}
	if r.links, err = r.readCrosswalk(fsys); err != nil {
		return nil, err
	}
	if r.aliases, err = r.readAliases(fsys); err != nil {
		return nil, err
	}
	if err := r.buildIndex(); err != nil {
		return nil, err
	}
	return r, nil
}

func fileFor(gen string) string {
	if gen == Generation2025 {
		return file2025
	}
	return filePre2025
}

// PreMerger returns the 64 provinces of the pre-2025 generation (the 63 of
// 2008–2025 and Hà Tây), sorted by code.
func (r *Registry) PreMerger() []Province { return slices.Clone(r.pre) }

// PostMerger returns the 34 provinces from 1 July 2025, sorted by code.
func (r *Registry) PostMerger() []Province { return slices.Clone(r.post) }

// Crosswalk returns every link: each pre-2025 province to its 2025 province,
// and Hà Tây (28) to Hà Nội (01) within the pre-2025 generation.
func (r *Registry) Crosswalk() []Link { return slices.Clone(r.links) }

// Aliases returns the extra spellings, by generation and code.
func (r *Registry) Aliases() []Alias { return slices.Clone(r.aliases) }

// ByCode finds a province by generation (GenerationPre2025 or
// Generation2025) and 2-digit code.
func (r *Registry) ByCode(generation, code string) (Province, bool) {
	i, ok := r.byCode[generation][code]
	if !ok {
		return Province{}, false
	}
	return r.provinces(generation)[i], true
}

// Successors returns the links leaving province code of generation.
func (r *Registry) Successors(generation, code string) []Link {
	var out []Link
	for _, l := range r.links {
		if l.GenerationFrom == generation && l.OldCode == code {
			out = append(out, l)
		}
	}
	return out
}

func (r *Registry) provinces(gen string) []Province {
	if gen == Generation2025 {
		return r.post
	}
	return r.pre
}

// table reads a whole CSV file whose header must be exactly want.
func table(fsys fs.FS, name string, want []string) ([][]string, error) {
	rows, err := ingest.ReadTable(fsys, name, want)
	if err != nil {
		return nil, fmt.Errorf("province: %w", err)
	}
	return rows, nil
}

func parseDate(file string, line int, col, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("province: %s line %d, %s: %q is not a date (YYYY-MM-DD)", file, line, col, s)
	}
	return t, nil
}

func checkCode(file string, line int, col, s string) error {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return fmt.Errorf("province: %s line %d, %s: %q is not a 2-digit code", file, line, col, s)
	}
	return nil
}

func readProvinces(fsys fs.FS, file, gen string, header []string) ([]Province, error) {
	rows, err := table(fsys, file, header)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	out := make([]Province, 0, len(rows))
	for n, rec := range rows {
		line := n + 2
		p := Province{
			Code:       get(rec, "code"),
			NameVI:     get(rec, "name_vi"),
			NameASCII:  get(rec, "name_ascii"),
			UnitType:   get(rec, "unit_type"),
			Region6VI:  get(rec, "region6_vi"),
			Region6EN:  get(rec, "region6_en"),
			Region8VI:  get(rec, "region8_vi"),
			Region8EN:  get(rec, "region8_en"),
			OldCode3:   get(rec, "gso_code_old_3digit"),
			Generation: gen,
		}
		if err := checkCode(file, line, "code", p.Code); err != nil {
			return nil, err
		}
		if p.NameVI == "" || p.NameASCII == "" {
			return nil, fmt.Errorf("province: %s line %d: empty name", file, line)
		}
		if p.UnitType != UnitProvince && p.UnitType != UnitCity {
			return nil, fmt.Errorf("province: %s line %d, unit_type: %q is neither %q nor %q", file, line, p.UnitType, UnitProvince, UnitCity)
		}
		if s := get(rec, "pci_id"); s != "" {
			if p.PCIID, err = strconv.Atoi(s); err != nil || p.PCIID <= 0 {
				return nil, fmt.Errorf("province: %s line %d, pci_id: %q is not a positive integer", file, line, s)
			}
		}
		if p.ValidFrom, err = parseDate(file, line, "valid_from", get(rec, "valid_from")); err != nil {
			return nil, err
		}
		if p.ValidTo, err = parseDate(file, line, "valid_to", get(rec, "valid_to")); err != nil {
			return nil, err
		}
		if !p.ValidFrom.IsZero() && !p.ValidTo.IsZero() && p.ValidTo.Before(p.ValidFrom) {
			return nil, fmt.Errorf("province: %s line %d: valid_to %s is before valid_from %s", file, line, p.ValidTo.Format(dateLayout), p.ValidFrom.Format(dateLayout))
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Province) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

func validGeneration(g string) bool { return g == GenerationPre2025 || g == Generation2025 }

func (r *Registry) readCrosswalk(fsys fs.FS) ([]Link, error) {
	rows, err := table(fsys, fileCrosswalk, []string{"old_code", "new_code", "merge_type", "valid_from", "generation_from", "generation_to"})
	if err != nil {
		return nil, err
	}
	out := make([]Link, 0, len(rows))
	for n, rec := range rows {
		line := n + 2
		l := Link{OldCode: rec[0], NewCode: rec[1], MergeType: rec[2], GenerationFrom: rec[4], GenerationTo: rec[5]}
		if l.MergeType != "full" && l.MergeType != "partial" {
			return nil, fmt.Errorf("province: %s line %d, merge_type: %q is neither full nor partial", fileCrosswalk, line, l.MergeType)
		}
		if !validGeneration(l.GenerationFrom) || !validGeneration(l.GenerationTo) {
			return nil, fmt.Errorf("province: %s line %d: unknown generation %q → %q", fileCrosswalk, line, l.GenerationFrom, l.GenerationTo)
		}
		if _, ok := r.ByCode(l.GenerationFrom, l.OldCode); !ok {
			return nil, fmt.Errorf("province: %s line %d: old_code %q is not a %s province", fileCrosswalk, line, l.OldCode, l.GenerationFrom)
		}
		if _, ok := r.ByCode(l.GenerationTo, l.NewCode); !ok {
			return nil, fmt.Errorf("province: %s line %d: new_code %q is not a %s province", fileCrosswalk, line, l.NewCode, l.GenerationTo)
		}
		if l.ValidFrom, err = parseDate(fileCrosswalk, line, "valid_from", rec[3]); err != nil {
			return nil, err
		}
		if l.ValidFrom.IsZero() {
			return nil, fmt.Errorf("province: %s line %d: valid_from is empty", fileCrosswalk, line)
		}
		out = append(out, l)
	}
	return out, nil
}

func (r *Registry) readAliases(fsys fs.FS) ([]Alias, error) {
	rows, err := table(fsys, fileAliases, []string{"code", "alias", "generation"})
	if err != nil {
		return nil, err
	}
	out := make([]Alias, 0, len(rows))
	for n, rec := range rows {
		line := n + 2
		a := Alias{Code: rec[0], Alias: strings.TrimSpace(rec[1]), Generation: rec[2]}
		if !validGeneration(a.Generation) {
			return nil, fmt.Errorf("province: %s line %d: unknown generation %q", fileAliases, line, a.Generation)
		}
		if _, ok := r.ByCode(a.Generation, a.Code); !ok {
			return nil, fmt.Errorf("province: %s line %d: code %q is not a %s province", fileAliases, line, a.Code, a.Generation)
		}
		if Fold(a.Alias) == "" {
			return nil, fmt.Errorf("province: %s line %d: empty alias", fileAliases, line)
		}
		out = append(out, a)
	}
	return out, nil
}

// prefixes are the folded unit-type prefixes accepted before a name. They
// follow the unit type: "Thành phố Lào Cai" is Lào Cai's provincial capital,
// a district-level city, not the province, so it is not taken for Lào Cai.
func prefixes(unitType string) []string {
	if unitType == UnitCity {
		return []string{"thanh pho ", "tp "}
	}
	return []string{"tinh "}
}

// keys returns the folded keys under which p is found: its Vietnamese and
// ASCII names and its aliases (bases), each also with its unit-type prefix.
func (r *Registry) keys(p Province) (bases, all []string) {
	bases = []string{Fold(p.NameVI), Fold(p.NameASCII)}
	for _, a := range r.aliases {
		if a.Generation == p.Generation && a.Code == p.Code {
			bases = append(bases, Fold(a.Alias))
		}
	}
	slices.Sort(bases)
	bases = slices.Compact(bases)
	all = slices.Clone(bases)
	for _, b := range bases {
		for _, pre := range prefixes(p.UnitType) {
			all = append(all, pre+b)
		}
	}
	return bases, all
}

// buildIndex maps every folded key to its province codes, per generation.
// Two provinces of one generation sharing a key is an error in our tables.
func (r *Registry) buildIndex() error {
	r.index = map[string]map[string][]string{}
	r.bases = map[string]map[string][]string{}
	for _, gen := range []string{GenerationPre2025, Generation2025} {
		r.index[gen] = map[string][]string{}
		r.bases[gen] = map[string][]string{}
		for _, p := range r.provinces(gen) {
			bases, all := r.keys(p)
			for _, k := range bases {
				r.bases[gen][k] = append(r.bases[gen][k], p.Code)
			}
			for _, k := range all {
				if prev := r.index[gen][k]; len(prev) > 0 && !slices.Contains(prev, p.Code) {
					return fmt.Errorf("province: %s name %q matches both %s and %s", gen, k, prev[0], p.Code)
				}
				if !slices.Contains(r.index[gen][k], p.Code) {
					r.index[gen][k] = append(r.index[gen][k], p.Code)
				}
			}
		}
	}
	return nil
}
