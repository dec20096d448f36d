import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { MonitorsController } from './monitors.controller';
import { MonitorsService } from './monitors.service';

@Module({ imports: [TicketsModule], controllers: [MonitorsController], providers: [MonitorsService] })
export class MonitorsModule {}
