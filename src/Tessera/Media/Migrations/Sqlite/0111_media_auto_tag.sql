-- auto_tag (upload): the analysis worker names what the image shows (the Vision module) and adds the labels to the
-- asset's tags; 1 = asked, 0 = not. Labels themselves already have a column (media_assets.labels) in the full text.
ALTER TABLE media_assets ADD COLUMN auto_tag integer NOT NULL DEFAULT 0;
