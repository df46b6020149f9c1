package business

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// Kinds of location failure; test with errors.Is on the error
// ResolveLocation returns (always a *LocationError).
var (
	ErrUnknownProvince  = errors.New("unknown province")
	ErrOutsideProvince  = errors.New("province outside the register")
	ErrUnknownDistrict  = errors.New("unknown district")
	ErrUnknownCommune   = errors.New("unknown commune")
	ErrAmbiguousCommune = errors.New("ambiguous commune")
	ErrMissingCommune   = errors.New("missing commune")
)

// LocationError says why an address did not resolve. Its message is
// Vietnamese, then " / " and English, and quotes the text as written.
type LocationError struct {
	Kind        error    // one of the Err* kinds above
	Suggestions []string // "did you mean" names, nearest first
	msg         string
}

func (e *LocationError) Error() string { return e.msg }
func (e *LocationError) Unwrap() error { return e.Kind }

// adminIndex holds the administrative units of the register's province in
// both generations and the folded name indexes.
type adminIndex struct {
	reg       *province.Registry
	districts []District
	pre       []CommunePre2025
	post      []Commune2025
	links     []CommuneLink

	districtByCode map[string]int
	preByCode      map[string]int
	postByCode     map[string]int
	toNew          map[string][]int // old commune code → indexes into links
	toOld          map[string][]int // new commune code → indexes into links

	districtKeys map[string][]int // folded name key → indexes into districts
	preKeys      map[string][]int // → indexes into pre
	postKeys     map[string][]int // → indexes into post
}

func loadAdmin(fsys fs.FS, reg *province.Registry) (*adminIndex, error) {
	a := &adminIndex{reg: reg,
		districtByCode: map[string]int{}, preByCode: map[string]int{}, postByCode: map[string]int{},
		toNew: map[string][]int{}, toOld: map[string][]int{},
		districtKeys: map[string][]int{}, preKeys: map[string][]int{}, postKeys: map[string][]int{}}
	rows, err := refTable(fsys, refFileDistricts, []string{"province_code", "district_code", "name_vi", "unit_type", "name_ascii"})
	if err != nil {
		return nil, err
	}
	for n, rec := range rows {
		d := District{ProvinceCode: rec[0], Code: rec[1], NameVI: rec[2], UnitType: rec[3], NameASCII: rec[4]}
		if !refDigits(d.ProvinceCode, 2) || !refDigits(d.Code, 3) || d.NameVI == "" || d.UnitType == "" {
			return nil, fmt.Errorf("business: %s line %d: bad row %q", refFileDistricts, n+2, rec)
		}
		if _, dup := a.districtByCode[d.Code]; dup {
			return nil, fmt.Errorf("business: %s line %d: district %s appears twice", refFileDistricts, n+2, d.Code)
		}
		a.districtByCode[d.Code] = len(a.districts)
		for _, k := range admKeys(d.NameVI, d.NameASCII, d.UnitType) {
			a.districtKeys[k] = admAppend(a.districtKeys[k], len(a.districts))
		}
		a.districts = append(a.districts, d)
	}
	rows, err = refTable(fsys, refFileCommunesPre2025, []string{"province_code", "district_code", "commune_code", "name_vi", "unit_type", "name_ascii"})
	if err != nil {
		return nil, err
	}
	for n, rec := range rows {
		c := CommunePre2025{ProvinceCode: rec[0], DistrictCode: rec[1], Code: rec[2], NameVI: rec[3], UnitType: rec[4], NameASCII: rec[5]}
		di, ok := a.districtByCode[c.DistrictCode]
		if !ok || a.districts[di].ProvinceCode != c.ProvinceCode || !refDigits(c.Code, 5) || c.NameVI == "" || c.UnitType == "" {
			return nil, fmt.Errorf("business: %s line %d: bad row %q", refFileCommunesPre2025, n+2, rec)
		}
		if _, dup := a.preByCode[c.Code]; dup {
			return nil, fmt.Errorf("business: %s line %d: commune %s appears twice", refFileCommunesPre2025, n+2, c.Code)
		}
		a.preByCode[c.Code] = len(a.pre)
		for _, k := range admKeys(c.NameVI, c.NameASCII, c.UnitType) {
			a.preKeys[k] = admAppend(a.preKeys[k], len(a.pre))
		}
		a.pre = append(a.pre, c)
	}
	rows, err = refTable(fsys, refFileCommunes2025, []string{"province_code", "commune_code", "name_vi", "unit_type", "name_ascii"})
	if err != nil {
		return nil, err
	}
	for n, rec := range rows {
		c := Commune2025{ProvinceCode: rec[0], Code: rec[1], NameVI: rec[2], UnitType: rec[3], NameASCII: rec[4]}
		if _, ok := reg.ByCode(province.Generation2025, c.ProvinceCode); !ok || !refDigits(c.Code, 5) || c.NameVI == "" || c.UnitType == "" {
			return nil, fmt.Errorf("business: %s line %d: bad row %q", refFileCommunes2025, n+2, rec)
		}
		if _, dup := a.postByCode[c.Code]; dup {
			return nil, fmt.Errorf("business: %s line %d: commune %s appears twice", refFileCommunes2025, n+2, c.Code)
		}
		a.postByCode[c.Code] = len(a.post)
		for _, k := range admKeys(c.NameVI, c.NameASCII, c.UnitType) {
			a.postKeys[k] = admAppend(a.postKeys[k], len(a.post))
		}
		a.post = append(a.post, c)
	}
	rows, err = refTable(fsys, refFileCrosswalk, []string{"old_commune_code", "new_commune_code", "merge_type"})
	if err != nil {
		return nil, err
	}
	for n, rec := range rows {
		l := CommuneLink{OldCode: rec[0], NewCode: rec[1], MergeType: rec[2]}
		_, okOld := a.preByCode[l.OldCode]
		_, okNew := a.postByCode[l.NewCode]
		if !okOld || !okNew || (l.MergeType != "full" && l.MergeType != "partial") {
			return nil, fmt.Errorf("business: %s line %d: bad link %q", refFileCrosswalk, n+2, rec)
		}
		a.toNew[l.OldCode] = append(a.toNew[l.OldCode], len(a.links))
		a.toOld[l.NewCode] = append(a.toOld[l.NewCode], len(a.links))
		a.links = append(a.links, l)
	}
	return a, nil
}

