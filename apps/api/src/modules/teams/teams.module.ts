import { Module } from '@nestjs/common';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';
import { JoinRequestsRepository } from './join-requests.repository';
import { JoinRequestsService } from './join-requests.service';
import { MyJoinRequestsController } from './my-join-requests.controller';
import { TeamsRepository } from './teams.repository';

@Module({
  controllers: [TeamsController, MyJoinRequestsController],
  providers: [TeamsRepository, JoinRequestsRepository, TeamsService, JoinRequestsService],
  exports: [TeamsService],
})
export class TeamsModule {}
