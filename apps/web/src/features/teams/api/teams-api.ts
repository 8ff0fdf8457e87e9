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
import { PAGE_SIZE_MAX } from '@wenming/shared';

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
export const useMembers = (teamId: string | undefined) => useQuery({ queryKey: teamKeys.members(teamId ?? ''), queryFn: () => listMembers(teamId!), enabled: !!teamId });

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

// ---- 招募 (issue 11): the team directory, join requests, adding by the exact phone ----
import type { JoinRequestDto, JoinRequestStatus, TeamDirectoryEntryDto } from '@wenming/shared';

export const recruitKeys = {
  directory: (f: TeamFilter) => [...teamKeys.all, 'directory', f] as const,
  requests: (teamId: string, status?: JoinRequestStatus) => [...teamKeys.all, teamId, 'join-requests', status ?? 'all'] as const,
};

export const listDirectory = (f: TeamFilter) => api.get<Paginated<TeamDirectoryEntryDto>>('/teams/directory', { ...f });
export const requestToJoin = (teamId: string, message?: string) => api.post<JoinRequestDto>(`/teams/${teamId}/join-requests`, message ? { message } : {});
export const listJoinRequests = (teamId: string, status?: JoinRequestStatus) =>
  api.get<Paginated<JoinRequestDto>>(`/teams/${teamId}/join-requests`, { status, pageSize: PAGE_SIZE_MAX });
export const decideJoinRequest = (teamId: string, requestId: string, decision: 'approve' | 'decline') =>
  api.post<JoinRequestDto>(`/teams/${teamId}/join-requests/${requestId}/${decision}`, {});
export const addMemberByPhone = (teamId: string, phone: string) => api.post<MembershipDto>(`/teams/${teamId}/members/by-phone`, { phone });

export const useTeamDirectory = (f: TeamFilter) => useQuery({ queryKey: recruitKeys.directory(f), queryFn: () => listDirectory(f), placeholderData: keepPreviousData });
export const useJoinRequests = (teamId: string, status?: JoinRequestStatus) =>
  useQuery({ queryKey: recruitKeys.requests(teamId, status), queryFn: () => listJoinRequests(teamId, status) });

export function useRequestToJoin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, message }: { teamId: string; message?: string }) => requestToJoin(teamId, message),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useDecideJoinRequest(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, decision }: { requestId: string; decision: 'approve' | 'decline' }) => decideJoinRequest(teamId, requestId, decision),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useAddMemberByPhone(teamId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (phone: string) => addMemberByPhone(teamId, phone),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}
