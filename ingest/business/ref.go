package business

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/province"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

// Reference tables of the enterprise register, embedded from sql/ref (see
// sql/ref/README.md, section "Business registration"). The warehouse loads
// the same files into ref_<file base name>.
const (
	refFileLegalForms      = "ref/business_legal_forms.csv"
	refFileStatuses        = "ref/business_statuses.csv"
	refFileVSICSections    = "ref/vsic_sections.csv"
	refFileVSICCodes       = "ref/vsic_codes.csv"
	refFileDistricts       = "ref/admin_districts_pre2025.csv"
	refFileCommunesPre2025 = "ref/admin_communes_pre2025.csv"
	refFileCommunes2025    = "ref/admin_communes_2025.csv"
	refFileCrosswalk       = "ref/admin_commune_crosswalk_2025.csv"
)

// Province codes of the register, per generation: the new Lào Cai (2025
// code 15) is the old Lào Cai (pre-2025 code 10) plus the old Yên Bái
// (pre-2025 code 15).
const (
	ProvinceLaoCai2025    = "15"
	ProvinceLaoCaiPre2025 = "10"
	ProvinceYenBaiPre2025 = "15"
)

// LegalForm is one row of business_legal_forms.csv.
type LegalForm struct {
	Key           string // llc_single, jsc, branch, ...
	NameVI        string
	NameEN        string
	DependentUnit bool // branch, representative office, business location
	Aliases       []string
}

// Status is one row of business_statuses.csv.
type Status struct {
	Key       string // active, suspended, dissolving, dissolved, not_at_address, revoked
	NameVI    string
	NameEN    string
	Operating bool
	Aliases   []string
}

// VSICSection is one section (A..U) of VSIC 2018 with its range of
// 2-digit divisions.
type VSICSection struct {
	Section      string
	NameVI       string
	NameEN       string
	DivisionFrom string // "01"
	DivisionTo   string // "03"
}

// VSICCode is one code of VSIC 2018: a division (Level 2) or a class (Level 4).
type VSICCode struct {
	Code    string
	Level   int
	NameVI  string
	Section string
}

// District is a pre-2025 district-level unit of provinces 10 and 15.
type District struct {
	ProvinceCode string // pre-2025 province code
	Code         string // 3 digits
	NameVI       string // without unit prefix: "Bát Xát"
	UnitType     string // Huyện, Thị xã, Thành phố
	NameASCII    string
}

// CommunePre2025 is a pre-2025 commune-level unit of provinces 10 and 15.
type CommunePre2025 struct {
	ProvinceCode string
	DistrictCode string
	Code         string // 5 digits
	NameVI       string // without unit prefix: "Bản Vược"
	UnitType     string // Xã, Phường, Thị trấn
	NameASCII    string
}

// Commune2025 is a commune-level unit of the 2025 province 15 (new Lào Cai).
type Commune2025 struct {
	ProvinceCode string
	Code         string // 5 digits; codes were reused, so never mix with pre-2025 codes
	NameVI       string
	UnitType     string // Xã, Phường
	NameASCII    string
}

// CommuneLink is one row of the commune crosswalk: old commune OldCode is
// wholly ("full") or in part ("partial") in new commune NewCode.
type CommuneLink struct {
	OldCode, NewCode, MergeType string
}

// Ref holds the business reference tables and the administrative units of
// the province in both generations, with folded indexes for matching names
// as written in register files. It is safe for concurrent use; the only
// mutable part is the ResolveLocation cache.
type Ref struct {
	legalForms []LegalForm
	statuses   []Status
	sections   []VSICSection
	codes      []VSICCode // level 2 and level 4, in file order

	formIndex   map[string]string // folded, canonical name or alias → key
	statusIndex map[string]string
	vsic4       map[string]int // code → index into codes (level 4)
	vsic2       map[string]int // division → index into codes (level 2)

	provinces *province.Registry
	adm       *adminIndex
	cache     sync.Map // locKey → *locResult
	cacheN    int64    // approximate number of cached entries (atomic)
}

// LoadRef reads the reference tables embedded in the binary. It parses a
// few thousand short CSV rows (a few milliseconds); keep the *Ref for the
// whole load, since ResolveLocation caches per address.
func LoadRef() (*Ref, error) { return loadRef(dpisql.FS) }

