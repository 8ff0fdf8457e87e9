import { Module } from '@nestjs/common';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';
import { JoinRequestsService } from './join-requests.service';
import { MyJoinRequestsController } from './my-join-requests.controller';
import { VolunteerMembershipsRepository } from './volunteer-memberships.repository';
import { VolunteerMembershipsService } from './volunteer-memberships.service';

@Module({ controllers: [TeamsController, MyJoinRequestsController], providers: [TeamsService, JoinRequestsService, VolunteerMembershipsService, VolunteerMembershipsRepository], exports: [TeamsService, VolunteerMembershipsService] })
export class TeamsModule {}
