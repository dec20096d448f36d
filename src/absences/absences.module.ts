import { Module } from '@nestjs/common';
import { AbsencesController } from './absences.controller';
import { AbsencesService } from './absences.service';
import { TeamsModule } from '../teams/teams.module';

/** Out-of-office periods; exports AbsencesService for the ticket workflow's activities. */
@Module({ imports: [TeamsModule], controllers: [AbsencesController], providers: [AbsencesService], exports: [AbsencesService] })
export class AbsencesModule {}