func admAppend(s []int, i int) []int {
	if slices.Contains(s, i) {
		return s
	}
	return append(s, i)
}

// admKeys are the folded keys a unit is found under: its name without unit
// prefix (Vietnamese and ASCII fold alike), or, for a numbered ward
// ("Phường 1"), the prefixed form, since "1" alone names nothing.
func admKeys(nameVI, nameASCII, unitType string) []string {
	var out []string
	for _, n := range []string{nameVI, nameASCII} {
		k := admNumbers(province.Fold(n))
		if admNumeric(k) {
			k = province.Fold(unitType) + " " + k
		}
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func admNumeric(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// admNumbers drops leading zeros of numbers: "phuong 01" → "phuong 1".
func admNumbers(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		if admNumeric(w) {
			if t := strings.TrimLeft(w, "0"); t != "" {
				words[i] = t
			} else {
				words[i] = "0"
			}
		}
	}
	return strings.Join(words, " ")
}

// admPrefix is a folded unit-type prefix as found in files, longest first
// within each list.
type admPrefix struct{ folded, unitType string }

var (
	communePrefixes = []admPrefix{
		{"thi tran ", "Thị trấn"}, {"dac khu ", "Đặc khu"}, {"phuong ", "Phường"}, {"xa ", "Xã"},
		{"tt ", "Thị trấn"}, {"p ", "Phường"}, {"x ", "Xã"},
	}
	districtPrefixes = []admPrefix{
		{"thanh pho ", "Thành phố"}, {"thi xa ", "Thị xã"}, {"huyen ", "Huyện"}, {"quan ", "Quận"},
		{"tp ", "Thành phố"}, {"tx ", "Thị xã"}, {"h ", "Huyện"}, {"q ", "Quận"},
	}
)

// admTry is one reading of a name as written: the key to look up and the
// unit type its prefix named ("" when none).
type admTry struct{ key, unitType string }

// admReadings reads a unit name as written in a file: the whole folded text
// first ("Thị xã" is also a prefix of nothing but "thi xa ..."), then without
// each unit-type prefix it starts with.
func admReadings(text string, prefixes []admPrefix) []admTry {
	f := admNumbers(province.Fold(text))
	if f == "" {
		return nil
	}
	tries := []admTry{{f, ""}}
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(f, p.folded)
		if !ok || rest == "" {
			continue
		}
		if admNumeric(rest) {
			rest = province.Fold(p.unitType) + " " + rest
		}
		tries = append(tries, admTry{rest, p.unitType})
	}
	return tries
}

// admLookup finds the units a name may denote: the matches of the first
// reading that matches any unit accepted by keep; when several match and the
// prefix named a unit type, those of that type.
func admLookup(text string, prefixes []admPrefix, index map[string][]int, keep func(int) bool, unitType, name func(int) string) []int {
	for _, t := range admReadings(text, prefixes) {
		var found []int
		for _, i := range index[t.key] {
			if keep(i) {
				found = append(found, i)
			}
		}
		if len(found) == 0 {
			continue
		}
		if len(found) > 1 && t.unitType != "" {
			var typed []int
			for _, i := range found {
				if unitType(i) == t.unitType {
					typed = append(typed, i)
				}
			}
			if len(typed) > 0 {
				found = typed
			}
		}
		if len(found) > 1 {
			// Names that fold alike but differ in tone ("Sa Pa", "Sa Pả"
			// are two wards of Sa Pa): keep those written with the same tones.
			in := admToneWords(text)
			var exact []int
			for _, i := range found {
				nw := admToneWords(name(i))
				if len(nw) <= len(in) && slices.Equal(in[len(in)-len(nw):], nw) {
					exact = append(exact, i)
				}
			}
			if len(exact) > 0 {
				found = exact
			}
		}
		return found
	}
	return nil
}

// admToneWords splits a name into lower-case words that keep their tone and
// vowel marks but not where the tone mark sits: "Hoà" and "Hòa" give the same
// word, "Pa" and "Pả" do not.
func admToneWords(s string) []string {
	var words []string
	var base, tone []rune
	flush := func() {
		if len(base) > 0 {
			words = append(words, string(base)+string(tone))
		}
		base, tone = base[:0], tone[:0]
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == '\u0300' || r == '\u0301' || r == '\u0303' || r == '\u0309' || r == '\u0323':
			tone = append(tone, r)
		case unicode.Is(unicode.Mn, r):
			base = append(base, r)
		case r == '-' || r == '.' || r == '_' || r == ',' || unicode.IsSpace(r):
			flush()
		default:
			base = append(base, unicode.ToLower(r))
		}
	}
	flush()
	return words
}

