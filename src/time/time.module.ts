import { Module } from '@nestjs/common';
import { TimeController } from './time.controller';
import { TimeService } from './time.service';

/** Time registration: entries (written by the ticket projection), statements, closed months. */
@Module({ controllers: [TimeController], providers: [TimeService], exports: [TimeService] })
export class TimeModule {}
