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
