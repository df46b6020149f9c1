package portal

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Lào Cai thu hút đầu tư":              "lao-cai-thu-hut-dau-tu",
		"Quý III/2026: 120 doanh nghiệp mới!": "quy-iii-2026-120-doanh-nghiep-moi",
		"Đường Điện Biên – hoà hợp":           "duong-dien-bien-hoa-hop",
		"<script>":                            "script",
		"   ":                                 "",
		strings.Repeat("dài ", 40):            strings.TrimSuffix(strings.Repeat("dai-", 20), "-"),
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRenderMarkdownSanitises(t *testing.T) {
	got := string(renderMarkdown("**đậm** <script>alert(1)</script><img src=x onerror=alert(2)> [a](javascript:alert(3))\n\n<table><tr><td onclick=x>ô</td></tr></table>"))
	for _, bad := range []string{"<script", "alert(1)", "onerror", "javascript:", "onclick"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q survives: %s", bad, got)
		}
	}
	for _, good := range []string{"<strong>đậm</strong>", "<table>", "<td>ô</td>"} {
		if !strings.Contains(got, good) {
			t.Errorf("%q lost: %s", good, got)
		}
	}
}
