import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_ZONE, type RecordEntryDto } from '@wenming/shared';
import { selectOne, selectRows } from '../../database/sql';

export interface RecordVolunteerRow {
  id: string;
  name: string;
  site_id: string;
  volunteer_number: string;
  id_number_masked: string | null;
}

export interface RecordEntryRow {
  activity_id: string;
  title: string;
  starts_at: Date;
  team_name: string;
  site_name: string;
  minutes: number | null;
  status: RecordEntryDto['status'];
}

export interface IssuerRow {
  name: string;
  contact_name: string;
  contact_phone: string;
}

/** An optional period on the activity's Asia/Shanghai start date. */
export interface RecordPeriod {
  from?: string;
  to?: string;
}

/** `from`/`to` filter on the activity's Asia/Shanghai start date; $2 and $3 in the queries. */
const DATE_FILTER = `($2::date IS NULL OR (act.starts_at AT TIME ZONE '${TIME_ZONE}')::date >= $2::date)
                 AND ($3::date IS NULL OR (act.starts_at AT TIME ZONE '${TIME_ZONE}')::date <= $3::date)`;

/** All SQL of 志愿服务记录 (a volunteer's record and certificate). */
@Injectable()
export class RecordsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  private args(volunteerId: string, q: RecordPeriod) {
    return [volunteerId, q.from ?? null, q.to ?? null];
  }

  findVolunteer(id: string) {
    return selectOne<RecordVolunteerRow>(this.db, `SELECT id, name, site_id, volunteer_number, id_number_masked FROM volunteers WHERE id = $1`, [id]);
  }

  /** Every attendance of the period (any status), latest activity first. */
  entries(volunteerId: string, q: RecordPeriod): Promise<RecordEntryRow[]> {
    return selectRows<RecordEntryRow>(
      this.db,
      `SELECT a.activity_id, act.title, act.starts_at, t.name AS team_name, vs.name AS site_name, a.minutes, a.status
           FROM attendance a JOIN activities act ON act.id = a.activity_id JOIN teams t ON t.id = act.team_id
           JOIN sites vs ON vs.id = act.site_id
          WHERE a.volunteer_id = $1 AND ${DATE_FILTER}
          ORDER BY act.starts_at DESC, act.id`,
      this.args(volunteerId, q),
    );
  }

  /** Person-times and minutes of the period's confirmed attendance. */
  async confirmedTotals(volunteerId: string, q: RecordPeriod): Promise<{ personTimes: number; minutes: number }> {
    const [tot] = await selectRows<{ n: string; m: string | null }>(
      this.db,
      `SELECT count(*) AS n, sum(a.minutes) AS m FROM attendance a JOIN activities act ON act.id = a.activity_id
        WHERE a.volunteer_id = $1 AND a.status = 'confirmed' AND ${DATE_FILTER}`,
      this.args(volunteerId, q),
    );
    return { personTimes: Number(tot.n), minutes: Number(tot.m ?? 0) };
  }

  /** Confirmed minutes of all time (the star level). */
  async lifetimeMinutes(volunteerId: string): Promise<number> {
    const [all] = await selectRows<{ m: string | null }>(this.db, `SELECT sum(minutes) AS m FROM attendance WHERE volunteer_id = $1 AND status = 'confirmed'`, [
      volunteerId,
    ]);
    return Number(all.m ?? 0);
  }

  /** The site that recorded most of the period's confirmed minutes. */
  mainSiteOfPeriod(volunteerId: string, q: RecordPeriod): Promise<IssuerRow | undefined> {
    return selectOne<IssuerRow>(
      this.db,
      `SELECT s.name, s.contact_name, s.contact_phone
         FROM attendance a JOIN activities act ON act.id = a.activity_id JOIN sites s ON s.id = act.site_id
        WHERE a.volunteer_id = $1 AND a.status = 'confirmed' AND ${DATE_FILTER}
        GROUP BY s.id, s.name, s.contact_name, s.contact_phone
        ORDER BY sum(a.minutes) DESC, s.id
        LIMIT 1`,
      this.args(volunteerId, q),
    );
  }

  countyCenter(): Promise<IssuerRow | undefined> {
    return selectOne<IssuerRow>(this.db, `SELECT name, contact_name, contact_phone FROM sites WHERE level = 'center' ORDER BY created_at LIMIT 1`);
  }
}
