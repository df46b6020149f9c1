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
		"lang_name":            "Tiếng Việt",
		"site":                 "Sở Kế hoạch và Đầu tư tỉnh Lào Cai",
		"site_sub":             "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
		"title":                "Bảng xếp hạng PCI các tỉnh, thành phố năm %d",
		"year":                 "Năm",
		"show":                 "Xem",
		"rank":                 "Hạng",
		"province":             "Tỉnh, thành phố",
		"pci":                  "Điểm PCI",
		"weight":               "trọng số",
		"json":                 "Tải JSON",
		"source":               "Nguồn",
		"no_data":              "không có số liệu",
		"sort_hint":            "Bấm vào tiêu đề cột để sắp xếp.",
		"scale":                "Chỉ số thành phần trên thang điểm 10; điểm PCI tối đa 100.",
		"back":                 "Về bảng xếp hạng PCI",
		"error_title":          "Lỗi",
		"nav_ranking":          "Bảng xếp hạng",
		"nav_compare":          "So sánh các tỉnh",
		"nav_map":              "Bản đồ",
		"nav_home":             "Hồ sơ PCI Lào Cai",
		"compare_title":        "So sánh PCI các tỉnh",
		"provinces":            "Tỉnh, thành phố",
		"provinces_hint":       "Giữ Ctrl (⌘ trên Mac) để chọn nhiều tỉnh, tối đa %d.",
		"generation":           "Danh mục tỉnh",
		"chart":                "Biểu đồ",
		"measure":              "Thước đo",
		"subindex":             "Chỉ số",
		"indicator_none":       "— điểm chỉ số (không chọn chỉ tiêu) —",
		"map_split_note":       "Mỗi ô là một tỉnh từ 1/7/2025, chia thành các phần theo tỉnh cũ hợp thành (trái sang phải theo mã tỉnh cũ); màu và số của mỗi phần là số liệu của chính tỉnh cũ đó, không có số liệu gộp. Phần xám: tỉnh cũ không có số liệu. Di chuột hoặc xem bảng để biết tên tỉnh cũ.",
		"indicator_hint":       "Chỉ tiêu của chỉ số thành phần đã chọn, theo bản công bố của năm đã chọn.",
		"downloads":            "Tải dữ liệu của bảng này",
		"api":                  "API (JSON)",
		"table":                "Bảng số liệu",
		"notes":                "Ghi chú",
		"sample_banner":        "Có dữ liệu mẫu — không phải số liệu chính thức / Includes sample data — not official figures",
		"region":               "Vùng",
		"all_regions":          "Cả nước",
		"highlight":            "Làm nổi bật",
		"none":                 "(không)",
		"tier":                 "Xếp nhóm",
		"profile_title":        "PCI của %s",
		"map_title":            "Bản đồ PCI %d",
		"composite_rank":       "Điểm PCI và thứ hạng qua các năm",
		"radar":                "Các chỉ số thành phần năm %d so với cả nước",
		"subindices_over_time": "Từng chỉ số thành phần qua các năm",
		"indicators":           "Các chỉ tiêu năm %d",
		"indicator":            "Chỉ tiêu",
		"value":                "Giá trị",
		"median":               "Trung vị cả nước",
		"breaks":               "Những điểm gãy của chuỗi số liệu",
		"compare_with":         "So sánh với các tỉnh khác",
		"code":                 "Mã",
		"no_chart_js":          "Biểu đồ cần JavaScript; bảng dưới đây có cùng số liệu.",
		"nav_data":             "Số liệu",
		"nav_business":         "Đăng ký doanh nghiệp",
		"biz_title":            "Thống kê đăng ký doanh nghiệp theo quý",
		"biz_site_sub":         "Đăng ký doanh nghiệp theo quý",
		"biz_from":             "Từ quý",
		"biz_to":               "Đến quý",
		"biz_quarter":          "Quý xem cơ cấu",
		"biz_by":               "Phân tổ theo",
		"biz_section":          "Ngành (VSIC cấp 1)",
		"biz_form":             "Loại hình doanh nghiệp",
		"biz_district":         "Huyện (trước 1/7/2025)",
		"biz_commune":          "Xã, phường (từ 1/7/2025)",
		"biz_kpis":             "Quý %s",
		"biz_series":           "Diễn biến theo quý",
		"biz_breakdown":        "Cơ cấu trong quý",
		"biz_fresh":            "Số liệu mới nhất: quý %s (đến hết ngày %s), nạp lúc %s.",
		"biz_due":              "Quy định: cập nhật ít nhất 3 tháng một lần; lần cập nhật tiếp theo chậm nhất ngày %s.",
		"biz_due_passed":       "Quy định cập nhật ít nhất 3 tháng một lần: đã quá hạn từ ngày %s.",
		"biz_overdue":          "Số liệu đã quá hạn cập nhật.",
		"biz_behind":           "Còn thiếu %d quý đã kết thúc (đến quý %s).",
		"biz_search":           "Tra cứu thông tin doanh nghiệp",
	},
	"en": {
		"lang_name":            "English",
		"site":                 "Lào Cai Department of Planning and Investment",
		"site_sub":             "Provincial Competitiveness Index (PCI)",
		"title":                "PCI ranking of provinces, %d",
		"year":                 "Year",
		"show":                 "Show",
		"rank":                 "Rank",
		"province":             "Province",
		"pci":                  "PCI score",
		"weight":               "weight",
		"json":                 "Download JSON",
		"source":               "Source",
		"no_data":              "no data",
		"sort_hint":            "Click a column heading to sort.",
		"scale":                "Sub-indices on a 10-point scale; the PCI has a maximum of 100.",
		"back":                 "Back to the PCI ranking",
		"error_title":          "Error",
		"nav_ranking":          "Ranking",
		"nav_compare":          "Compare provinces",
		"nav_map":              "Map",
		"nav_home":             "Lào Cai's PCI profile",
		"compare_title":        "Compare the PCI of provinces",
		"provinces":            "Provinces",
		"provinces_hint":       "Hold Ctrl (⌘ on a Mac) to choose several, at most %d.",
		"generation":           "Province list",
		"chart":                "Chart",
		"measure":              "Measure",
		"subindex":             "Index",
		"indicator_none":       "— the index score (no indicator) —",
		"map_split_note":       "Each tile is a province from 1 July 2025, split into one part per former province it was formed from (left to right by former code); each part's colour and number are that former province's own figure, never a combined one. Grey part: no figure for that former province. Hover or see the table for the former provinces' names.",
		"indicator_hint":       "Indicators of the chosen sub-index, as the chosen year's release has them.",
		"downloads":            "Download this table",
		"api":                  "API (JSON)",
		"table":                "Data table",
		"notes":                "Notes",
		"sample_banner":        "Includes sample data — not official figures / Có dữ liệu mẫu — không phải số liệu chính thức",
		"region":               "Region",
		"all_regions":          "All Viet Nam",
		"highlight":            "Highlight",
		"none":                 "(none)",
		"tier":                 "Tier",
		"profile_title":        "PCI of %s",
		"map_title":            "PCI map, %d",
		"composite_rank":       "PCI score and rank over the years",
		"radar":                "Sub-indices in %d against the country",
		"subindices_over_time": "Each sub-index over the years",
		"indicators":           "Indicators, %d",
		"indicator":            "Indicator",
		"value":                "Value",
		"median":               "National median",
		"breaks":               "Breaks in the series",
		"compare_with":         "Compare with other provinces",
		"code":                 "Code",
		"no_chart_js":          "The chart needs JavaScript; the table below has the same figures.",
		"nav_data":             "Data",
		"nav_business":         "Business registrations",
		"biz_title":            "Quarterly business registration statistics",
		"biz_site_sub":         "Business registrations by quarter",
		"biz_from":             "From quarter",
		"biz_to":               "To quarter",
		"biz_quarter":          "Quarter broken down",
		"biz_by":               "Break down by",
		"biz_section":          "Industry (VSIC section)",
		"biz_form":             "Legal form",
		"biz_district":         "District (before 1 July 2025)",
		"biz_commune":          "Commune (from 1 July 2025)",
		"biz_kpis":             "Quarter %s",
		"biz_series":           "Quarter by quarter",
		"biz_breakdown":        "Breakdown of the quarter",
		"biz_fresh":            "Latest data: %s (to %s), loaded %s.",
		"biz_due":              "The rules require a refresh at least every 3 months: the next is due by %s.",
		"biz_due_passed":       "The rules require a refresh at least every 3 months: overdue since %s.",
		"biz_overdue":          "The data is overdue for a refresh.",
		"biz_behind":           "%d ended quarter(s) missing (up to %s).",
		"biz_search":           "Search enterprises",
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

// formatCount writes a whole number with thousands separators, the page's
// way: 1.250.000 in Vietnamese, 1,250,000 in English.
func formatCount(v float64, lang string) string { return formatGrouped(v, 0, lang) }

// formatGrouped writes v with dec decimals and thousands separators:
// 1.234,5 in Vietnamese, 1,234.5 in English.
func formatGrouped(v float64, dec int, lang string) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	frac := ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i+1:]
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep, point := ",", "."
	if lang == "vi" {
		sep, point = ".", ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
