import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationEntity } from './notification.entity';
import { NotificationsService } from './notifications.service';

/** Owns `notifications` (the outbox) and the templates; global, as every process writes to it. */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([NotificationEntity])], providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}
