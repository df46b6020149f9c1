package portal

import (
	"strconv"
	"strings"
)

// messages hold the UI text. Province and sub-index names come from the
// warehouse; only the frame of the page is here. Both maps must have the
// same keys (a test checks it).
var messages = map[string]map[string]string{
	"vi": {
		"lang_name":   "Tiếng Việt",
		"site":        "Sở Kế hoạch và Đầu tư tỉnh Lào Cai",
		"site_sub":    "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
		"title":       "Bảng xếp hạng PCI các tỉnh, thành phố năm %d",
		"year":        "Năm",
		"show":        "Xem",
		"rank":        "Hạng",
		"province":    "Tỉnh, thành phố",
		"pci":         "Điểm PCI",
		"weight":      "trọng số",
		"json":        "Tải JSON",
		"source":      "Nguồn",
		"no_data":     "không có số liệu",
		"sort_hint":   "Bấm vào tiêu đề cột để sắp xếp.",
		"scale":       "Chỉ số thành phần trên thang điểm 10; điểm PCI tối đa 100.",
		"back":        "Về bảng xếp hạng PCI",
		"error_title": "Lỗi",
	},
	"en": {
		"lang_name":   "English",
		"site":        "Lào Cai Department of Planning and Investment",
		"site_sub":    "Provincial Competitiveness Index (PCI)",
		"title":       "PCI ranking of provinces, %d",
		"year":        "Year",
		"show":        "Show",
		"rank":        "Rank",
		"province":    "Province",
		"pci":         "PCI score",
		"weight":      "weight",
		"json":        "Download JSON",
		"source":      "Source",
		"no_data":     "no data",
		"sort_hint":   "Click a column heading to sort.",
		"scale":       "Sub-indices on a 10-point scale; the PCI has a maximum of 100.",
		"back":        "Back to the PCI ranking",
		"error_title": "Error",
	},
}

// formatNumber rounds for display only (the API keeps full precision);
// Vietnamese writes the decimal separator as a comma.
func formatNumber(v float64, decimals int, lang string) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if lang == "vi" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
