-- The official sources whose items administrators may post directly
-- (DESIGN.md: Party and Government portals, ministries, non-classified legal
-- documents, administrative procedures, the provincial portal and
-- newspaper, monthly business-registration figures and quarterly
-- enterprise lists). Editable by administrators.

INSERT INTO trusted_sources (name, category, url) VALUES
 ('Cổng Thông tin điện tử Chính phủ', 'government', 'https://chinhphu.vn'),
 ('Báo điện tử Đảng Cộng sản Việt Nam', 'party', 'https://dangcongsan.vn'),
 ('Cổng thông tin điện tử các bộ, ngành Trung ương', 'ministry', ''),
 ('Cơ sở dữ liệu quốc gia về văn bản pháp luật (văn bản không mật)', 'legal', 'https://vbpl.vn'),
 ('Cổng Dịch vụ công quốc gia (thủ tục hành chính)', 'procedure', 'https://dichvucong.gov.vn'),
 ('Cổng Thông tin điện tử tỉnh Lào Cai', 'province', 'https://laocai.gov.vn'),
 ('Báo Lào Cai', 'newspaper', 'https://baolaocai.vn'),
 ('Số liệu đăng ký doanh nghiệp hằng tháng', 'business_data', ''),
 ('Danh sách doanh nghiệp hằng quý', 'business_data', '');

-- Royalty categories: names of the usual kinds of work; the office sets
-- the amounts from the province's decision on the royalty fund.
INSERT INTO royalty_categories (name, base_amount) VALUES
 ('Tin', 0),
 ('Bài viết', 0),
 ('Thông cáo báo chí', 0),
 ('Ảnh', 0),
 ('Bài dịch', 0);
