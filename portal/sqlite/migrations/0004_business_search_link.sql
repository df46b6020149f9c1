-- The business-support portal's "business data search and export" channel
-- leads to the enterprise search (GET /doanh-nghiep/tra-cuu), unless an
-- administrator has already pointed it somewhere.
UPDATE channels SET target = '/doanh-nghiep/tra-cuu'
WHERE slug = 'tra-cuu-du-lieu-doanh-nghiep' AND kind = 'data' AND target = ''
  AND portal_id = (SELECT id FROM portals WHERE key = 'business');
