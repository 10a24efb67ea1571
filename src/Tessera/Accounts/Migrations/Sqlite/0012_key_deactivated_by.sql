-- Who deactivated a key: 'operator' (operator API) or 'account' (a surface's key routes). A key the operator
-- deactivated can be reactivated only by the operator (issue #11, docs/security.md "Keys and scopes").
ALTER TABLE api_keys ADD COLUMN deactivated_by text CHECK (deactivated_by IN ('operator', 'account'));