func loadRef(fsys fs.FS) (*Ref, error) {
	r := &Ref{}
	var err error
	if r.provinces, err = province.Load(); err != nil {
		return nil, err
	}
	if err = r.readLegalForms(fsys); err != nil {
		return nil, err
	}
	if err = r.readStatuses(fsys); err != nil {
		return nil, err
	}
	if err = r.readVSIC(fsys); err != nil {
		return nil, err
	}
	if r.adm, err = loadAdmin(fsys, r.provinces); err != nil {
		return nil, err
	}
	return r, nil
}

// refTable reads a whole CSV file of fsys whose header must be exactly want.
func refTable(fsys fs.FS, name string, want []string) ([][]string, error) {
	rows, err := ingest.ReadTable(fsys, name, want)
	if err != nil {
		return nil, fmt.Errorf("business: %w", err)
	}
	return rows, nil
}

func refBool(file string, line int, col, s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("business: %s line %d, %s: %q is neither true nor false", file, line, col, s)
}

func refAliases(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// addNames indexes a key under its folded, canonical names; two keys
// sharing a name is an error in our tables.
func refIndexNames(idx map[string]string, file, key string, names []string) error {
	for _, n := range names {
		k := canonicalForm(n)
		if k == "" {
			continue
		}
		if prev, ok := idx[k]; ok && prev != key {
			return fmt.Errorf("business: %s: %q names both %s and %s", file, n, prev, key)
		}
		idx[k] = key
	}
	return nil
}

func (r *Ref) readLegalForms(fsys fs.FS) error {
	rows, err := refTable(fsys, refFileLegalForms, []string{"key", "name_vi", "name_en", "is_dependent_unit", "aliases"})
	if err != nil {
		return err
	}
	r.formIndex = map[string]string{}
	for n, rec := range rows {
		f := LegalForm{Key: rec[0], NameVI: rec[1], NameEN: rec[2], Aliases: refAliases(rec[4])}
		if f.Key == "" || f.NameVI == "" {
			return fmt.Errorf("business: %s line %d: empty key or name", refFileLegalForms, n+2)
		}
		if f.DependentUnit, err = refBool(refFileLegalForms, n+2, "is_dependent_unit", rec[3]); err != nil {
			return err
		}
		if err := refIndexNames(r.formIndex, refFileLegalForms, f.Key, append([]string{f.NameVI, f.NameEN}, f.Aliases...)); err != nil {
			return err
		}
		r.legalForms = append(r.legalForms, f)
	}
	return nil
}

func (r *Ref) readStatuses(fsys fs.FS) error {
	rows, err := refTable(fsys, refFileStatuses, []string{"key", "name_vi", "name_en", "is_operating", "aliases"})
	if err != nil {
		return err
	}
	r.statusIndex = map[string]string{}
	for n, rec := range rows {
		s := Status{Key: rec[0], NameVI: rec[1], NameEN: rec[2], Aliases: refAliases(rec[4])}
		if s.Key == "" || s.NameVI == "" {
			return fmt.Errorf("business: %s line %d: empty key or name", refFileStatuses, n+2)
		}
		if s.Operating, err = refBool(refFileStatuses, n+2, "is_operating", rec[3]); err != nil {
			return err
		}
		if err := refIndexNames(r.statusIndex, refFileStatuses, s.Key, append([]string{s.NameVI, s.NameEN}, s.Aliases...)); err != nil {
			return err
		}
		r.statuses = append(r.statuses, s)
	}
	return nil
}

func refDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (r *Ref) readVSIC(fsys fs.FS) error {
	rows, err := refTable(fsys, refFileVSICSections, []string{"section", "name_vi", "name_en", "division_from", "division_to"})
	if err != nil {
		return err
	}
	for n, rec := range rows {
		s := VSICSection{Section: rec[0], NameVI: rec[1], NameEN: rec[2], DivisionFrom: rec[3], DivisionTo: rec[4]}
		if len(s.Section) != 1 || s.Section[0] < 'A' || s.Section[0] > 'Z' || !refDigits(s.DivisionFrom, 2) || !refDigits(s.DivisionTo, 2) || s.DivisionTo < s.DivisionFrom {
			return fmt.Errorf("business: %s line %d: bad section row %q", refFileVSICSections, n+2, rec)
		}
		if n > 0 && s.DivisionFrom <= r.sections[n-1].DivisionTo {
			return fmt.Errorf("business: %s line %d: division ranges overlap or are out of order", refFileVSICSections, n+2)
		}
		r.sections = append(r.sections, s)
	}
	rows, err = refTable(fsys, refFileVSICCodes, []string{"code", "level", "name_vi", "section"})
	if err != nil {
		return err
	}
	r.vsic2, r.vsic4 = map[string]int{}, map[string]int{}
	for n, rec := range rows {
		line := n + 2
		c := VSICCode{Code: rec[0], NameVI: rec[2], Section: rec[3]}
		if c.Level, err = strconv.Atoi(rec[1]); err != nil || (c.Level != 2 && c.Level != 4) || !refDigits(c.Code, c.Level) {
			return fmt.Errorf("business: %s line %d: code %q of level %q (want a 2- or 4-digit code of level 2 or 4)", refFileVSICCodes, line, rec[0], rec[1])
		}
		if c.NameVI == "" {
			return fmt.Errorf("business: %s line %d: empty name", refFileVSICCodes, line)
		}
		if sec := r.sectionOfDivision(c.Code[:2]); sec != c.Section {
			return fmt.Errorf("business: %s line %d: code %s is in section %q by its division, not %q", refFileVSICCodes, line, c.Code, sec, c.Section)
		}
		idx := r.vsic4
		if c.Level == 2 {
			idx = r.vsic2
		} else if _, ok := r.vsic2[c.Code[:2]]; !ok {
			return fmt.Errorf("business: %s line %d: class %s before (or without) its division %s", refFileVSICCodes, line, c.Code, c.Code[:2])
		}
		if _, dup := idx[c.Code]; dup {
			return fmt.Errorf("business: %s line %d: code %s appears twice", refFileVSICCodes, line, c.Code)
		}
		idx[c.Code] = len(r.codes)
		r.codes = append(r.codes, c)
	}
	return nil
}

// sectionOfDivision is the section whose range holds the 2-digit division,
// or "" when none does (the range is a gap such as 04).
func (r *Ref) sectionOfDivision(div string) string {
	for _, s := range r.sections {
		if div >= s.DivisionFrom && div <= s.DivisionTo {
			return s.Section
		}
	}
	return ""
}

// canonicalForm folds a legal-form or status text and spells out the
// common abbreviations, so that "Cty TNHH 1TV", "Công ty TNHH MTV" and
// "CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN" meet.
func canonicalForm(s string) string {
	f := province.Fold(s)
	if f == "" {
		return ""
	}
	f = strings.NewReplacer("(", " ", ")", " ", "/", " ", ":", " ", ";", " ").Replace(f)
	words := strings.Fields(f)
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "cty" || w == "ct":
			out = append(out, "cong", "ty")
		case w == "trach" && i+3 < len(words) && words[i+1] == "nhiem" && words[i+2] == "huu" && words[i+3] == "han":
			out = append(out, "tnhh")
			i += 3
		case w == "mtv" || w == "1tv":
			out = append(out, "mtv")
		case (w == "mot" || w == "1") && i+2 < len(words) && words[i+1] == "thanh" && words[i+2] == "vien":
			out = append(out, "mtv")
			i += 2
		case w == "1" && i+1 < len(words) && words[i+1] == "tv":
			out = append(out, "mtv")
			i++
		case w == "2tv":
			out = append(out, "2tv")
		case (w == "hai" || w == "2") && i+2 < len(words) && words[i+1] == "thanh" && words[i+2] == "vien":
			out = append(out, "2tv")
			i += 2
		case w == "2" && i+1 < len(words) && words[i+1] == "tv":
			out = append(out, "2tv")
			i++
		case w == "ctcp" || w == "jsc":
			out = append(out, "cong", "ty", "co", "phan")
		case w == "dntn":
			out = append(out, "doanh", "nghiep", "tu", "nhan")
		case w == "nnt" && len(out) == 0: // "NNT đang hoạt động": người nộp thuế
		case w == "dn":
			out = append(out, "doanh", "nghiep")
		case w == "kd":
			out = append(out, "kinh", "doanh")
		case w == "ddkd":
			out = append(out, "dia", "diem", "kinh", "doanh")
		case w == "vpdd":
			out = append(out, "van", "phong", "dai", "dien")
		case w == "gcndkdn" || w == "gcn":
			out = append(out, "gcn")
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// LegalForm maps a legal form as written in a file ("Công ty TNHH MTV",
// "CTCP", "Chi nhánh công ty", "Công ty trách nhiệm hữu hạn hai thành viên
// trở lên") to its key. Matching folds diacritics, case and both tone-mark
// placements, and spells out the usual abbreviations (TNHH, MTV, 1TV, 2TV,
// CTCP, DNTN, Cty).
func (r *Ref) LegalForm(text string) (key string, ok bool) {
	key, ok = r.formIndex[canonicalForm(text)]
	return key, ok
}

// Status maps an operating status as written in a file ("Đang hoạt động",
// "NNT đang hoạt động", "Tạm ngừng hoạt động", "Bị thu hồi GCNĐKDN") to
// its key.
func (r *Ref) Status(text string) (key string, ok bool) {
	key, ok = r.statusIndex[canonicalForm(text)]
	return key, ok
}

// VSIC judges a main-activity code (digits only): a level-4 class of VSIC
// 2018, or a 5-digit sub-class judged by its 4-digit prefix. A 3-digit code
// that is a known class once its lost leading zero is put back ("111" for
// 0111, as Excel stores it) counts as that class.
//
// known reports whether the class is in sql/ref/vsic_codes.csv;
// divisionExists whether its 2-digit division is. A code whose division
// exists but which is not listed may be a class our list lacks (see
// sql/ref/README.md): callers warn. A code whose division does not exist is
// an error. section is the section of the division ("" when none).
func (r *Ref) VSIC(code string) (section string, known bool, divisionExists bool) {
	c := r.vsicClass(code)
	if len(c) != 4 {
		return "", false, false
	}
	if i, ok := r.vsic4[c]; ok {
		return r.codes[i].Section, true, true
	}
	if _, ok := r.vsic2[c[:2]]; ok {
		return r.sectionOfDivision(c[:2]), false, true
	}
	return "", false, false
}

// vsicClass reduces a code to the 4 digits to judge, or "" when it has no
// such form.
func (r *Ref) vsicClass(code string) string {
	code = strings.TrimSpace(code)
	switch {
	case refDigits(code, 4):
		return code
	case refDigits(code, 5):
		return code[:4]
	case refDigits(code, 3) && code[0] != '0':
		if _, ok := r.vsic4["0"+code]; ok {
			return "0" + code
		}
	}
	return ""
}

// VSICName is the Vietnamese name of a class (or of the division of a
// class our list lacks), "" when unknown.
func (r *Ref) VSICName(code string) string {
	c := r.vsicClass(code)
	if c == "" {
		if refDigits(code, 2) {
			if i, ok := r.vsic2[code]; ok {
				return r.codes[i].NameVI
			}
		}
		return ""
	}
	if i, ok := r.vsic4[c]; ok {
		return r.codes[i].NameVI
	}
	if i, ok := r.vsic2[c[:2]]; ok {
		return r.codes[i].NameVI
	}
	return ""
}

// LegalForms returns the legal forms in file order.
func (r *Ref) LegalForms() []LegalForm { return slices.Clone(r.legalForms) }

// Statuses returns the statuses in file order.
func (r *Ref) Statuses() []Status { return slices.Clone(r.statuses) }

// VSICSections returns the 21 sections A..U.
func (r *Ref) VSICSections() []VSICSection { return slices.Clone(r.sections) }

// VSICCodes returns the level-4 classes, in code order.
func (r *Ref) VSICCodes() []VSICCode {
	out := make([]VSICCode, 0, len(r.vsic4))
	for _, c := range r.codes {
		if c.Level == 4 {
			out = append(out, c)
		}
	}
	return out
}

// VSICDivisions returns the level-2 divisions, in code order.
func (r *Ref) VSICDivisions() []VSICCode {
	out := make([]VSICCode, 0, len(r.vsic2))
	for _, c := range r.codes {
		if c.Level == 2 {
			out = append(out, c)
		}
	}
	return out
}

// LegalFormByKey and StatusByKey find a row by key.
func (r *Ref) LegalFormByKey(key string) (LegalForm, bool) {
	for _, f := range r.legalForms {
		if f.Key == key {
			return f, true
		}
	}
	return LegalForm{}, false
}

// StatusByKey finds a status by key.
func (r *Ref) StatusByKey(key string) (Status, bool) {
	for _, s := range r.statuses {
		if s.Key == key {
			return s, true
		}
	}
	return Status{}, false
}

// Provinces is the province registry the Ref resolves province names with.
func (r *Ref) Provinces() *province.Registry { return r.provinces }
