import type { CreateVolunteerRequest, Gender, PoliticalStatus } from '@wenming/shared';
import type { Dayjs } from '@/lib/dates';

/** What the "新增志愿者" form holds (birthDate as a picker value). */
export interface VolunteerFormValues {
  name: string;
  phone?: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  politicalStatus?: PoliticalStatus;
  skills?: string[];
  siteId?: string;
  idNumber?: string;
  teamId?: string;
}

/** 18 characters, the last a digit or X (the API checks the same). */
export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/;

const text = (v: string | undefined) => {
  const s = (v ?? '').trim();
  return s ? s : undefined;
};

/**
 * POST /volunteers body: trimmed, empty optional fields left out (the API rejects "" for
 * phone / idNumber), birthDate as YYYY-MM-DD, skills trimmed and de-duplicated,
 * idNumber with an upper-case X.
 */
export function toCreateVolunteerRequest(v: VolunteerFormValues): CreateVolunteerRequest {
  const body: CreateVolunteerRequest = { name: v.name.trim() };
  const phone = text(v.phone)?.replace(/\s+/g, '');
  if (phone) body.phone = phone;
  if (v.gender) body.gender = v.gender;
  if (v.birthDate) body.birthDate = v.birthDate.format('YYYY-MM-DD');
  if (v.politicalStatus) body.politicalStatus = v.politicalStatus;
  const skills = [...new Set((v.skills ?? []).map((s) => s.trim()).filter(Boolean))];
  if (skills.length) body.skills = skills;
  if (v.siteId) body.siteId = v.siteId;
  const idNumber = text(v.idNumber)?.toUpperCase();
  if (idNumber) body.idNumber = idNumber;
  if (v.teamId) body.teamId = v.teamId;
  return body;
}
