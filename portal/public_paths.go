package portal

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/portal/content"
)

// articlePathIn is an item's public address under a portal's link prefix:
// the prefix, /bai-viet/, its id and its title as a slug
// (/doanh-nghiep/bai-viet/12-huong-dan-dang-ky). Only the id counts; any
// other slug redirects to this one.
func articlePathIn(base string, it *content.Item) string {
	p := fmt.Sprintf("%s/bai-viet/%d", base, it.ID)
	if sl := slug(it.Title); sl != "" {
		p += "-" + sl
	}
	return p
}

// articlePath is an item's public page from the editorial pages.
func (s *server) articlePath(p *content.Portal, it *content.Item, lang string) string {
	base := ""
	if p != nil {
		base = p.PathPrefix
	}
	return withLang(articlePathIn(base, it), url.Values{}, lang)
}

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug is a title as an ASCII path segment: "Lào Cai thu hút đầu tư" →
// "lao-cai-thu-hut-dau-tu" (diacritics folded as search folds them).
func slug(title string) string {
	s := strings.Trim(notSlug.ReplaceAllString(province.Fold(title), "-"), "-")
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}
