package business

// Word lists of the generator: business lines by VSIC section (with an
// English rendering for foreign names), distinctive name words, people's
// names, streets and villages of the province. Invented combinations: any
// resemblance to a real enterprise is chance.

type genLine struct{ vi, en string }

// genLines are the business-line words of company names, by section. No
// line appears under two sections, so names of different sections differ.
var genLines = map[string][]genLine{
	"A": {{"Nông nghiệp", "AGRICULTURE"}, {"Nông lâm nghiệp", "AGRICULTURE AND FORESTRY"}, {"Chè", "TEA"}, {"Dược liệu", "MEDICINAL HERBS"}, {"Lâm sản", "FOREST PRODUCTS"}, {"Nông sản Sạch", "CLEAN AGRICULTURE"}},
	"B": {{"Khoáng sản", "MINERALS"}, {"Khai khoáng", "MINING"}, {"Đá và Khoáng sản", "STONE AND MINERALS"}, {"Apatit", "APATITE"}},
	"C": {{"Sản xuất", "MANUFACTURING"}, {"Chế biến Nông sản", "AGRICULTURAL PROCESSING"}, {"Vật liệu Xây dựng", "BUILDING MATERIALS"}, {"Chế biến Gỗ", "WOOD PROCESSING"}, {"Cơ khí", "MECHANICAL ENGINEERING"}, {"Thực phẩm", "FOOD"}},
	"D": {{"Thủy điện", "HYDROPOWER"}, {"Năng lượng", "ENERGY"}, {"Điện lực", "POWER"}},
	"E": {{"Môi trường", "ENVIRONMENT"}, {"Cấp nước", "WATER SUPPLY"}, {"Môi trường Đô thị", "URBAN ENVIRONMENT"}},
	"F": {{"Xây dựng", "CONSTRUCTION"}, {"Đầu tư Xây dựng", "CONSTRUCTION INVESTMENT"}, {"Xây dựng và Thương mại", "CONSTRUCTION AND TRADING"}, {"Tư vấn Xây dựng", "CONSTRUCTION CONSULTING"}, {"Xây lắp", "CONSTRUCTION AND INSTALLATION"}, {"Xây dựng Giao thông", "TRANSPORT CONSTRUCTION"}},
	"G": {{"Thương mại", "TRADING"}, {"Thương mại và Dịch vụ", "TRADING AND SERVICES"}, {"Thương mại Tổng hợp", "GENERAL TRADING"}, {"Kinh doanh Vật tư", "MATERIALS TRADING"}, {"Xuất nhập khẩu", "IMPORT EXPORT"}, {"Ô tô", "AUTOMOBILE"}},
	"H": {{"Vận tải", "TRANSPORT"}, {"Vận tải và Du lịch", "TRANSPORT AND TOURISM"}, {"Logistics", "LOGISTICS"}, {"Vận tải Hàng hóa", "FREIGHT"}},
	"I": {{"Du lịch", "TOURISM"}, {"Khách sạn", "HOTEL"}, {"Du lịch và Khách sạn", "TOURISM AND HOTEL"}, {"Nhà hàng", "RESTAURANT"}, {"Homestay", "HOMESTAY"}},
	"J": {{"Công nghệ", "TECHNOLOGY"}, {"Truyền thông", "MEDIA"}, {"Tin học", "INFORMATICS"}},
	"K": {{"Tài chính", "FINANCE"}, {"Đầu tư Tài chính", "FINANCIAL INVESTMENT"}},
	"L": {{"Bất động sản", "REAL ESTATE"}, {"Đầu tư và Phát triển Nhà", "HOUSING DEVELOPMENT"}},
	"M": {{"Tư vấn", "CONSULTING"}, {"Tư vấn Thiết kế", "DESIGN CONSULTING"}, {"Khảo sát Thiết kế", "SURVEY AND DESIGN"}, {"Quảng cáo", "ADVERTISING"}},
	"N": {{"Dịch vụ", "SERVICES"}, {"Du lịch Lữ hành", "TRAVEL"}, {"Dịch vụ Bảo vệ", "SECURITY SERVICES"}, {"Cho thuê Thiết bị", "EQUIPMENT RENTAL"}},
	"O": {{"Dịch vụ Công", "PUBLIC SERVICES"}},
	"P": {{"Giáo dục", "EDUCATION"}, {"Đào tạo", "TRAINING"}},
	"Q": {{"Y tế", "HEALTHCARE"}, {"Dược phẩm", "PHARMACEUTICALS"}},
	"R": {{"Giải trí", "ENTERTAINMENT"}, {"Thể thao", "SPORTS"}},
	"S": {{"Dịch vụ Tổng hợp", "GENERAL SERVICES"}, {"Sửa chữa", "REPAIR"}},
	"T": {{"Dịch vụ Gia đình", "HOUSEHOLD SERVICES"}},
	"U": {{"Hợp tác Quốc tế", "INTERNATIONAL COOPERATION"}},
}

