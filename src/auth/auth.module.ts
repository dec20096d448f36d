import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TeamsModule } from '../teams/teams.module';
import { AuthController } from './auth.controller';
import { AccessGuard } from './access.guard';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

/** Who the caller is and what their role may call; owns `users`. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), TeamsModule],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, UsersService],
  exports: [UsersService],
})
export class AuthModule {}