// Districts returns the pre-2025 districts of provinces 10 and 15 by code.
func (r *Ref) Districts() []District { return slices.Clone(r.adm.districts) }

// CommunesPre2025 returns the pre-2025 communes of provinces 10 and 15.
func (r *Ref) CommunesPre2025() []CommunePre2025 { return slices.Clone(r.adm.pre) }

// Communes2025 returns the 99 communes of the 2025 province 15.
func (r *Ref) Communes2025() []Commune2025 { return slices.Clone(r.adm.post) }

// CommuneCrosswalk returns every old → new commune link.
func (r *Ref) CommuneCrosswalk() []CommuneLink { return slices.Clone(r.adm.links) }

func (r *Ref) district(code string) (District, bool) {
	i, ok := r.adm.districtByCode[code]
	if !ok {
		return District{}, false
	}
	return r.adm.districts[i], true
}

// locKey is the cache key of ResolveLocation: the texts as written and the
// generation of the file's date (the result depends on nothing else).
type locKey struct {
	province, district, commune string
	post                        bool
}

type locResult struct {
	loc   Location
	warns []string
	err   error
}

// locCacheMax bounds the cache; past it, results are computed each time.
const locCacheMax = 200_000

// ResolveLocation resolves the address parts as written in a register file
// (province, district, commune) to both generations of units.
//
// asOf is the quarter end date of the file: before 1 July 2025 names are
// read as pre-2025 units (province, district, commune) first; from then on
// as 2025 units (province, commune; a district, if written, is stale) first.
// Either way the other generation is tried when the first gives nothing.
// Names match after folding (diacritics, case, both tone-mark placements,
// đ), with or without a unit prefix ("Xã", "X.", "P.", "TT.", "H.", "TP",
// "Tx."), numbered wards with or without leading zeros.
//
// The Location has both generations filled where the crosswalk is
// unambiguous. Warnings (Vietnamese / English) name what could not be filled:
// an old commune split between several new ones (CommuneCode2025 empty), a
// new commune made of old communes of several districts (DistrictCode empty)
// or provinces, a commune written under the wrong district. For an address
// written with 2025 names, CommuneCodePre2025 is filled only when it follows
// from the crosswalk (one old commune, or one in the stale district written);
// otherwise it is empty without a warning, as expected after the reform.
//
// The error is a *LocationError when the address resolves to no unit of
// the province: a province other than the register's (ErrOutsideProvince),
// an unknown province, district or commune, a commune name shared by
// several districts with none written (ErrAmbiguousCommune), or none at
// all; with "did you mean" suggestions where a name is close.
//
// Results are cached per (texts, generation of asOf): repeated addresses
// cost one map lookup. Safe for concurrent use.
func (r *Ref) ResolveLocation(provinceText, districtText, communeText string, asOf time.Time) (Location, []string, error) {
	k := locKey{provinceText, districtText, communeText, !asOf.Before(Date2025Reform)}
	if v, ok := r.cache.Load(k); ok {
		res := v.(*locResult)
		return res.loc, res.warns, res.err
	}
	res := r.resolveLocation(k)
	res.warns = slices.Clip(res.warns)
	if atomic.LoadInt64(&r.cacheN) < locCacheMax {
		if _, loaded := r.cache.LoadOrStore(k, res); !loaded {
			atomic.AddInt64(&r.cacheN, 1)
		}
	}
	return res.loc, res.warns, res.err
}