// genWordsA and genWordsB make the distinctive part of a name: "Hoàng
// Liên" + "Sơn", "Minh" + "Phát".
var genWordsA = []string{
	"Hoàng", "Minh", "Thành", "Phú", "Hưng", "Đại", "Thái", "An", "Bảo", "Trường",
	"Quang", "Việt", "Tây", "Hồng", "Kim", "Phúc", "Tân", "Thiên", "Hải", "Đức",
	"Ngọc", "Vạn", "Thịnh", "Gia", "Long", "Nam", "Bắc", "Đông", "Sơn", "Hà",
	"Mai", "Lam", "Xuân", "Thanh", "Tuấn", "Huy", "Khánh", "Phương", "Hòa", "Bình",
	"Tiến", "Toàn", "Nhật", "Trung", "Hoàng Liên", "Phan Xi", "Mường", "Lũng", "Cốc", "Y Tý",
	"Sa", "Nghĩa", "Thác", "Văn", "Lục", "Mù", "Tú", "Vân", "Châu", "Cát",
}

var genWordsB = []string{
	"Phát", "Long", "Sơn", "Thịnh", "Đạt", "Anh", "Hưng", "Phú", "Lợi", "Tín",
	"Hà", "Giang", "Minh", "Thành", "An", "Khang", "Nguyên", "Hoa", "Dương", "Bảo",
	"Vinh", "Quý", "Tâm", "Trí", "Hải", "Lộc", "Tài", "Đức", "Cường", "Thắng",
	"Linh", "Xuyên", "Lâm", "Phong", "Việt", "Tiến", "Hạnh", "Mỹ", "Lai", "Hợp",
	"Lào Cai", "Tây Bắc", "Sa Pa", "Bắc Hà", "Fansipan", "Hồng Hà", "Thác Bà", "Yên Bái", "Cam Đường", "Kim Tân",
	"Bảo Yên", "Văn Chấn", "Mường Hoa", "Lục Yên", "Trấn Yên", "Phố Mới", "Cốc Lếu", "Si Ma Cai", "Mù Cang Chải", "Tả Van",
}

var genSuffixes = []string{"", "", "", " Lào Cai", " LC", " 68", " 86", " 88", " Việt Nam", " Miền Bắc", " Group", " Plus"}

// People: family names weighted by frequency, with names of the province's
// peoples (Hmông, Dao, Tày, Giáy, Thái).
var genFamily = []struct {
	name string
	w    int
}{
	{"Nguyễn", 300}, {"Trần", 90}, {"Lê", 80}, {"Phạm", 60}, {"Hoàng", 55}, {"Vũ", 40}, {"Đỗ", 30},
	{"Bùi", 30}, {"Đặng", 25}, {"Ngô", 20}, {"Dương", 18}, {"Lý", 15}, {"Đinh", 15}, {"Hà", 15},
	{"Lương", 10}, {"Nông", 12}, {"Lò", 10}, {"Giàng", 12}, {"Sùng", 8}, {"Vàng", 10}, {"Lù", 8},
	{"Thào", 8}, {"Triệu", 8}, {"Bàn", 6}, {"Tẩn", 5}, {"Lục", 5}, {"Phan", 15}, {"Hồ", 10},
	{"Cao", 8}, {"Mai", 6}, {"Tạ", 5}, {"Đào", 10}, {"Trịnh", 8}, {"Vương", 5},
}

var (
	genMiddleMale   = []string{"Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Mạnh", "Tiến", "Công", "Ngọc", "Trung", "A", "Seo"}
	genMiddleFemale = []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương"}
	genGivenMale    = []string{"Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Trung", "Hiếu", "Tùng", "Hòa", "Lâm", "Chiến", "Thành", "Vinh", "Páo", "Chử", "Sử"}
	genGivenFemale  = []string{"Hà", "Hạnh", "Hoa", "Huyền", "Lan", "Linh", "Mai", "Ngọc", "Phương", "Thảo", "Trang", "Yến", "Hằng", "Nga", "Thủy", "Oanh", "Dung", "Hương", "Giang", "Mỷ"}
)

