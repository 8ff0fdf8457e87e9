import { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = `('civility_persuasion','law_education','sanitation','waste_sorting','elderly_care','theory_lecture','customs_reform','health','tutoring','other')`;

/**
 * Menu-style service (菜单式服务): menu items, the teams that provide them, service orders,
 * and a trigger that lets an order follow its activity (completed → order completed;
 * cancelled → order cancelled with reason 活动已取消).
 */
export class ServiceOrders1764380000300 implements MigrationInterface {
  name = 'ServiceOrders1764380000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE menu_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid REFERENCES sites(id),
        title varchar(100) NOT NULL,
        category varchar(30) NOT NULL CHECK (category IN ${CATEGORIES}),
        description text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_menu_items_site ON menu_items(site_id)`);

    await q.query(`
      CREATE TABLE menu_item_teams (
        menu_item_id uuid NOT NULL REFERENCES menu_items(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id),
        PRIMARY KEY (menu_item_id, team_id)
      )`);
    await q.query(`CREATE INDEX idx_menu_item_teams_team ON menu_item_teams(team_id)`);

    await q.query(`
      CREATE TABLE service_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        menu_item_id uuid NOT NULL REFERENCES menu_items(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        requester_name varchar(50) NOT NULL,
        requester_phone varchar(11) NOT NULL CHECK (requester_phone ~ '^1[3-9][0-9]{9}$'),
        address varchar(200) NOT NULL,
        preferred_date date NOT NULL,
        note text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered','dispatched','accepted','completed','rated','cancelled')),
        team_id uuid REFERENCES teams(id),
        activity_id uuid REFERENCES activities(id) DEFERRABLE INITIALLY DEFERRED,
        rating smallint CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
        rating_comment text,
        decline_reason text,
        cancel_reason text,
        ordered_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        accepted_at timestamptz,
        completed_at timestamptz,
        rated_at timestamptz,
        cancelled_at timestamptz,
        tracking_token varchar(64) NOT NULL,
        CONSTRAINT uq_service_orders_tracking_token UNIQUE (tracking_token),
        CONSTRAINT chk_service_orders_team CHECK (status IN ('ordered','cancelled') OR team_id IS NOT NULL),
        CONSTRAINT chk_service_orders_activity CHECK (status NOT IN ('accepted','completed','rated') OR activity_id IS NOT NULL),
        CONSTRAINT chk_service_orders_rating CHECK ((status = 'rated') = (rating IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_service_orders_site_ordered ON service_orders(site_id, ordered_at)`);
    await q.query(`CREATE INDEX idx_service_orders_team ON service_orders(team_id)`);
    await q.query(`CREATE INDEX idx_service_orders_status ON service_orders(status)`);
    await q.query(`CREATE INDEX idx_service_orders_menu_item ON service_orders(menu_item_id)`);
    await q.query(`CREATE UNIQUE INDEX uq_service_orders_activity ON service_orders(activity_id) WHERE activity_id IS NOT NULL`);

    await q.query(`ALTER TABLE activities ADD CONSTRAINT fk_activities_service_order FOREIGN KEY (service_order_id) REFERENCES service_orders(id)`);
    await q.query(`CREATE INDEX idx_activities_service_order ON activities(service_order_id) WHERE service_order_id IS NOT NULL`);

    // The order follows its activity, so whoever completes or cancels an activity needs no knowledge of orders.
    await q.query(`
      CREATE FUNCTION service_order_follow_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        o record;
      BEGIN
        IF NEW.service_order_id IS NULL OR NEW.status IS NOT DISTINCT FROM OLD.status THEN
          RETURN NEW;
        END IF;
        IF NEW.status = 'completed' THEN
          UPDATE service_orders SET status = 'completed', completed_at = now()
           WHERE id = NEW.service_order_id AND status = 'accepted'
          RETURNING id, status, completed_at INTO o;
          IF FOUND THEN
            INSERT INTO audit_entries (actor_user_id, action, entity, entity_id, before, after)
            VALUES (NULL, 'service_order.complete', 'service_order', o.id::text,
                    jsonb_build_object('status', 'accepted'),
                    jsonb_build_object('status', 'completed', 'activityId', NEW.id, 'completedAt', o.completed_at));
          END IF;
        ELSIF NEW.status = 'cancelled' THEN
          UPDATE service_orders SET status = 'cancelled', cancelled_at = now(),
                 cancel_reason = '活动已取消' || CASE WHEN coalesce(NEW.cancel_reason, '') <> '' THEN '：' || NEW.cancel_reason ELSE '' END
           WHERE id = NEW.service_order_id AND status = 'accepted'
          RETURNING id, cancel_reason INTO o;
          IF FOUND THEN
            INSERT INTO audit_entries (actor_user_id, action, entity, entity_id, before, after)
            VALUES (NULL, 'service_order.cancel', 'service_order', o.id::text,
                    jsonb_build_object('status', 'accepted'),
                    jsonb_build_object('status', 'cancelled', 'activityId', NEW.id, 'reason', o.cancel_reason));
          END IF;
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER trg_activities_service_order AFTER UPDATE OF status ON activities
      FOR EACH ROW EXECUTE FUNCTION service_order_follow_activity()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trg_activities_service_order ON activities`);
    await q.query(`DROP FUNCTION IF EXISTS service_order_follow_activity()`);
    await q.query(`ALTER TABLE activities DROP CONSTRAINT IF EXISTS fk_activities_service_order`);
    await q.query(`DROP INDEX IF EXISTS idx_activities_service_order`);
    for (const t of ['service_orders', 'menu_item_teams', 'menu_items']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