// admFail is why one generation's reading failed; progress orders failures
// by how far the reading got (the furthest is reported).
type admFail struct {
	kind        error
	vi, en      string
	suggestions []string
	progress    int
}

const (
	progProvince = iota
	progDistrict
	progCommune
	progAmbiguous
)

func (f *admFail) err() error {
	vi, en := f.vi, f.en
	if len(f.suggestions) > 0 {
		vi += " (có phải là " + strings.Join(f.suggestions, " hoặc ") + "?)"
		en += " (did you mean " + strings.Join(f.suggestions, " or ") + "?)"
	}
	return &LocationError{Kind: f.kind, Suggestions: f.suggestions, msg: vi + " / " + en}
}

func (r *Ref) resolveLocation(k locKey) *locResult {
	a := r.adm
	preScope, newOK, pf := a.provinceScope(k.province, k.post)
	if pf != nil {
		return &locResult{err: pf.err()}
	}
	if strings.TrimSpace(k.commune) == "" {
		return &locResult{err: (&admFail{kind: ErrMissingCommune,
			vi: "thiếu tên xã/phường", en: "the commune (Phường/Xã) is missing"}).err()}
	}
	var first, second func() (Location, []string, *admFail)
	pre := func() (Location, []string, *admFail) { return a.readPre(preScope, k.district, k.commune) }
	post := func() (Location, []string, *admFail) { return a.readPost(newOK, k.district, k.commune) }
	if k.post {
		first, second = post, pre
	} else {
		first, second = pre, post
	}
	loc, warns, f1 := first()
	if f1 == nil {
		return &locResult{loc: loc, warns: warns}
	}
	if f1.kind == ErrAmbiguousCommune {
		return &locResult{err: f1.err()}
	}
	loc, warns, f2 := second()
	if f2 == nil {
		if !k.post {
			warns = append([]string{fmt.Sprintf(
				"tên xã/phường %q là tên đơn vị sau sắp xếp (từ 1/7/2025) trong danh sách trước ngày đó / commune %q is a 2025 unit name in a list dated before 1 July 2025",
				k.commune, k.commune)}, warns...)
		}
		return &locResult{loc: loc, warns: warns}
	}
	// Report the more telling failure: an ambiguous name, then an unknown
	// district, then an unknown commune, then a province of the other
	// generation; the file's own generation on a tie.
	f := f1
	if admRank(f2) > admRank(f1) {
		f = f2
	}
	if f1.kind == ErrUnknownCommune && f2.kind == ErrUnknownCommune {
		// Suggest from both generations, nearest first.
		f = &admFail{kind: f1.kind, vi: f1.vi, en: f1.en, progress: f1.progress,
			suggestions: admMergeSuggestions(f1.suggestions, f2.suggestions)}
	}
	return &locResult{err: f.err()}
}

