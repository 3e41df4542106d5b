-- Indexes for the dashboard's 14-day reads (measured with `bench dashboard`: 30 countries x 14 days). Each one
-- covers its query, so grouping by country and day never reads table rows: upload rows carry their whole CMS
-- signature, and the statistics tables grow by a row per upload and per download for ever.
-- The older (time) and (country, time) indexes of the statistics tables are prefixes of these; they are left in
-- place here (other migrations may refer to them) and can be dropped later.
ALTER TABLE upload_statistics
    ADD INDEX idx_upload_statistics_day (uploaded_at, country, key_count),
    ADD INDEX idx_upload_statistics_country_day (country, uploaded_at, key_count);
ALTER TABLE download_statistics
    ADD INDEX idx_download_statistics_day (requested_at, country, key_count),
    ADD INDEX idx_download_statistics_country_day (country, requested_at, key_count);
-- Upload-to-batch times: uploads by time (all countries, or one), with the batch they went into.
ALTER TABLE upload_batch
    ADD INDEX idx_upload_batch_uploaded (uploaded_at, download_batch_id),
    ADD INDEX idx_upload_batch_country_uploaded (country, uploaded_at, download_batch_id);
