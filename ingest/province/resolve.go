package province

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Kinds of resolution failure; test with errors.Is on the error Resolve
// returns (always a *ResolveError).
var (
	ErrUnknown   = errors.New("unknown province")
	ErrAmbiguous = errors.New("ambiguous province")
	ErrNotInYear = errors.New("province not valid in that year")
)

// ResolveError says why a name did not resolve. Its message is Vietnamese,
// then English, and quotes the name as given.
type ResolveError struct {
	Name       string     // as given
	Year       int        // as given
	Kind       error      // ErrUnknown, ErrAmbiguous or ErrNotInYear
	Candidates []Province // suggestions (ErrUnknown), matches (ErrAmbiguous) or the named province (ErrNotInYear)
	msg        string
}

func (e *ResolveError) Error() string { return e.msg }
func (e *ResolveError) Unwrap() error { return e.Kind }

// GenerationForYear is the generation a yearly figure refers to: the 63
// provinces (with Hà Tây until 2008) up to 2024, the 34 from 2025.
func GenerationForYear(year int) string {
	if year >= 2025 {
		return Generation2025
	}
	return GenerationPre2025
}

// ValidIn reports whether p was valid at some time during year.
func (p Province) ValidIn(year int) bool {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	return (p.ValidFrom.IsZero() || !p.ValidFrom.After(end)) &&
		(p.ValidTo.IsZero() || !p.ValidTo.Before(start))
}

// Resolve maps a province name as written in a PCI workbook or a hand-typed
// file to the province of the generation that year uses (GenerationForYear)
// and that was valid during year. Names match after Fold, against the
// Vietnamese and ASCII names, their unit-type prefixed forms ("Tỉnh Lào Cai",
// "TP.HCM", "Thành phố Cần Thơ") and the aliases in sql/ref.
//
// Failures are *ResolveError: ErrUnknown (with a "did you mean" when a
// province name is within two edits), ErrAmbiguous, or ErrNotInYear for a
// real province outside its validity (Hà Tây in 2010; Yên Bái in 2025), with
// the province it became.
func (r *Registry) Resolve(name string, year int) (Province, error) {
	gen := GenerationForYear(year)
	key := Fold(name)
	var valid, invalid []Province
	for _, code := range r.index[gen][key] {
		p, _ := r.ByCode(gen, code)
		if p.ValidIn(year) {
			valid = append(valid, p)
		} else {
			invalid = append(invalid, p)
		}
	}
	switch {
	case len(valid) == 1:
		return valid[0], nil
	case len(valid) > 1:
		return Province{}, r.ambiguous(name, year, valid)
	case len(invalid) > 0:
		return Province{}, r.notInYear(name, year, invalid[0])
	}
	// A name of the other generation: Yên Bái in 2025, for instance.
	other := GenerationPre2025
	if gen == GenerationPre2025 {
		other = Generation2025
	}
	if codes := r.index[other][key]; len(codes) > 0 {
		p, _ := r.ByCode(other, codes[0])
		return Province{}, r.notInYear(name, year, p)
	}
	return Province{}, r.unknown(name, year, gen)
}

func (r *Registry) unknown(name string, year int, gen string) error {
	e := &ResolveError{Name: name, Year: year, Kind: ErrUnknown}
	e.Candidates = r.suggest(Fold(name), year, gen)
	vi := fmt.Sprintf("không nhận ra tỉnh %q", name)
	en := fmt.Sprintf("unknown province %q", name)
	if len(e.Candidates) > 0 {
		vi += " (có phải là " + joinNames(e.Candidates, " hoặc ") + "?)"
		en += " (did you mean " + joinNames(e.Candidates, " or ") + "?)"
	}
	e.msg = vi + " / " + en
	return e
}

func (r *Registry) ambiguous(name string, year int, ps []Province) error {
	list := make([]string, len(ps))
	for i, p := range ps {
		list[i] = fmt.Sprintf("%s (%s)", p.NameVI, p.Code)
	}
	return &ResolveError{Name: name, Year: year, Kind: ErrAmbiguous, Candidates: ps,
		msg: fmt.Sprintf("tên tỉnh %q năm %d không rõ ràng: %s / ambiguous province %q in %d: %s",
			name, year, strings.Join(list, " hoặc "), name, year, strings.Join(list, " or "))}
}

