import { Body, Controller, Get, HttpCode, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../errors/api-errors.decorator';
import type { AuthUser } from './auth-user';
import { CurrentSession } from './current-session.decorator';
import { CurrentUser } from './current-user.decorator';
import { SecretBody } from '../idempotency/idempotency.interceptor';
import { CurrentUserDto, describeUser } from './dto/current-user.dto';
import { ChangePasswordDto } from './dto/sign-in.dto';
import { Permission } from './permission.decorator';
import type { BrowserSession } from './sessions.service';
import { SignInService } from './sign-in.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

  /** Who the token belongs to: a quick check for clients and the README walk-through. */
  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Who the token belongs to: id, name, role and teams' })
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthUser): CurrentUserDto {
    return describeUser(user);
  }

  @Put('password')
  @SecretBody()
  @Permission('signedIn')
  @HttpCode(204)
  @ApiOperation({ summary: "Set the caller's password for browser sign-in; ends their other sessions" })
  @ApiNoContentResponse({ description: 'changed; every other session of the user has ended' })
  @ApiErrors({
    422: 'the new password is shorter than 12 characters (field newPassword, rule passwordLength), or the current password is missing or wrong (field currentPassword, rule wrongPassword)',
  })
  changePassword(@CurrentUser() user: AuthUser, @CurrentSession() session: BrowserSession | null, @Body() dto: ChangePasswordDto, @Req() request: Request): Promise<void> {
    return this.signIn.changePassword(user, session, dto, request.ip ?? 'unknown');
  }
}
