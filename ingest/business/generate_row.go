package business

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Salts of the per-unit text streams: a unit's name, people and address
// come from its own stream, so they do not depend on the simulation.
const (
	saltName     = 0x4e414d45
	saltExternal = 0x45585452
	saltPeople   = 0x50504c45
	saltAddress  = 0x41444452
)

func (g *gen) unitRand(i int, salt, extra uint64) *rand.Rand {
	g.upcg.Seed(g.opt.Seed^salt, uint64(i)<<8|extra)
	return g.urng
}

// genUpperASCII: "Hoàng Liên" → "HOANG LIEN".
func genUpperASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('D')
		default:
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// genNameParts is a company name and the words it was made of.
type genNameParts struct {
	name, foreign, short string
	a, b                 int // indexes into genWordsA, genWordsB
}

// companyName names enterprise i: legal form, business line of its
// section, two distinctive words and a suffix, unique within the section
// (the counter is spread over all combinations by a multiplicative
// permutation; past them all, a number is added).
func (g *gen) companyName(i int) genNameParts {
	u := &g.units[i]
	r := g.unitRand(i, saltName, 0)
	lines := genLines[string(rune(u.section))]
	nl, na, nb, ns := uint64(len(lines)), uint64(len(genWordsA)), uint64(len(genWordsB)), uint64(len(genSuffixes))
	m := nl * na * nb * ns
	k := uint64(u.nameNo)
	round := k / m
	k = (k % m) * 1_000_003 % m
	s := k % ns
	k /= ns
	b := k % nb
	k /= nb
	a := k % na
	l := k / na
	line := lines[l]
	var prefix, formEN, abbr string
	switch u.form {
	case fmLLCSingle:
		prefix, formEN, abbr = "Công ty TNHH", "COMPANY LIMITED", "CO., LTD"
		if r.Float64() < 0.35 {
			prefix = "Công ty TNHH MTV"
		}
	case fmLLCMulti:
		prefix, formEN, abbr = "Công ty TNHH", "COMPANY LIMITED", "CO., LTD"
	case fmJSC:
		prefix, formEN, abbr = "Công ty Cổ phần", "JOINT STOCK COMPANY", "JSC"
	case fmPartnership:
		prefix, formEN, abbr = "Công ty Hợp danh", "PARTNERSHIP COMPANY", "PARTNERSHIP"
	default:
		prefix = "Doanh nghiệp tư nhân"
	}
	var nb2 strings.Builder
	nb2.WriteString(prefix)
	nb2.WriteByte(' ')
	nb2.WriteString(line.vi)
	nb2.WriteByte(' ')
	nb2.WriteString(genWordsA[a])
	nb2.WriteByte(' ')
	nb2.WriteString(genWordsB[b])
	nb2.WriteString(genSuffixes[s])
	if round > 0 {
		nb2.WriteByte(' ')
		nb2.WriteString(strconv.FormatUint(round+1, 10))
	}
	p := genNameParts{name: nb2.String(), a: int(a), b: int(b)}
	if formEN != "" && r.Float64() < 0.35 {
		p.foreign = g.asciiA[a] + " " + g.asciiB[b] + " " + line.en + " " + formEN
	}
	if abbr != "" && r.Float64() < 0.45 {
		p.short = strings.ReplaceAll(g.asciiA[a]+g.asciiB[b], " ", "") + " " + abbr
	}
	return p
}

// externalName names the parent, in another province, of dependent unit i.
func (g *gen) externalName(i int) genNameParts {
	r := g.unitRand(i, saltExternal, 0)
	s := g.sections[r.IntN(len(g.sections))]
	lines := genLines[s]
	p := genNameParts{a: r.IntN(len(genWordsA)), b: r.IntN(len(genWordsB))}
	prefix := "Công ty TNHH"
	if r.IntN(3) == 0 {
		prefix = "Công ty Cổ phần"
	}
	p.name = prefix + " " + lines[r.IntN(len(lines))].vi + " " + genWordsA[p.a] + " " + genWordsB[p.b]
	return p
}

