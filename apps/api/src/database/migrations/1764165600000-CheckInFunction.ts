import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delegate check-in in one statement: the idempotency claim, the rules, the insert, the point's
 * counter and the stored result happen inside the database, in one round trip and one transaction.
 * Refusals are raised with SQLSTATE P0001 and the error code as message; a refusal rolls the claim back.
 * The per-point counter lets the live summary read 649 counters instead of counting 23,041 rows.
 * `bp_delegate_checkins` applies a batch of them in one transaction, each in a subtransaction so
 * one refusal does not undo the others.
 */
export class CheckInFunction1764165600000 implements MigrationInterface {
  name = 'CheckInFunction1764165600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conference_points ADD COLUMN delegates_checked_in int NOT NULL DEFAULT 0;
      CREATE FUNCTION bp_delegate_checkin(
        p_conference uuid, p_code text, p_operator_point uuid, p_actor text, p_scope text, p_key text, p_hash text
      ) RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE
        v_stored record;
        v_row record;
        v_point uuid;
        v_at timestamptz;
        v_already boolean := false;
        v_body jsonb;
      BEGIN
        IF p_key IS NOT NULL THEN
          INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (p_scope, p_key, p_hash)
            ON CONFLICT (scope, key) DO NOTHING;
          IF NOT FOUND THEN
            SELECT request_hash, body INTO v_stored FROM idempotency_keys WHERE scope = p_scope AND key = p_key;
            IF v_stored.request_hash <> p_hash THEN
              RAISE EXCEPTION 'IDEMPOTENCY_KEY_REUSED';
            END IF;
            RETURN jsonb_build_object('replayed', true, 'result', v_stored.body);
          END IF;
        END IF;

        SELECT d.id, d.full_name, d.point_id, (cp.point_id IS NOT NULL) AS in_conference,
               c.allow_cross_point_checkin AS allow_cross, c.status
          INTO v_row
          FROM conferences c
          LEFT JOIN delegates d ON d.code = p_code
          LEFT JOIN conference_points cp ON cp.conference_id = c.id AND cp.point_id = d.point_id
         WHERE c.id = p_conference;
        IF NOT FOUND THEN RAISE EXCEPTION 'CONFERENCE_NOT_FOUND'; END IF;
        IF v_row.status = 'ended' THEN RAISE EXCEPTION 'CONFERENCE_ENDED'; END IF;
        IF v_row.id IS NULL OR NOT v_row.in_conference THEN RAISE EXCEPTION 'DELEGATE_NOT_FOUND'; END IF;

        v_point := v_row.point_id;
        IF p_operator_point IS NOT NULL THEN
          IF p_operator_point <> v_row.point_id AND NOT v_row.allow_cross THEN
            RAISE EXCEPTION 'DELEGATE_OF_ANOTHER_POINT';
          END IF;
          v_point := p_operator_point;
        END IF;

        INSERT INTO delegate_checkins (conference_id, delegate_id, point_id, actor)
          VALUES (p_conference, v_row.id, v_point, p_actor)
          ON CONFLICT (conference_id, delegate_id) DO NOTHING
          RETURNING checked_in_at INTO v_at;
        IF v_at IS NOT NULL THEN
          UPDATE conference_points SET delegates_checked_in = delegates_checked_in + 1
           WHERE conference_id = p_conference AND point_id = v_point;
        ELSE
          v_already := true;
          SELECT point_id, checked_in_at INTO v_point, v_at FROM delegate_checkins
           WHERE conference_id = p_conference AND delegate_id = v_row.id;
        END IF;

        v_body := jsonb_build_object(
          'delegateId', v_row.id, 'delegateCode', p_code, 'fullName', v_row.full_name, 'pointId', v_point,
          'checkedInAt', to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'alreadyCheckedIn', v_already);
        IF p_key IS NOT NULL THEN
          UPDATE idempotency_keys SET status = 200, body = v_body WHERE scope = p_scope AND key = p_key;
        END IF;
        RETURN jsonb_build_object('replayed', false, 'result', v_body);
      END
      $fn$;
      CREATE FUNCTION bp_delegate_checkins(p_items jsonb) RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE
        v_item jsonb;
        v_out jsonb[] := '{}';
      BEGIN
        FOR v_item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
          BEGIN
            v_out := v_out || jsonb_build_object('ok', bp_delegate_checkin(
              (v_item->>'conference')::uuid, v_item->>'code', (v_item->>'operatorPoint')::uuid,
              v_item->>'actor', v_item->>'scope', v_item->>'key', v_item->>'hash'));
          EXCEPTION WHEN raise_exception THEN
            v_out := v_out || jsonb_build_object('refused', SQLERRM);
          END;
        END LOOP;
        RETURN to_jsonb(v_out);
      END
      $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION bp_delegate_checkins(jsonb);
      DROP FUNCTION bp_delegate_checkin(uuid, text, uuid, text, text, text, text);
      ALTER TABLE conference_points DROP COLUMN delegates_checked_in;
    `);
  }
}
