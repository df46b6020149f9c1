package province

import "testing"

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Khánh Hoà", "khanh hoa"},
		{"Khánh Hòa", "khanh hoa"},
		{"Khanh Hoa", "khanh hoa"},
		{"KHÁNH HOÀ", "khanh hoa"},
		{"TT-Huế", "tt hue"},
		{"TT.Huế", "tt hue"},
		{"TT- Huế", "tt hue"},
		{"Thua Thien Hue", "thua thien hue"},
		{"  Bà Rịa - Vũng Tàu ", "ba ria vung tau"},
		{"Đắk Lắk", "dak lak"},
		{"Đăk Lăk", "dak lak"},
		{"Ðắk Nông", "dak nong"}, // U+00D0 ETH, as left by legacy-encoding converters
		{"Tp.HCM", "tp hcm"},
		{"TP. Hồ_Chí,Minh", "tp ho chi minh"},
		{"Lào\u00a0Cai", "lao cai"},        // no-break space
		{"\ufeffLào Cai\u200b", "lao cai"}, // BOM and zero-width space
		{"La\u0300o Cai", "lao cai"},       // decomposed (NFD) input
		{"", ""},
		{" - . ", ""},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if Fold("Khánh Hoà") != Fold("Khánh Hòa") || Fold("Khánh Hòa") != Fold("Khanh Hoa") {
		t.Error("the three spellings of Khánh Hòa must fold alike")
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"lao kay", "lao cai", 2},
		{"", "abc", 3},
		{"abc", "abc", 0},
		{"ha tay", "ha tinh", 3},
		{"kitten", "sitting", 3},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
