import { Module } from '@nestjs/common';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';
import { JoinRequestsService } from './join-requests.service';
import { MyJoinRequestsController } from './my-join-requests.controller';

@Module({ controllers: [TeamsController, MyJoinRequestsController], providers: [TeamsService, JoinRequestsService], exports: [TeamsService] })
export class TeamsModule {}