func admRank(f *admFail) int {
	switch f.kind {
	case ErrAmbiguousCommune:
		return 4
	case ErrUnknownDistrict:
		return 3
	case ErrUnknownCommune:
		return 2
	}
	return 1
}

func admMergeSuggestions(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) > 4 {
		out = out[:4]
	}
	return out
}

// provinceScope reads the province text: the pre-2025 provinces of the
// register it may denote, and whether it may denote the 2025 province.
// A blank province is the register's own. In a file dated from 1 July 2025,
// "Lào Cai" may head an address still written with old units of either
// former province (the new Lào Cai took in Yên Bái).
func (a *adminIndex) provinceScope(text string, post bool) (pre []string, newOK bool, f *admFail) {
	both := []string{ProvinceLaoCaiPre2025, ProvinceYenBaiPre2025}
	if strings.TrimSpace(text) == "" {
		return both, true, nil
	}
	pOld, errOld := a.reg.Resolve(text, 2024)
	pNew, errNew := a.reg.Resolve(text, 2025)
	if errOld == nil && slices.Contains(both, pOld.Code) {
		pre = append(pre, pOld.Code)
		newOK = true // a former province of the new Lào Cai, with a 2025 commune name
	}
	if errNew == nil && pNew.Code == ProvinceLaoCai2025 {
		newOK = true
		if post {
			pre = both
		}
	}
	if len(pre) > 0 || newOK {
		return pre, newOK, nil
	}
	var other *province.Province
	switch {
	case errOld == nil:
		other = &pOld
	case errNew == nil:
		other = &pNew
	}
	if other != nil {
		return nil, false, &admFail{kind: ErrOutsideProvince,
			vi: fmt.Sprintf("tỉnh %q (%s, mã %s) không thuộc địa bàn tỉnh Lào Cai", text, other.NameVI, other.Code),
			en: fmt.Sprintf("province %q (%s, code %s) is outside the register's province, Lào Cai", text, other.NameVI, other.Code)}
	}
	err := errNew
	if !post {
		err = errOld
	}
	var re *province.ResolveError
	if errors.As(err, &re) && len(re.Candidates) > 0 {
		f = &admFail{kind: ErrUnknownProvince, vi: fmt.Sprintf("không nhận ra tỉnh %q", text), en: fmt.Sprintf("unknown province %q", text)}
		for _, p := range re.Candidates {
			f.suggestions = append(f.suggestions, p.NameVI)
		}
		return nil, false, f
	}
	return nil, false, &admFail{kind: ErrUnknownProvince, vi: fmt.Sprintf("không nhận ra tỉnh %q", text), en: fmt.Sprintf("unknown province %q", text)}
}

func (a *adminIndex) districtLabel(code string) string {
	if i, ok := a.districtByCode[code]; ok {
		d := a.districts[i]
		return d.UnitType + " " + d.NameVI
	}
	return code
}

func (a *adminIndex) provinceName(gen, code string) string {
	if p, ok := a.reg.ByCode(gen, code); ok {
		return p.NameVI
	}
	return code
}

func (a *adminIndex) scopeName(pre []string) string {
	names := make([]string, len(pre))
	for i, c := range pre {
		names[i] = a.provinceName(province.GenerationPre2025, c)
	}
	return strings.Join(names, ", ")
}

