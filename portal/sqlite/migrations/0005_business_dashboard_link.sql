-- The business-support portal's menu links to the quarterly registration
-- dashboard (the rules' "business data search and export"; the search
-- itself is the channel tra-cuu-du-lieu-doanh-nghiep). OR IGNORE: an
-- administrator may already have made a channel of that slug.

INSERT OR IGNORE INTO channels (portal_id, position, slug, kind, target, name_vi, name_en)
SELECT id, 7, 'thong-ke-dang-ky-doanh-nghiep', 'data', '/doanh-nghiep/thong-ke',
       'Thống kê đăng ký doanh nghiệp theo quý', 'Quarterly business registration statistics'
FROM portals WHERE key = 'business';
