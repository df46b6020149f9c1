package demo

import (
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

// The sample texts: realistic for a provincial Department of Planning and
// Investment, invented, and without real officials' names or figures.

type sampleItem struct {
	portal, channel string
	kind, lang      string
	title, summary  string
	body            string
	tags            []string
}

const (
	dept = content.PortalDepartment
	biz  = content.PortalBusiness
	pci  = content.PortalPCI
)

var sampleItems = []sampleItem{
	// Department portal.
	{dept, "tin-tuc-su-kien", content.KindNews, "vi",
		"Lào Cai tổ chức Hội nghị xúc tiến đầu tư vào Khu kinh tế cửa khẩu",
		"Sở Kế hoạch và Đầu tư phối hợp với các sở, ngành giới thiệu tiềm năng, cơ chế ưu đãi và danh mục dự án kêu gọi đầu tư tới các nhà đầu tư trong và ngoài nước.",
		"Tại hội nghị, đại diện Sở giới thiệu **danh mục dự án kêu gọi đầu tư** trong các lĩnh vực logistics, chế biến nông sản và du lịch.\n\n" +
			"Các nhà đầu tư được hướng dẫn thủ tục chấp thuận chủ trương đầu tư và được giải đáp trực tiếp các vướng mắc về đất đai, hạ tầng.\n\n" +
			"- Hỗ trợ khảo sát địa điểm miễn phí\n- Tiếp nhận hồ sơ trực tuyến\n- Đầu mối liên hệ duy nhất tại Sở\n",
		[]string{"xúc tiến đầu tư"}},
	{dept, "tin-tuc-su-kien", content.KindNews, "en",
		"Lào Cai holds an investment promotion conference for its border-gate economic zone",
		"The Department of Planning and Investment and other provincial departments presented the province's potential, incentives and the list of projects open to investors.",
		"Investors were walked through the investment policy approval procedure and had questions on land and infrastructure answered on the spot.\n",
		[]string{"investment promotion"}},
	{dept, "cai-cach-hanh-chinh", content.KindNews, "vi",
		"Rút ngắn thời gian giải quyết thủ tục đăng ký đầu tư",
		"Sở Kế hoạch và Đầu tư cam kết giải quyết thủ tục cấp Giấy chứng nhận đăng ký đầu tư sớm hơn thời hạn luật định.",
		"Từ quý này, hồ sơ đầy đủ, hợp lệ được giải quyết trong thời gian ngắn hơn quy định; kết quả được trả qua Cổng Dịch vụ công.\n\n" +
			"Người dân và doanh nghiệp có thể theo dõi tiến độ hồ sơ trực tuyến.\n",
		[]string{"cải cách hành chính", "đăng ký đầu tư"}},
	{dept, "quy-hoach-hop-tac-dau-tu", content.KindPressRelease, "vi",
		"Thông cáo báo chí: Kết quả thu hút đầu tư 9 tháng (số liệu mẫu)",
		"Thông cáo về tình hình cấp mới và điều chỉnh dự án đầu tư trên địa bàn tỉnh; số liệu trong bài là số liệu mẫu.",
		"Trong 9 tháng, tỉnh cấp mới và điều chỉnh nhiều dự án đầu tư, tập trung vào công nghiệp chế biến và dịch vụ logistics.\n\n" +
			"*Mọi con số trong thông cáo này là số liệu mẫu, không phải số liệu thống kê chính thức.*\n",
		[]string{"thông cáo báo chí"}},

	// Business-support portal.
	{biz, "tin-tuc", content.KindNews, "vi",
		"Hướng dẫn đăng ký thành lập doanh nghiệp qua mạng điện tử",
		"Các bước nộp hồ sơ đăng ký doanh nghiệp trực tuyến trên Hệ thống thông tin quốc gia về đăng ký doanh nghiệp.",
		"1. Chuẩn bị hồ sơ theo mẫu.\n2. Đăng nhập bằng tài khoản định danh điện tử.\n3. Nộp hồ sơ và theo dõi kết quả trực tuyến.\n\n" +
			"Phòng Đăng ký kinh doanh hỗ trợ doanh nghiệp trong giờ hành chính.\n",
		[]string{"đăng ký doanh nghiệp"}},
	{biz, "tin-tuc", content.KindNews, "en",
		"How to register a new enterprise online",
		"The steps of an online enterprise registration through the national business registration system.",
		"1. Prepare the forms.\n2. Sign in with an electronic identity account.\n3. File and follow the result online.\n",
		[]string{"business registration"}},
	{biz, "huong-dan-phap-ly", content.KindNews, "vi",
		"Những điểm cần lưu ý khi thay đổi nội dung đăng ký doanh nghiệp",
		"Doanh nghiệp cần thông báo thay đổi nội dung đăng ký trong thời hạn quy định kể từ ngày có thay đổi.",
		"Các thay đổi thường gặp: địa chỉ trụ sở, người đại diện theo pháp luật, vốn điều lệ, ngành nghề kinh doanh.\n\n" +
			"Hồ sơ có thể nộp trực tuyến; lệ phí theo quy định hiện hành.\n",
		[]string{"pháp lý", "đăng ký doanh nghiệp"}},
	{biz, "thong-tin-dang-ky-kinh-doanh", content.KindNews, "vi",
		"Tình hình đăng ký doanh nghiệp quý III (dữ liệu mẫu)",
		"Tóm tắt số doanh nghiệp thành lập mới, tạm ngừng và giải thể trong quý, theo sổ đăng ký mẫu của lệnh dpi demo.",
		"Số liệu chi tiết xem tại trang **Tra cứu, khai thác dữ liệu doanh nghiệp** (dữ liệu mẫu do máy sinh).\n",
		[]string{"số liệu", "đăng ký doanh nghiệp"}},

	// PCI portal.
	{pci, "tin-tuc", content.KindNews, "vi",
		"Lào Cai triển khai kế hoạch nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
		"Kế hoạch giao nhiệm vụ cụ thể cho từng sở, ngành phụ trách các chỉ số thành phần PCI.",
		"Mỗi chỉ số thành phần có một cơ quan chủ trì và chỉ tiêu cải thiện theo năm.\n\n" +
			"Kết quả thực hiện được tổng hợp hằng quý và công khai trên Cổng thông tin PCI.\n",
		[]string{"PCI"}},
	{pci, "tin-tuc", content.KindNews, "en",
		"Lào Cai rolls out a plan to raise its Provincial Competitiveness Index",
		"Each provincial department is assigned the PCI sub-indices it answers for, with yearly targets.",
		"Progress is reported every quarter and published on the PCI portal.\n",
		[]string{"PCI"}},
	{pci, "thong-cao-bao-chi", content.KindPressRelease, "vi",
		"Thông cáo báo chí: Kết quả PCI của tỉnh (dữ liệu mẫu 2017–2019)",
		"Thông cáo giới thiệu điểm số và thứ hạng PCI của tỉnh trên dữ liệu PCI mẫu do lệnh dpi demo nạp.",
		"Xem điểm số, thứ hạng và các chỉ số thành phần tại trang **PCI của tỉnh** và **Dữ liệu và báo cáo**.\n\n" +
			"*Dữ liệu PCI 2017–2019 trong bản trình diễn là dữ liệu mẫu, không phải kết quả PCI đã công bố.*\n",
		[]string{"PCI", "thông cáo báo chí"}},
	{pci, "hanh-dong-sau-pci", content.KindNews, "vi",
		"Đối thoại doanh nghiệp sau công bố PCI",
		"Lãnh đạo các sở, ngành trực tiếp lắng nghe và trả lời các kiến nghị của doanh nghiệp về chi phí không chính thức và tiếp cận đất đai.",
		"Các kiến nghị được ghi nhận, giao cơ quan chủ trì xử lý và trả lời bằng văn bản.\n",
		[]string{"PCI", "đối thoại doanh nghiệp"}},
}

var directItem = sampleItem{dept, "tin-tuc-su-kien", content.KindNews, "vi",
	"UBND tỉnh ban hành kế hoạch cải thiện môi trường kinh doanh",
	"Tin đăng lại từ Cổng Thông tin điện tử tỉnh (nguồn chính thức), đăng trực tiếp bởi quản trị và báo cáo Ban biên tập trong tuần.",
	"Kế hoạch đặt mục tiêu cải thiện các chỉ số về gia nhập thị trường, tính minh bạch và chi phí thời gian.\n",
	[]string{"môi trường kinh doanh"}}

var scheduledItem = sampleItem{pci, "tin-tuc", content.KindNews, "vi",
	"Hội thảo phân tích các chỉ số thành phần PCI",
	"Hội thảo dành cho cán bộ đầu mối các sở, ngành; bài được hẹn giờ đăng.",
	"Nội dung: phương pháp tính các chỉ số thành phần, cách đọc dữ liệu so sánh giữa các tỉnh.\n",
	[]string{"PCI"}}

type sampleDocument struct {
	portal string
	in     content.DocumentInput
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var sampleDocuments = []sampleDocument{
	{dept, content.DocumentInput{Number: "MẪU-01/KH-SKHĐT", Type: "Kế hoạch", IssuingBody: "Sở Kế hoạch và Đầu tư tỉnh Lào Cai",
		IssueDate: day(2026, 1, 15), EffectiveDate: day(2026, 1, 15),
		Summary: "(Văn bản mẫu) Kế hoạch cải cách hành chính năm 2026 của Sở Kế hoạch và Đầu tư"}},
	{dept, content.DocumentInput{Number: "MẪU-02/QĐ-SKHĐT", Type: "Quyết định", IssuingBody: "Sở Kế hoạch và Đầu tư tỉnh Lào Cai",
		IssueDate: day(2026, 3, 2), EffectiveDate: day(2026, 3, 2),
		Summary: "(Văn bản mẫu) Quyết định ban hành quy chế hoạt động của Cổng thông tin điện tử Sở"}},
	{biz, content.DocumentInput{Number: "MẪU-03/HD-SKHĐT", Type: "Hướng dẫn", IssuingBody: "Sở Kế hoạch và Đầu tư tỉnh Lào Cai",
		IssueDate: day(2026, 2, 10), EffectiveDate: day(2026, 2, 10),
		Summary: "(Văn bản mẫu) Hướng dẫn hồ sơ đăng ký doanh nghiệp qua mạng điện tử"}},
	{biz, content.DocumentInput{Number: "MẪU-04/CV-SKHĐT", Type: "Công văn", IssuingBody: "Sở Kế hoạch và Đầu tư tỉnh Lào Cai",
		IssueDate: day(2026, 4, 20), Status: content.DocInForce,
		Summary: "(Văn bản mẫu) Công văn về việc đôn đốc doanh nghiệp báo cáo tình hình hoạt động"}},
}

type samplePerson struct{ name, title, phone string }

type sampleUnit struct {
	name, phone, email string
	staff              []samplePerson
}

// Units and people of the directory. Phone numbers are visibly not real;
// staff addresses follow the department's convention like any entry.
var sampleUnits = []sampleUnit{
	{"Văn phòng Sở (mẫu)", "0214 000 0000", "vanphong.mau@example.invalid", []samplePerson{
		{"Phạm Quốc Mẫu", "Chánh Văn phòng (mẫu)", "0214 000 0001"},
		{"Vũ Thị Thử", "Chuyên viên (mẫu)", "0214 000 0002"},
	}},
	{"Phòng Đăng ký kinh doanh (mẫu)", "0214 000 0100", "dkkd.mau@example.invalid", []samplePerson{
		{"Hoàng Văn Mẫu", "Trưởng phòng (mẫu)", "0214 000 0101"},
		{"Đỗ Thị Ví Dụ", "Chuyên viên (mẫu)", "0214 000 0102"},
	}},
	{"Phòng Xúc tiến đầu tư (mẫu)", "0214 000 0200", "xtdt.mau@example.invalid", []samplePerson{
		{"Bùi Minh Thử", "Trưởng phòng (mẫu)", "0214 000 0201"},
	}},
}

type sampleFeedbackEntry struct {
	portal string
	in     content.FeedbackInput
	answer string
}

var sampleFeedback = []sampleFeedbackEntry{
	{biz, content.FeedbackInput{Name: "Người gửi mẫu (Sample)", Email: "bandoc.mau@example.invalid",
		Subject: "Thời gian cấp Giấy chứng nhận đăng ký doanh nghiệp",
		Body:    "(Góp ý mẫu) Hồ sơ đăng ký thành lập công ty nộp trực tuyến mất bao lâu thì có kết quả?"},
		"(Trả lời mẫu) Hồ sơ hợp lệ được giải quyết trong thời hạn luật định kể từ ngày nhận đủ hồ sơ; kết quả được thông báo qua thư điện tử và trên hệ thống."},
}
