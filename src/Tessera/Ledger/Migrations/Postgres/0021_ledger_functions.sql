-- The ledger hot operations as one statement each (docs/ledger.md, Performance): PostgresGroupCommitWriter sends
-- many of these calls in one round trip and one commit. An expected failure (insufficient credits, an expired or
-- resolved hold, a replayed key) returns a code and leaves nothing written (the receipt row, written first so the
-- happy path pays no key lookup, is deleted again), so the other operations of the same batch commit; only a real
-- error (deadlock, a bug) raises and fails the batch.
-- Results: r_code = 'ok' | 'replay' (the r_* fields are the stored receipt) | an error code.
-- The rules are those of the C# path: conditional money moves on locked rows (plus the CHECK of the table as backstop),
-- a hold leaves 'pending' once, the idempotency row is written in the same transaction as the movement.

-- Places a hold of p_amount from p_debit1 (monthly pool, for credits) then p_debit2 (purchased; NULL if none) to p_credit.
CREATE FUNCTION ledger_hold(
    p_owner text, p_key text, p_currency text, p_debit1 bigint, p_debit2 bigint, p_credit bigint,
    p_amount bigint, p_hold text, p_expires bigint, p_now bigint,
    OUT r_code text, OUT r_kind text, OUT r_ref text, OUT r_currency text, OUT r_amount bigint, OUT r_status text)
LANGUAGE plpgsql AS $$
DECLARE
    v_available1 bigint;
    v_available2 bigint;
    v_leg1 bigint;
    v_amount1 bigint;
    v_leg2 bigint;
    v_amount2 bigint;
    v_rows integer;
BEGIN
    -- Lock the rows of the payer first (id order): a concurrent operation with the same key has then committed or rolled
    -- back, so the key lookup below sees it.
    SELECT max(CASE WHEN id = p_debit1 THEN credits_posted - debits_posted - debits_pending END),
           max(CASE WHEN id = p_debit2 THEN credits_posted - debits_posted - debits_pending END)
    INTO v_available1, v_available2
    FROM (SELECT * FROM ledger_accounts WHERE id IN (p_debit1, p_debit2) ORDER BY id FOR UPDATE) locked;

    -- The receipt first: the happy path pays no lookup (a taken key is a conflict, then a replay). ON CONFLICT waits
    -- for a concurrent transaction holding the key and then sees its row.
    IF p_key IS NOT NULL THEN
        INSERT INTO ledger_operations (owner_id, idempotency_key, kind, ref_id, currency, amount, status, created_at)
        VALUES (p_owner, p_key, 'hold', p_hold, p_currency, p_amount, 'pending', p_now)
        ON CONFLICT (owner_id, idempotency_key) DO NOTHING;
        IF NOT FOUND THEN
            SELECT 'replay', o.kind, o.ref_id, o.currency, o.amount, o.status
            INTO r_code, r_kind, r_ref, r_currency, r_amount, r_status
            FROM ledger_operations o WHERE o.owner_id = p_owner AND o.idempotency_key = p_key;
            RETURN;
        END IF;
    END IF;

    -- Monthly first, then purchased; a leg that takes nothing is left out (as in PlanLegsAsync).
    v_amount1 := LEAST(p_amount, GREATEST(0, COALESCE(v_available1, 0)));
    v_amount2 := p_amount - v_amount1;
    IF v_amount2 > 0 AND (p_debit2 IS NULL OR COALESCE(v_available2, 0) < v_amount2) THEN
        -- Nothing moved yet: take back the receipt row so a later retry with this key can still succeed.
        DELETE FROM ledger_operations WHERE owner_id = p_owner AND idempotency_key = p_key;
        r_code := 'insufficient_credits';
        RETURN;
    END IF;

    IF v_amount1 > 0 THEN
        v_leg1 := p_debit1;
        IF v_amount2 > 0 THEN
            v_leg2 := p_debit2;
        END IF;
    ELSE
        v_leg1 := p_debit2;
        v_amount1 := v_amount2;
        v_amount2 := 0;
    END IF;


    UPDATE ledger_accounts SET
        debits_pending = debits_pending + CASE WHEN id = v_leg1 THEN v_amount1 ELSE v_amount2 END
    WHERE id IN (v_leg1, v_leg2)
      AND (system = 1 OR credits_posted - debits_posted - debits_pending >= CASE WHEN id = v_leg1 THEN v_amount1 ELSE v_amount2 END);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows <> 1 + (v_leg2 IS NOT NULL)::integer THEN
        -- Cannot happen with the rows locked and checked above; a bug, so the whole batch rolls back.
        RAISE EXCEPTION 'ledger_hold: debit legs of % did not apply', p_hold;
    END IF;
    UPDATE ledger_accounts SET credits_pending = credits_pending + p_amount WHERE id = p_credit;
    INSERT INTO ledger_holds (id, owner_id, currency, credit_account_id, debit1_account_id, amount1, debit2_account_id, amount2, amount, status, expires_at, created_at)
    VALUES (p_hold, p_owner, p_currency, p_credit, v_leg1, v_amount1, v_leg2, v_amount2, p_amount, 'pending', p_expires, p_now);

    r_code := 'ok';
    r_kind := 'hold';
    r_ref := p_hold;
    r_currency := p_currency;
    r_amount := p_amount;
    r_status := 'pending';
