import type { CreateVolunteerRequest, Gender, PoliticalStatus, UpdateVolunteerRequest, VolunteerDto } from '@wenming/shared';
import { dayjs, type Dayjs } from '@/lib/dates';

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

/** What the "编辑志愿者" form holds: like the create form, without a team; idNumber empty = keep the stored one. */
export type VolunteerEditValues = Omit<VolunteerFormValues, 'teamId'>;

/** The form's starting values for a volunteer (the masked ID number is never put in the field). */
export function volunteerEditInitial(v: VolunteerDto): VolunteerEditValues {
  return {
    name: v.name,
    phone: v.phone ?? undefined,
    gender: v.gender ?? undefined,
    birthDate: v.birthDate ? dayjs(v.birthDate) : null,
    politicalStatus: v.politicalStatus ?? undefined,
    skills: v.skills ?? [],
    siteId: v.siteId,
    idNumber: undefined,
  };
}

/**
 * PATCH /volunteers/:id body: only the fields that changed; the ID number only when the clerk typed a new one
 * (the list shows it masked, so the form starts empty and an empty field means "keep").
 */
export function toUpdateVolunteerRequest(before: VolunteerDto, v: VolunteerEditValues): UpdateVolunteerRequest {
  const body: UpdateVolunteerRequest = {};
  const name = v.name.trim();
  if (name !== before.name) body.name = name;
  const phone = text(v.phone)?.replace(/\s+/g, '');
  if (phone && phone !== before.phone) body.phone = phone;
  if (v.gender && v.gender !== before.gender) body.gender = v.gender;
  const birth = v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined;
  if (birth && birth !== before.birthDate) body.birthDate = birth;
  if (v.politicalStatus && v.politicalStatus !== before.politicalStatus) body.politicalStatus = v.politicalStatus;
  const skills = [...new Set((v.skills ?? []).map((s) => s.trim()).filter(Boolean))];
  if (skills.join('\u0000') !== (before.skills ?? []).join('\u0000')) body.skills = skills;
  if (v.siteId && v.siteId !== before.siteId) body.siteId = v.siteId;
  const idNumber = text(v.idNumber)?.toUpperCase();
  if (idNumber) body.idNumber = idNumber;
  return body;
}