// readPre reads the address as pre-2025 units of the provinces in scope.
func (a *adminIndex) readPre(scope []string, districtText, communeText string) (Location, []string, *admFail) {
	if len(scope) == 0 {
		return Location{}, nil, &admFail{kind: ErrOutsideProvince, progress: progProvince,
			vi: "tỉnh không thuộc địa bàn trước 1/7/2025", en: "province not in the register before 1 July 2025"}
	}
	var warns []string
	inScope := func(prov string) bool { return slices.Contains(scope, prov) }
	var dists []int
	if strings.TrimSpace(districtText) != "" {
		dists = admLookup(districtText, districtPrefixes, a.districtKeys,
			func(i int) bool { return inScope(a.districts[i].ProvinceCode) },
			func(i int) string { return a.districts[i].UnitType }, func(i int) string { return a.districts[i].NameVI })
		if len(dists) == 0 {
			var names []string
			for _, d := range a.districts {
				if inScope(d.ProvinceCode) {
					names = append(names, d.UnitType+" "+d.NameVI)
				}
			}
			return Location{}, nil, &admFail{kind: ErrUnknownDistrict, progress: progDistrict,
				vi:          fmt.Sprintf("không nhận ra quận/huyện %q ở tỉnh %s", districtText, a.scopeName(scope)),
				en:          fmt.Sprintf("unknown district %q in %s", districtText, a.scopeName(scope)),
				suggestions: admSuggest(districtText, districtPrefixes, names)}
		}
	}
	cands := admLookup(communeText, communePrefixes, a.preKeys,
		func(i int) bool { return inScope(a.pre[i].ProvinceCode) },
		func(i int) string { return a.pre[i].UnitType }, func(i int) string { return a.pre[i].NameVI })
	if len(cands) == 0 {
		var names []string
		for _, c := range a.pre {
			if inScope(c.ProvinceCode) && (len(dists) == 0 || slices.ContainsFunc(dists, func(d int) bool { return a.districts[d].Code == c.DistrictCode })) {
				names = append(names, c.UnitType+" "+c.NameVI)
			}
		}
		where := "tỉnh " + a.scopeName(scope)
		whereEN := a.scopeName(scope)
		if len(dists) > 0 {
			where = a.districtLabel(a.districts[dists[0]].Code) + ", " + where
			whereEN = a.districtLabel(a.districts[dists[0]].Code) + ", " + whereEN
		}
		return Location{}, nil, &admFail{kind: ErrUnknownCommune, progress: progCommune,
			vi:          fmt.Sprintf("không tìm thấy xã/phường %q ở %s", communeText, where),
			en:          fmt.Sprintf("unknown commune %q in %s", communeText, whereEN),
			suggestions: admSuggest(communeText, communePrefixes, names)}
	}
	if len(dists) > 0 {
		var in []int
		for _, c := range cands {
			if slices.ContainsFunc(dists, func(d int) bool { return a.districts[d].Code == a.pre[c].DistrictCode }) {
				in = append(in, c)
			}
		}
		switch {
		case len(in) > 0:
			cands = in
		case len(cands) == 1:
			c := a.pre[cands[0]]
			warns = append(warns, fmt.Sprintf("xã/phường %q thuộc %s, không thuộc %q như đã ghi / commune %q is in %s, not in %q as written",
				communeText, a.districtLabel(c.DistrictCode), districtText, communeText, a.districtLabel(c.DistrictCode), districtText))
		}
	}
	if len(cands) > 1 {
		var where []string
		for _, c := range cands {
			where = append(where, fmt.Sprintf("%s %s (%s)", a.pre[c].UnitType, a.pre[c].NameVI, a.districtLabel(a.pre[c].DistrictCode)))
		}
		if loc, ok := a.commonSuccessor(cands); ok {
			// "Sa Pa" without tone marks: Sa Pa or Sa Pả, both now in the
			// same new ward.
			return loc, append(warns, fmt.Sprintf(
				"xã/phường %q có thể là %s; đều nay thuộc cùng một xã/phường mới, chưa xác định được xã/phường cũ / commune %q may be %s; all are now in one 2025 commune, the pre-2025 commune is left empty",
				communeText, strings.Join(where, " hoặc "), communeText, strings.Join(where, " or "))), nil
		}
		return Location{}, nil, &admFail{kind: ErrAmbiguousCommune, progress: progAmbiguous,
			vi: fmt.Sprintf("xã/phường %q có ở nhiều nơi: %s; cần ghi đúng quận/huyện", communeText, strings.Join(where, "; ")),
			en: fmt.Sprintf("commune %q exists in several places: %s; the district must say which", communeText, strings.Join(where, "; "))}
	}
	loc, w := a.fromOld(a.pre[cands[0]])
	return loc, append(warns, w...), nil
}

