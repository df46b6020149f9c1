package portal

import (
	"maps"
	"slices"
	"testing"
)

func TestMessagesSameKeys(t *testing.T) {
	vi, en := slices.Sorted(maps.Keys(messages["vi"])), slices.Sorted(maps.Keys(messages["en"]))
	if !slices.Equal(vi, en) {
		t.Errorf("vi keys %v\nen keys %v", vi, en)
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		dec  int
		lang string
		want string
	}{
		{66.4512, 2, "vi", "66,45"},
		{66.4512, 2, "en", "66.45"},
		{66.455, 2, "vi", "66,45"}, // binary 66.4549…: rounds as the float is, not as written
		{5, -1, "vi", "5"},
		{8.35, -1, "vi", "8,35"},
	} {
		if got := formatNumber(tc.v, tc.dec, tc.lang); got != tc.want {
			t.Errorf("formatNumber(%v, %d, %s) = %q, want %q", tc.v, tc.dec, tc.lang, got, tc.want)
		}
	}
}

func TestFormatGrouped(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		dec  int
		lang string
		want string
	}{
		{401197000000, 0, "vi", "401.197.000.000"},
		{401197000000, 0, "en", "401,197,000,000"},
		{999, 0, "vi", "999"},
		{-1234, 0, "en", "-1,234"},
		{1234.56, 1, "vi", "1.234,6"},
		{765.188, 1, "en", "765.2"},
		{0, 0, "vi", "0"},
	} {
		if got := formatGrouped(tc.v, tc.dec, tc.lang); got != tc.want {
			t.Errorf("formatGrouped(%v, %d, %s) = %q, want %q", tc.v, tc.dec, tc.lang, got, tc.want)
		}
	}
}
