-- Near-duplicate search by pHash (ReplaceFlow, docs/replaceflow.md): multi-index hashing in the database. The 64-bit hash
-- is cut into four 16-bit blocks, each indexed with the account; a search within Hamming distance 10 probes, per block,
-- the 137 keys within 2 bits of its own (Imaging/NearDuplicateIndex.ProbeKeys) and checks the few candidates exactly.
-- Expression indexes: the blocks are computed from the stored phash, so no writer has to keep extra columns in step.
CREATE INDEX ix_media_assets_phash0 ON media_assets (account_id, (phash & 65535));
CREATE INDEX ix_media_assets_phash1 ON media_assets (account_id, ((phash >> 16) & 65535));
CREATE INDEX ix_media_assets_phash2 ON media_assets (account_id, ((phash >> 32) & 65535));
CREATE INDEX ix_media_assets_phash3 ON media_assets (account_id, ((phash >> 48) & 65535));
