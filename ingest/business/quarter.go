package business

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// Quarter and kind as a file states them, in its name or its title rows.

var (
	// "2025Q3", "2025_Q3", "2025-q3", "Q3_2025", "q3-2025", "quy3_2025", "quy_3_2025".
	nameQuarterRe = []*regexp.Regexp{
		regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})[ _-]?q([1-4])(?:[^0-9]|$)`),
		regexp.MustCompile(`(?:^|[^a-z])(?:q|quy)[ _-]?([1-4])[ _-]?(?:nam[ _-]?)?(20[0-9]{2})(?:[^0-9]|$)`),
	}
	// Folded titles: "quy 3/2025", "quy iii nam 2025", "quy 3 nam 2025".
	titleQuarterRe = regexp.MustCompile(`quy ?(1|2|3|4|iv|iii|ii|i) ?(?:nam |/ ?)?(20[0-9]{2})`)
	// "tinh den ngay 30/09/2025", "den 30/9/2025", "as of 2025-09-30".
	titleAsOfRe = regexp.MustCompile(`(?:den ngay|den het ngay|den|as of|ngay) ?([0-9]{1,2}/[0-9]{1,2}/20[0-9]{2}|20[0-9]{2}-[0-9]{2}-[0-9]{2})`)
)

var roman = map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}

// quarterFromName reads a quarter from a file name.
func quarterFromName(name string) (Quarter, bool) {
	base := strings.ToLower(province.Fold(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))))
	base = strings.ReplaceAll(base, " ", "_")
	if m := nameQuarterRe[0].FindStringSubmatch(base); m != nil {
		y, _ := strconv.Atoi(m[1])
		return Quarter{y, roman[m[2]]}, true
	}
	if m := nameQuarterRe[1].FindStringSubmatch(base); m != nil {
		y, _ := strconv.Atoi(m[2])
		return Quarter{y, roman[m[1]]}, true
	}
	return Quarter{}, false
}

// quarterFromTitle reads a quarter from the text of a title row: "Quý
// 3/2025", or a quarter-end date "tính đến ngày 30/09/2025".
func quarterFromTitle(title string) (Quarter, bool) {
	t := province.Fold(strings.ReplaceAll(title, "/", " / "))
	t = strings.ReplaceAll(t, " / ", "/")
	if m := titleQuarterRe.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[2])
		return Quarter{y, roman[m[1]]}, true
	}
	if m := titleAsOfRe.FindStringSubmatch(t); m != nil {
		if d, reason := parseDateText(m[1]); reason == "" {
			q := QuarterOf(d)
			if d.Equal(q.End()) { // only a quarter's last day names a quarter
				return q, true
			}
		}
	}
	return Quarter{}, false
}

// kindWords say a file lists only new registrations.
var kindWords = []string{"thanh lap moi", "dang ky moi", "moi thanh lap", "dn moi", "doanh nghiep moi", "new registrations", "newly registered", "new enterprises"}

func kindFromText(s string) (Kind, bool) {
	f := strings.ReplaceAll(province.Fold(s), "_", " ")
	for _, w := range kindWords {
		// "mới nhất" is "latest", not "new".
		if hasWord(f, w) && !strings.Contains(f, w+" nhat") {
			return New, true
		}
	}
	return "", false
}