// commonSuccessor fills a Location for old communes of one district that
// all went wholly into the same new commune.
func (a *adminIndex) commonSuccessor(cands []int) (Location, bool) {
	var loc Location
	for n, c := range cands {
		l, w := a.fromOld(a.pre[c])
		if len(w) > 0 || l.CommuneCode2025 == "" {
			return Location{}, false
		}
		l.CommuneCodePre2025 = ""
		if n > 0 && l != loc {
			return Location{}, false
		}
		loc = l
	}
	return loc, true
}

// fromOld fills both generations from a pre-2025 commune.
func (a *adminIndex) fromOld(c CommunePre2025) (Location, []string) {
	loc := Location{ProvinceCodePre2025: c.ProvinceCode, DistrictCode: c.DistrictCode, CommuneCodePre2025: c.Code}
	for _, l := range a.reg.Successors(province.GenerationPre2025, c.ProvinceCode) {
		if l.GenerationTo == province.Generation2025 {
			loc.ProvinceCode2025 = l.NewCode
		}
	}
	links := a.toNew[c.Code]
	switch len(links) {
	case 0:
		return loc, []string{fmt.Sprintf("xã/phường %s %s (mã %s) không có trong bảng chuyển đổi 2025 / commune %s %s (code %s) is not in the 2025 crosswalk",
			c.UnitType, c.NameVI, c.Code, c.UnitType, c.NameVI, c.Code)}
	case 1:
		n := a.post[a.postByCode[a.links[links[0]].NewCode]]
		loc.CommuneCode2025 = n.Code
		loc.ProvinceCode2025 = n.ProvinceCode
		return loc, nil
	}
	var names []string
	for _, li := range links {
		n := a.post[a.postByCode[a.links[li].NewCode]]
		names = append(names, fmt.Sprintf("%s %s (%s)", n.UnitType, n.NameVI, n.Code))
	}
	return loc, []string{fmt.Sprintf(
		"xã/phường %s %s (mã %s) đã chia vào nhiều xã/phường mới: %s; chưa xác định được xã/phường 2025 / commune %s %s (code %s) was split between %s; the 2025 commune is left empty",
		c.UnitType, c.NameVI, c.Code, strings.Join(names, ", "), c.UnitType, c.NameVI, c.Code, strings.Join(names, ", "))}
}