// notInYear explains that p, which name denotes, is not a province of year:
// the dates it was valid and what it became (or came from).
func (r *Registry) notInYear(name string, year int, p Province) error {
	var vi, en []string
	if !p.ValidFrom.IsZero() && p.ValidFrom.Year() > year {
		vi = append(vi, "hiệu lực từ "+p.ValidFrom.Format(dateLayout))
		en = append(en, "valid from "+p.ValidFrom.Format(dateLayout))
	} else if !p.ValidTo.IsZero() {
		vi = append(vi, "hiệu lực đến "+p.ValidTo.Format(dateLayout))
		en = append(en, "valid until "+p.ValidTo.Format(dateLayout))
		for _, l := range r.successors(p, year) {
			to, _ := r.ByCode(l.GenerationTo, l.NewCode)
			d := l.ValidFrom.Format(dateLayout)
			vi = append(vi, fmt.Sprintf("từ %s thuộc %s (mã %s)", d, to.NameVI, to.Code))
			en = append(en, fmt.Sprintf("part of %s (code %s) from %s", to.NameVI, to.Code, d))
		}
	}
	if p.Generation == Generation2025 && year < 2025 {
		vi = append(vi, "dữ liệu trước 2025 dùng 63 tỉnh cũ")
		en = append(en, "data before 2025 uses the 63 former provinces")
	}
	who := p.NameVI + ", "
	if name == p.NameVI {
		who = ""
	}
	return &ResolveError{Name: name, Year: year, Kind: ErrNotInYear, Candidates: []Province{p},
		msg: fmt.Sprintf("tỉnh %q (%smã %s) không có hiệu lực năm %d (%s) / province %q (%scode %s) is not valid in %d (%s)",
			name, who, p.Code, year, strings.Join(vi, "; "),
			name, who, p.Code, year, strings.Join(en, "; "))}
}

// successors follows the crosswalk from p through every link that took
// effect by the end of year (Hà Tây → Hà Nội 2008 → Hà Nội 2025).
func (r *Registry) successors(p Province, year int) []Link {
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	var out []Link
	type node struct{ gen, code string }
	queue := []node{{p.Generation, p.Code}}
	seen := map[node]bool{queue[0]: true}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, l := range r.Successors(n.gen, n.code) {
			next := node{l.GenerationTo, l.NewCode}
			if l.ValidFrom.After(end) || seen[next] {
				continue
			}
			seen[next] = true
			out = append(out, l)
			queue = append(queue, next)
		}
	}
	return out
}

// suggest returns the provinces of gen valid in year whose name or alias is
// nearest to key (a folded name), within two edits and close enough for the
// length of the name; a unit-type prefix on key is ignored.
func (r *Registry) suggest(key string, year int, gen string) []Province {
	bare := key
	for _, pre := range []string{"tinh ", "thanh pho ", "tp "} {
		bare = strings.TrimPrefix(bare, pre)
	}
	if bare == "" {
		return nil
	}
	best, codes := 3, []string(nil)
	for k, cs := range r.bases[gen] {
		d := Distance(bare, k)
		if d > 2 || d*3 > max(len([]rune(bare)), len([]rune(k))) {
			continue
		}
		for _, c := range cs {
			if p, _ := r.ByCode(gen, c); !p.ValidIn(year) {
				continue
			}
			switch {
			case d < best:
				best, codes = d, []string{c}
			case d == best && !slices.Contains(codes, c):
				codes = append(codes, c)
			}
		}
	}
	slices.Sort(codes)
	out := make([]Province, 0, len(codes))
	for _, c := range codes {
		p, _ := r.ByCode(gen, c)
		out = append(out, p)
	}
	return out
}

func joinNames(ps []Province, sep string) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.NameVI
	}
	return strings.Join(names, sep)
}
