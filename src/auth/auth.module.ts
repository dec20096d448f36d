import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TeamsModule } from '../teams/teams.module';
import { AuthController } from './auth.controller';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessGuard } from './access.guard';
import { FailedSignIns } from './failed-sign-ins';
import { PublicThrottlerGuard } from './public-throttler.guard';
import { SessionEntity } from './session.entity';
import { StaffController } from './staff.controller';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

/** Who the caller is and what their role may call; owns `users` and `sessions`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity]),
    TeamsModule,
    // Health and other open routes: 120 requests a minute per address (THROTTLE_PUBLIC_PER_MINUTE).
    ThrottlerModule.forRootAsync({ useFactory: () => [{ name: 'public', ttl: 60_000, limit: Number(process.env.THROTTLE_PUBLIC_PER_MINUTE ?? 120) }] }),
  ],
  controllers: [AuthController, SessionsController, StaffController],
  // Guards run in this order: the open routes' rate limit, then who the caller is and what they may call.
  providers: [
    { provide: APP_GUARD, useClass: PublicThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    UsersService,
    SessionsService,
    SignInService,
    FailedSignIns,
  ],
  exports: [UsersService],
})
export class AuthModule {}