// readPost reads the address as a 2025 commune; a district, if written, is
// a stale pre-2025 one and only narrows the old units.
func (a *adminIndex) readPost(newOK bool, districtText, communeText string) (Location, []string, *admFail) {
	if !newOK {
		return Location{}, nil, &admFail{kind: ErrOutsideProvince, progress: progProvince,
			vi: "tỉnh không thuộc địa bàn từ 1/7/2025", en: "province not in the register from 1 July 2025"}
	}
	cands := admLookup(communeText, communePrefixes, a.postKeys,
		func(int) bool { return true }, func(i int) string { return a.post[i].UnitType }, func(i int) string { return a.post[i].NameVI })
	if len(cands) == 0 {
		names := make([]string, len(a.post))
		for i, c := range a.post {
			names[i] = c.UnitType + " " + c.NameVI
		}
		return Location{}, nil, &admFail{kind: ErrUnknownCommune, progress: progCommune,
			vi:          fmt.Sprintf("không tìm thấy xã/phường %q ở tỉnh Lào Cai", communeText),
			en:          fmt.Sprintf("unknown commune %q in Lào Cai", communeText),
			suggestions: admSuggest(communeText, communePrefixes, names)}
	}
	if len(cands) > 1 {
		var names []string
		for _, c := range cands {
			names = append(names, fmt.Sprintf("%s %s (%s)", a.post[c].UnitType, a.post[c].NameVI, a.post[c].Code))
		}
		return Location{}, nil, &admFail{kind: ErrAmbiguousCommune, progress: progAmbiguous,
			vi: fmt.Sprintf("xã/phường %q có nhiều đơn vị trùng tên: %s", communeText, strings.Join(names, "; ")),
			en: fmt.Sprintf("commune %q matches several units: %s", communeText, strings.Join(names, "; "))}
	}
	n := a.post[cands[0]]
	var olds []CommunePre2025
	for _, li := range a.toOld[n.Code] {
		olds = append(olds, a.pre[a.preByCode[a.links[li].OldCode]])
	}
	var oldDistricts []string
	for _, o := range olds {
		if !slices.Contains(oldDistricts, o.DistrictCode) {
			oldDistricts = append(oldDistricts, o.DistrictCode)
		}
	}
	var warns []string
	pinned := ""
	if strings.TrimSpace(districtText) != "" {
		ds := admLookup(districtText, districtPrefixes, a.districtKeys,
			func(int) bool { return true }, func(i int) string { return a.districts[i].UnitType }, func(i int) string { return a.districts[i].NameVI })
		var match []string
		for _, d := range ds {
			if slices.Contains(oldDistricts, a.districts[d].Code) {
				match = append(match, a.districts[d].Code)
			}
		}
		switch {
		case len(ds) == 0:
			warns = append(warns, fmt.Sprintf("không nhận ra quận/huyện %q (cấp huyện không còn từ 1/7/2025), bỏ qua / unknown district %q (districts were abolished on 1 July 2025), ignored",
				districtText, districtText))
		case len(match) == 1:
			pinned = match[0]
		case len(match) == 0:
			warns = append(warns, fmt.Sprintf("quận/huyện %q không chứa phần nào của %s %s, bỏ qua / district %q holds no part of %s %s, ignored",
				districtText, n.UnitType, n.NameVI, districtText, n.UnitType, n.NameVI))
		}
	}
	loc := Location{ProvinceCode2025: n.ProvinceCode, CommuneCode2025: n.Code}
	var provs []string
	for _, o := range olds {
		if !slices.Contains(provs, o.ProvinceCode) {
			provs = append(provs, o.ProvinceCode)
		}
	}
	label := n.UnitType + " " + n.NameVI
	switch len(provs) {
	case 0:
		return loc, append(warns, fmt.Sprintf("%s (mã %s) không có trong bảng chuyển đổi 2025 / %s (code %s) is not in the 2025 crosswalk", label, n.Code, label, n.Code)), nil
	case 1:
		loc.ProvinceCodePre2025 = provs[0]
	default:
		if pinned != "" {
			loc.ProvinceCodePre2025 = a.districts[a.districtByCode[pinned]].ProvinceCode
		} else {
			warns = append(warns, fmt.Sprintf("%s gồm xã/phường cũ của nhiều tỉnh; chưa xác định được tỉnh cũ / %s was formed from communes of several former provinces; the pre-2025 province is left empty", label, label))
		}
	}
	switch {
	case pinned != "":
		loc.DistrictCode = pinned
	case len(oldDistricts) == 1:
		loc.DistrictCode = oldDistricts[0]
	default:
		var names []string
		for _, d := range oldDistricts {
			names = append(names, a.districtLabel(d))
		}
		warns = append(warns, fmt.Sprintf("%s gồm xã/phường cũ thuộc nhiều huyện (%s); chưa xác định được huyện cũ / %s was formed from communes of several former districts (%s); the pre-2025 district is left empty",
			label, strings.Join(names, ", "), label, strings.Join(names, ", ")))
	}
	if loc.DistrictCode != "" {
		var in []CommunePre2025
		for _, o := range olds {
			if o.DistrictCode == loc.DistrictCode {
				in = append(in, o)
			}
		}
		if len(in) == 1 {
			loc.CommuneCodePre2025 = in[0].Code
		}
	}
	return loc, warns, nil
}

// admSuggest returns the names (as "Xã Bản Vược") within two edits of the
// text, compared without unit prefixes, nearest first, at most three.
func admSuggest(text string, prefixes []admPrefix, names []string) []string {
	reads := admReadings(text, prefixes)
	if len(reads) == 0 {
		return nil
	}
	bare := reads[len(reads)-1].key
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, n := range names {
		nr := admReadings(n, prefixes)
		k := nr[len(nr)-1].key
		d := province.Distance(bare, k)
		if d > 2 || d*3 > max(len([]rune(bare)), len([]rune(k))) {
			continue
		}
		if !slices.ContainsFunc(cs, func(c cand) bool { return c.name == n }) {
			cs = append(cs, cand{n, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.name, b.name)
	})
	out := make([]string, 0, 3)
	for _, c := range cs {
		if len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}
