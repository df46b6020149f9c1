-- The three portals and the channels the department's rules list
-- (DESIGN.md). Administrators edit them afterwards; this runs once.
-- Host is empty (any host): portals are told apart by path prefix until an
-- administrator sets host names.

INSERT INTO portals (id, key, name_vi, name_en, host, path_prefix) VALUES
 (1, 'department', 'Cổng thông tin điện tử Sở Kế hoạch và Đầu tư', 'Department of Planning and Investment portal', '', ''),
 (2, 'business', 'Cổng hỗ trợ doanh nghiệp', 'Business support portal', '', '/doanh-nghiep'),
 (3, 'pci', 'Cổng thông tin PCI', 'PCI portal', '', '/pci');

INSERT INTO channels (portal_id, position, slug, kind, target, name_vi, name_en) VALUES
 (1, 1, 'gioi-thieu', 'page', '', 'Giới thiệu', 'Introduction'),
 (1, 2, 'co-cau-to-chuc', 'page', '', 'Cơ cấu tổ chức', 'Organisation'),
 (1, 3, 'tin-tuc-su-kien', 'news', '', 'Tin tức - Sự kiện', 'News and events'),
 (1, 4, 'phat-trien-nganh', 'news', '', 'Phát triển ngành', 'Sector development'),
 (1, 5, 'quy-hoach-hop-tac-dau-tu', 'news', '', 'Quy hoạch, hợp tác đầu tư', 'Planning and investment cooperation'),
 (1, 6, 'cai-cach-hanh-chinh', 'news', '', 'Cải cách hành chính', 'Administrative reform'),
 (1, 7, 'thong-tin-doanh-nghiep', 'news', '', 'Thông tin doanh nghiệp', 'Business information'),
 (1, 8, 'danh-ba-thu-dien-tu', 'directory', '', 'Danh bạ thư điện tử', 'Email directory'),
 (1, 9, 'van-ban-chi-dao-dieu-hanh', 'documents', '', 'Văn bản chỉ đạo điều hành', 'Directive documents'),

 (2, 1, 'gioi-thieu-lien-he', 'page', '', 'Giới thiệu, liên hệ', 'Introduction and contacts'),
 (2, 2, 'tin-tuc', 'news', '', 'Tin tức', 'News'),
 (2, 3, 'van-ban-chi-dao', 'documents', '', 'Văn bản chỉ đạo', 'Direction documents'),
 (2, 4, 'huong-dan-phap-ly', 'news', '', 'Hướng dẫn pháp lý', 'Legal guidance'),
 (2, 5, 'thong-tin-dang-ky-kinh-doanh', 'news', '', 'Thông tin đăng ký kinh doanh', 'Business registration information'),
 (2, 6, 'van-ban-phap-luat-doanh-nghiep', 'documents', '', 'Văn bản pháp luật liên quan đến doanh nghiệp', 'Legal documents concerning enterprises'),
 (2, 7, 'tra-cuu-du-lieu-doanh-nghiep', 'data', '', 'Tra cứu, khai thác dữ liệu doanh nghiệp', 'Business data search and export'),
 (2, 8, 'gop-y', 'feedback', '', 'Góp ý', 'Public feedback'),
 (2, 9, 'ho-tro-khac', 'news', '', 'Hỗ trợ khác', 'Other support'),

 (3, 1, 'trang-chu', 'link', '/pci', 'Trang chủ', 'Home'),
 (3, 2, 'tong-quan-pci', 'page', '', 'Tổng quan PCI', 'PCI overview'),
 (3, 3, 'pci-cua-tinh', 'data', '/pci/ranking', 'PCI của tỉnh', 'PCI of the province'),
 (3, 4, 'tin-tuc', 'news', '', 'Tin tức', 'News'),
 (3, 5, 'du-lieu-bao-cao', 'data', '/pci/compare', 'Dữ liệu và báo cáo', 'Data and reports'),
 (3, 6, 'thong-cao-bao-chi', 'news', '', 'Thông cáo báo chí', 'Press releases'),
 (3, 7, 'hanh-dong-sau-pci', 'news', '', 'Hành động sau PCI', 'Post-PCI actions'),
 (3, 8, 'lien-he', 'page', '', 'Liên hệ', 'Contact');