END
$$;

-- Resolves a pending hold once: p_status 'posted' (p_posted minor units, NULL = all), 'voided' or 'expired'.
CREATE FUNCTION ledger_resolve(
    p_hold text, p_kind text, p_status text, p_posted bigint, p_key text, p_now bigint,
    OUT r_code text, OUT r_kind text, OUT r_ref text, OUT r_currency text, OUT r_amount bigint, OUT r_status text)
LANGUAGE plpgsql AS $$
DECLARE
    h ledger_holds%ROWTYPE;
    v_posted bigint := 0;
    v_posted1 bigint;
BEGIN
    SELECT * INTO h FROM ledger_holds WHERE id = p_hold FOR UPDATE;
    IF NOT FOUND THEN
        r_code := 'not_found';
        RETURN;
    END IF;

    IF p_status = 'posted' THEN
        v_posted := COALESCE(p_posted, h.amount);
    END IF;

    -- After the lock, the receipt first: a concurrent resolution of this hold with the same key has committed by
    -- now, so a taken key is a replay; the happy path pays no lookup.
    IF p_key IS NOT NULL THEN
        INSERT INTO ledger_operations (owner_id, idempotency_key, kind, ref_id, currency, amount, status, created_at)
        VALUES (h.owner_id, p_key, p_kind, p_hold, h.currency, v_posted, p_status, p_now)
        ON CONFLICT (owner_id, idempotency_key) DO NOTHING;
        IF NOT FOUND THEN
            SELECT 'replay', o.kind, o.ref_id, o.currency, o.amount, o.status
            INTO r_code, r_kind, r_ref, r_currency, r_amount, r_status
            FROM ledger_operations o WHERE o.owner_id = h.owner_id AND o.idempotency_key = p_key;
            RETURN;
        END IF;
    END IF;

    r_currency := h.currency;
    r_status := h.status;
    IF h.status <> 'pending' THEN
        r_code := CASE WHEN h.status = 'expired' THEN 'hold_expired' ELSE 'hold_already_resolved' END;
    ELSIF p_status = 'expired' AND p_now < h.expires_at THEN
        r_code := 'not_due';
    ELSIF p_status <> 'expired' AND p_now >= h.expires_at THEN
        r_code := 'hold_expired';
    ELSIF v_posted > h.amount THEN
        r_code := 'post_exceeds_hold';
    END IF;

    IF r_code IS NOT NULL THEN
        -- Refused before anything moved: take back the receipt row, so the key stays unused.
        DELETE FROM ledger_operations WHERE owner_id = h.owner_id AND idempotency_key = p_key;
        RETURN;
    END IF;

    UPDATE ledger_holds SET status = p_status, posted_amount = v_posted, resolved_at = p_now WHERE id = p_hold AND status = 'pending';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ledger_resolve: hold % left pending under its lock', p_hold;
    END IF;
    v_posted1 := LEAST(v_posted, h.amount1);
    UPDATE ledger_accounts SET
        debits_pending = debits_pending - CASE WHEN id = h.debit1_account_id THEN h.amount1 ELSE h.amount2 END,
        debits_posted = debits_posted + CASE WHEN id = h.debit1_account_id THEN v_posted1 ELSE v_posted - v_posted1 END
    WHERE id IN (h.debit1_account_id, h.debit2_account_id);
    UPDATE ledger_accounts SET credits_pending = credits_pending - h.amount, credits_posted = credits_posted + v_posted
    WHERE id = h.credit_account_id;
    IF v_posted1 > 0 THEN
        INSERT INTO ledger_transfers (debit_account_id, credit_account_id, amount, kind, hold_id, created_at)
        VALUES (h.debit1_account_id, h.credit_account_id, v_posted1, 'hold_post', p_hold, p_now);
    END IF;
    IF v_posted - v_posted1 > 0 THEN
        INSERT INTO ledger_transfers (debit_account_id, credit_account_id, amount, kind, hold_id, created_at)
        VALUES (h.debit2_account_id, h.credit_account_id, v_posted - v_posted1, 'hold_post', p_hold, p_now);
    END IF;

    r_code := 'ok';
    r_kind := p_kind;
    r_ref := p_hold;
    r_amount := v_posted;
    r_status := p_status;
END
$$;
