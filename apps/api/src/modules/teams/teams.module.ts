import { Module } from '@nestjs/common';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';
import { JoinRequestsRepository } from './join-requests.repository';
import { JoinRequestsService } from './join-requests.service';
import { MyJoinRequestsController } from './my-join-requests.controller';
import { TeamsRepository } from './teams.repository';
import { VolunteerMembershipsRepository } from './volunteer-memberships.repository';
import { VolunteerMembershipsService } from './volunteer-memberships.service';

@Module({
  controllers: [TeamsController, MyJoinRequestsController],
  providers: [TeamsRepository, JoinRequestsRepository, VolunteerMembershipsRepository, TeamsService, JoinRequestsService, VolunteerMembershipsService],
  exports: [TeamsService, VolunteerMembershipsService],
})
export class TeamsModule {}