// unitName names unit i; dependent units after their parent.
func (g *gen) unitName(i int) genNameParts {
	u := &g.units[i]
	if u.form < fmBranch {
		return g.companyName(i)
	}
	var parent genNameParts
	external := u.parent < 0
	if external {
		parent = g.externalName(i)
	} else {
		parent = g.companyName(int(u.parent))
	}
	p := genNameParts{a: parent.a, b: parent.b}
	no := strconv.Itoa(int(u.branch))
	switch {
	case u.form == fmBranch && external:
		p.name = "Chi nhánh " + parent.name + " tại Lào Cai"
	case u.form == fmBranch:
		p.name = "Chi nhánh số " + no + " - " + parent.name
	case u.form == fmRepOffice:
		p.name = "Văn phòng đại diện " + parent.name + " tại Lào Cai"
	default:
		p.name = "Địa điểm kinh doanh số " + no + " - " + parent.name
	}
	return p
}

// genPlace holds the address texts of one pre-2025 commune, both
// generations, computed once.
type genPlace struct {
	commune, district, province string // columns, pre-2025
	tail                        string // ", phường …, thành phố …, tỉnh …"
	newCommune, newTail         string // 2025
	landline                    string // area code
	urban                       bool
}

func (g *gen) places() []genPlace {
	a := g.ref.adm
	out := make([]genPlace, len(a.pre))
	for i, c := range a.pre {
		d := a.districts[a.districtByCode[c.DistrictCode]]
		prov := "Lào Cai"
		area := "0214"
		if c.ProvinceCode == ProvinceYenBaiPre2025 {
			prov, area = "Yên Bái", "0216"
		}
		n := g.newCommune(uint16(i))
		out[i] = genPlace{
			commune:    c.UnitType + " " + c.NameVI,
			district:   d.UnitType + " " + d.NameVI,
			province:   "Tỉnh " + prov,
			tail:       ", " + strings.ToLower(c.UnitType) + " " + c.NameVI + ", " + strings.ToLower(d.UnitType) + " " + d.NameVI + ", tỉnh " + prov,
			newCommune: n.UnitType + " " + n.NameVI,
			newTail:    ", " + strings.ToLower(n.UnitType) + " " + n.NameVI + ", tỉnh Lào Cai",
			landline:   area,
			urban:      c.UnitType != "Xã",
		}
	}
	return out
}

func genDigits(r *rand.Rand, b *strings.Builder, n int) {
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
}

