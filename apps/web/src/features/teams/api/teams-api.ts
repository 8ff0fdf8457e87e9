import type {
  AddMemberRequest,
  CreateTeamRequest,
  CreateVolunteerRequest,
  MembershipDto,
  Paginated,
  TeamDto,
  TeamType,
  UpdateTeamRequest,
  VolunteerDto,
} from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getAllPages } from '@/lib/api-client';

export interface TeamFilter {
  type?: TeamType;
  siteId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export type TeamView = TeamDto;

export const teamKeys = {
  all: ['teams'] as const,
  list: (f: TeamFilter) => [...teamKeys.all, 'list', f] as const,
  members: (teamId: string) => [...teamKeys.all, teamId, 'members'] as const,
};

export const listTeams = (f: TeamFilter) => api.get<Paginated<TeamView>>('/teams', { ...f });
export const createTeam = (body: CreateTeamRequest) => api.post<TeamDto>('/teams', body);
export const updateTeam = (id: string, body: UpdateTeamRequest) => api.patch<TeamDto>(`/teams/${id}`, body);
export const listMembers = async (teamId: string) => (await getAllPages<MembershipDto>(`/teams/${teamId}/members`)).items;
export const addMember = (teamId: string, body: AddMemberRequest) => api.post<MembershipDto>(`/teams/${teamId}/members`, body);
export const removeMember = (teamId: string, volunteerId: string) => api.delete<void>(`/teams/${teamId}/members/${volunteerId}`);
/** A person without a login (e.g. a pupil of a 红领巾 team), added straight into a team. */
export const createTeamVolunteer = (body: CreateVolunteerRequest) => api.post<VolunteerDto>('/volunteers', body);

export const useTeams = (f: TeamFilter) => useQuery({ queryKey: teamKeys.list(f), queryFn: () => listTeams(f), placeholderData: keepPreviousData });
export const useMembers = (teamId: string | undefined) =>
  useQuery({ queryKey: teamKeys.members(teamId ?? ''), queryFn: () => listMembers(teamId!), enabled: !!teamId });

export function useSaveTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateTeamRequest }) =>
      id ? updateTeam(id, { name: body.name, type: body.type, description: body.description }) : createTeam(body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useAddMember(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberRequest) => addMember(teamId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useRemoveMember(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (volunteerId: string) => removeMember(teamId, volunteerId),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useAddPupil(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CreateVolunteerRequest, 'teamId'>) => createTeamVolunteer({ ...body, teamId }),
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: teamKeys.all });
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
    },
  });
}
