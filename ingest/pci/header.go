package pci

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// fieldKind is what a column of a summary sheet means.
type fieldKind int

const (
	fUnknown    fieldKind = iota
	fIgnore               // row numbers, PCI ids, regions: known, not loaded
	fOrder                // "Thứ tự"/"No": the row's position in the table
	fRank                 // published rank
	fTier                 // ranking group ("Rất tốt", "Excellent")
	fUnweighted           // composite before weighting
	fComposite            // the weighted PCI
	fSubindex             // one sub-index; key in field.key
)

type field struct {
	kind fieldKind
	key  string // sub-index key for fSubindex
}

// Header words, folded (no diacritics, lower case). Order matters: the first
// rule that matches wins, so narrower phrases come before broader ones.
var (
	ignoreWords = []string{"ma pci", "pci id", "pci_id", "ma tinh", "vung", "region", "dieu kien truyen thong",
		"muc do phat trien", "co so ha tang", "khoang cach", "infrastructure",
		"cau hoi", "dieu tra", "survey", "question"}
	orderWords = []string{"thu tu", "stt", "no"}
	rankWords  = []string{"xep hang", "thu hang", "ranking", "rank"}
	tierWords  = []string{"nhom xep hang", "tier", "xep loai"}
	unweighted = []string{"chua co trong so", "chua trong so", "unweighted", "khong trong so"}
	composite  = []string{"pci", "chi so nang luc canh tranh", "composite", "provincial competitiveness"}
	// Sub-index phrases in Vietnamese and English across 2005-2016 and later
	// editions. soe_bias precedes policy_bias: "Ưu đãi đối với DNNN (Môi
	// trường cạnh tranh)" is the 2006-2008 index, "Cạnh tranh bình đẳng" the 2013 one.
	subindexWords = []struct {
		key   string
		words []string
	}{
		{"entry_costs", []string{"gia nhap thi truong", "entry"}},
		{"land_access", []string{"tiep can dat dai", "dat dai", "land"}},
		{"transparency", []string{"minh bach", "transparen"}},
		{"time_costs", []string{"thoi gian", "time cost", "regulatory compliance"}},
		{"informal_charges", []string{"khong chinh thuc", "informal"}},
		{"policy_implementation_2005", []string{"thuc hien chinh sach", "thuc hien cs", "implementation"}},
		{"soe_bias", []string{"uu dai", "dnnn", "soe bias", "state owned", "soe"}},
		{"policy_bias", []string{"canh tranh binh dang", "binh dang", "equal competition", "policy bias", "bias"}},
		{"proactivity", []string{"nang dong", "tien phong", "proactiv"}},
		{"business_support", []string{"ho tro doanh nghiep", "ho tro dn", "dich vu ho tro", "phat trien khu vuc kinh te tu nhan",
			"phat trien kinh te tu nhan", "phat trien kttn", "khu vuc kttn", "business support", "private sector development", "bss",
			"ptkttn", "csptkvkttn"}}, // sheet names "Chính sách PTKTTN" (2005), "CSPTKVKTTN" (2006-2007)
		{"labor_training", []string{"dao tao lao dong", "lao dong", "labor", "labour"}},
		{"legal_institutions", []string{"thiet che phap ly", "phap ly", "an ninh trat tu", "legal", "law and order", "law"}},
	}
	yearRe = regexp.MustCompile(`\b(20[0-9]{2})\b`)
)

// hasWord reports whether phrase occurs in folded text on word boundaries.
func hasWord(text, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(phrase)
		before := j == 0 || !isWordByte(text[j-1])
		if end < len(text) && text[end] == 's' { // plurals: "time costs"
			end++
		}
		after := end == len(text) || !isWordByte(text[end])
		// Stems like "proactiv", "transparen" may continue into a word.
		if before && (after || strings.HasSuffix(phrase, "iv") || strings.HasSuffix(phrase, "en")) {
			return true
		}
		i = j + 1
	}
}

func isWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }

func anyWord(text string, words []string) bool {
	for _, w := range words {
		if hasWord(text, w) {
			return true
		}
	}
	return false
}

// classify reads the text of all header cells above a column.
func classify(header string) field {
	h := province.Fold(header)
	if h == "" {
		return field{}
	}
	switch {
	case anyWord(h, ignoreWords):
		return field{kind: fIgnore}
	case anyWord(h, tierWords):
		return field{kind: fTier}
	case anyWord(h, rankWords):
		return field{kind: fRank}
	}
	for _, s := range subindexWords {
		if anyWord(h, s.words) {
			return field{kind: fSubindex, key: s.key}
		}
	}
	switch {
	case anyWord(h, unweighted):
		return field{kind: fUnweighted}
	case anyWord(h, composite):
		return field{kind: fComposite}
	case anyWord(h, orderWords):
		return field{kind: fOrder}
	case hasWord(h, "tinh") || hasWord(h, "province") || hasWord(h, "tinh thanh pho"):
		return field{kind: fIgnore}
	}
	return field{}
}

// headerYear finds an edition year ("PCI 2013") in a composite, rank or tier header.
func headerYear(header string) int {
	m := yearRe.FindAllString(header, -1)
	if len(m) == 0 {
		return 0
	}
	y, _ := strconv.Atoi(m[len(m)-1])
	return y
}

// statWords are labels of statistic and footer rows in a province column.
var statWords = []string{"min", "max", "median", "mean", "average", "trung vi", "trung binh", "gia tri",
	"tong", "total", "std", "do lech", "xep hang", "thu tu", "thu hang", "ca nuoc", "toan quoc",
	"national", "viet nam", "vietnam", "rank", "ranking", "nho nhat", "lon nhat", "cao nhat", "thap nhat"}

func isStatLabel(s string) bool {
	return anyWord(province.Fold(s), statWords)
}