// genDotted writes 1500000000 as "1.500.000.000".
func genDotted(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func genTaxText(main int64, branch uint16) string {
	s := strconv.FormatInt(main, 10)
	if len(s) < 10 {
		s = strings.Repeat("0", 10-len(s)) + s
	}
	if branch > 0 {
		b := strconv.Itoa(int(branch))
		s += "-" + strings.Repeat("0", 3-len(b)) + b
	}
	return s
}

func genText(s string) GenCell {
	if s == "" {
		return GenCell{}
	}
	return GenCell{Kind: GenText, Text: s}
}

// rowCells renders unit i as the row numbered stt of a file of the
// pre-2025 (post false) or 2025 generation. The slice is reused.
func (g *gen) rowCells(i, stt int, post bool) []GenCell {
	if g.place == nil {
		g.place = g.places()
	}
	u := &g.units[i]
	un := g.opt.Untidy
	row := g.row
	clear(row)
	row[0] = GenCell{Kind: GenNumber, Num: int64(stt)}
	if un.Zeros && u.branch == 0 {
		row[1] = GenCell{Kind: GenNumber, Num: u.taxMain}
	} else {
		row[1] = genText(genTaxText(u.taxMain, u.branch))
	}
	np := g.unitName(i)
	row[2] = genText(np.name)
	row[3] = genText(np.foreign)
	row[4] = genText(np.short)
	row[5] = genText(g.formNames[u.form])
	row[6] = g.dateCell(u.regDay)
	if u.changeDay > 0 {
		row[7] = g.dateCell(u.changeDay)
	}
	pl := &g.place[u.commune]
	// Address: street or village from the unit's own stream (a new one
	// after each move).
	r := g.unitRand(i, saltAddress, uint64(u.moves))
	var b strings.Builder
	if pl.urban {
		if r.IntN(5) == 0 {
			b.WriteString("Số nhà ")
			b.WriteString(strconv.Itoa(1 + r.IntN(200)))
			b.WriteString(", tổ ")
			b.WriteString(strconv.Itoa(1 + r.IntN(40)))
		} else {
			b.WriteString("Số ")
			b.WriteString(strconv.Itoa(1 + r.IntN(300)))
			b.WriteString(", đường ")
			b.WriteString(genStreets[r.IntN(len(genStreets))])
		}
	} else {
		b.WriteString(genVillages[r.IntN(len(genVillages))])
		b.WriteByte(' ')
		if r.IntN(2) == 0 {
			b.WriteString(strconv.Itoa(1 + r.IntN(15)))
		} else {
			b.WriteString(genWordsB[r.IntN(40)])
		}
	}
	if post {
		b.WriteString(pl.newTail)
		row[8] = genText(b.String())
		row[9] = genText(pl.newCommune)
		row[11] = genText("Tỉnh Lào Cai")
	} else {
		b.WriteString(pl.tail)
		row[8] = genText(b.String())
		row[9] = genText(pl.commune)
		row[10] = genText(pl.district)
		row[11] = genText(pl.province)
	}
	switch {
	case u.capital == 0:
	case un.Dotted:
		row[12] = genText(genDotted(u.capital))
	default:
		row[12] = GenCell{Kind: GenNumber, Num: u.capital}
	}
	code := g.ref.codes[u.vsic]
	if un.VSICNames {
		row[13] = genText(code.Code + " - " + code.NameVI)
	} else {
		row[13] = genText(code.Code)
	}
	// People and contacts.
	r = g.unitRand(i, saltPeople, 0)
	b.Reset()
	fi, _ := slicesSearchInt(g.familyCum, r.IntN(g.familyCum[len(g.familyCum)-1]))
	b.WriteString(genFamily[fi].name)
	b.WriteByte(' ')
	if r.IntN(100) < 68 {
		b.WriteString(genMiddleMale[r.IntN(len(genMiddleMale))])
		b.WriteByte(' ')
		b.WriteString(genGivenMale[r.IntN(len(genGivenMale))])
	} else {
		b.WriteString(genMiddleFemale[r.IntN(len(genMiddleFemale))])
		b.WriteByte(' ')
		b.WriteString(genGivenFemale[r.IntN(len(genGivenFemale))])
	}
	row[14] = genText(b.String())
	b.Reset()
	switch p := r.IntN(100); {
	case p < 8:
	case p < 20:
		b.WriteString(pl.landline)
		b.WriteByte(' ')
		b.WriteByte(byte('3' + r.IntN(6)))
		genDigits(r, &b, 6)
	default:
		b.WriteString([]string{"09", "09", "03", "08", "07"}[r.IntN(5)])
		genDigits(r, &b, 8)
	}
	row[15] = genText(b.String())
	b.Reset()
	if r.IntN(100) >= 35 {
		slug := strings.ToLower(strings.ReplaceAll(g.asciiA[np.a]+g.asciiB[np.b], " ", ""))
		switch p := r.IntN(100); {
		case p < 60:
			b.WriteString(slug)
			b.WriteString(strconv.Itoa(r.IntN(1000)))
			b.WriteString("@gmail.com")
		case p < 85:
			b.WriteString("info@")
			b.WriteString(slug)
			b.WriteString(".vn")
		default:
			b.WriteString("lienhe@")
			b.WriteString(slug)
			b.WriteString(".com.vn")
		}
	}
	row[16] = genText(b.String())
	row[17] = genText(g.statNames[u.status])
	return row
}

func slicesSearchInt(cum []int, v int) (int, bool) {
	lo, hi := 0, len(cum)
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] <= v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return min(lo, len(cum)-1), true
}

func (g *gen) dateCell(d int32) GenCell {
	t := genDate(d)
	if g.opt.Untidy.TextDates {
		return GenCell{Kind: GenText, Text: t.Format("02/01/2006")}
	}
	return GenCell{Kind: GenDate, Date: t}
}