// Streets of the towns, and village words of the countryside.
var genStreets = []string{
	"Hoàng Liên", "Trần Hưng Đạo", "Nguyễn Huệ", "Hoàng Văn Thụ", "Lê Lợi", "Điện Biên", "Quy Hóa",
	"Cầu Mây", "Xuân Viên", "Ngô Văn Sở", "Thanh Niên", "Nguyễn Tất Thành", "Kim Đồng", "Trần Phú",
	"Yên Ninh", "Đinh Tiên Hoàng", "Lý Thường Kiệt", "Hồng Hà", "Võ Nguyên Giáp", "Nguyễn Thái Học",
	"Hoàng Quốc Việt", "Lê Thanh", "Phan Đình Phùng", "Trần Quốc Toản", "30/4", "Hàm Nghi",
}

var genVillages = []string{"Thôn", "Thôn", "Bản", "Bản", "Tổ dân phố", "Khu"}

// genSectionWeights: shares of new registrations by VSIC section in a
// mountain province (trade and construction lead; agriculture, Sa Pa's
// tourism, manufacturing and transport follow).
var genSectionWeights = []struct {
	section string
	w       float64
}{
	{"G", 33}, {"F", 21}, {"C", 9}, {"A", 8}, {"I", 8}, {"H", 6}, {"M", 4}, {"N", 3},
	{"B", 1.5}, {"D", 1.2}, {"L", 1}, {"S", 1}, {"E", 0.8}, {"J", 0.8}, {"P", 0.8},
	{"Q", 0.5}, {"R", 0.5}, {"K", 0.3},
}

// genPopular are the classes most registrations of a section name, with
// weights; the rest of the section's classes share a small remainder.
var genPopular = map[string][]struct {
	code string
	w    float64
}{
	"G": {{"4663", 18}, {"4690", 12}, {"4632", 8}, {"4711", 8}, {"4719", 6}, {"4752", 6}, {"4659", 6}, {"4661", 5}, {"4530", 4}, {"4610", 4}, {"4620", 4}, {"4649", 4}, {"4511", 3}, {"4541", 3}, {"4520", 3}, {"4633", 3}, {"4722", 3}},
	"F": {{"4299", 20}, {"4101", 12}, {"4102", 10}, {"4212", 12}, {"4221", 8}, {"4222", 6}, {"4312", 6}, {"4330", 8}, {"4390", 6}, {"4321", 5}, {"4291", 4}},
	"C": {{"1610", 12}, {"1629", 8}, {"2392", 10}, {"2395", 10}, {"1076", 10}, {"1079", 6}, {"1030", 5}, {"1101", 5}, {"2599", 6}, {"3100", 6}, {"2023", 2}, {"2012", 3}},
	"A": {{"0127", 15}, {"0128", 14}, {"0210", 14}, {"0220", 8}, {"0145", 8}, {"0146", 6}, {"0118", 6}, {"0121", 8}, {"0161", 5}, {"0240", 5}, {"0322", 4}, {"0132", 3}},
	"I": {{"5510", 50}, {"5610", 25}, {"5590", 10}, {"5630", 10}, {"5621", 3}},
	"H": {{"4933", 45}, {"4932", 18}, {"5210", 10}, {"5229", 10}, {"4931", 8}, {"5224", 5}},
	"M": {{"7110", 40}, {"7020", 15}, {"7310", 12}, {"7120", 12}, {"7490", 8}, {"6920", 8}},
	"N": {{"7911", 20}, {"7912", 20}, {"7990", 12}, {"7710", 10}, {"8299", 10}, {"8121", 8}, {"7730", 10}, {"8010", 5}},
	"B": {{"0810", 55}, {"0891", 20}, {"0722", 15}, {"0710", 10}},
	"D": {{"3511", 80}, {"3512", 20}},
	"L": {{"6810", 70}, {"6820", 30}},
	"S": {{"9631", 25}, {"9610", 20}, {"9529", 15}, {"9620", 15}, {"9633", 10}},
	"E": {{"3600", 30}, {"3811", 25}, {"3821", 20}, {"3830", 15}},
	"J": {{"6201", 30}, {"6209", 25}, {"6190", 15}, {"5911", 10}},
	"P": {{"8559", 50}, {"8560", 20}, {"8512", 15}, {"8532", 10}},
	"Q": {{"8620", 50}, {"8699", 20}, {"8610", 15}},
	"R": {{"9329", 40}, {"9000", 25}, {"9311", 15}},
	"K": {{"6492", 40}, {"6619", 30}, {"6622", 30}},
}
