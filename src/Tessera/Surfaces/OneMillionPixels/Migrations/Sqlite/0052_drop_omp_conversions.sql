-- One idempotency mechanism (docs/idempotency.md): POST /omp/api/agent/convert honours Idempotency-Key through the HTTP
-- middleware (idempotent_requests) like every other route; the conversion's own key table goes.
DROP TABLE omp_conversions;
