-- Operator review of flagged placements (issue #12): an operator takes a placement down by setting it 'removed', a
-- status that does not block its square ('blocking' stays false, so the exclusion constraint frees the square for sale
-- again) and does not render.
ALTER TABLE placements DROP CONSTRAINT placements_status_check;
ALTER TABLE placements ADD CONSTRAINT placements_status_check
    CHECK (status IN ('pending_payment', 'active', 'expired', 'hidden', 'removed'));
