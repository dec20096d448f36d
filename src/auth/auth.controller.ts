import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { Permission } from './permission.decorator';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class AuthController {
  /** Who the token belongs to: a quick check for clients and the README walk-through. */
  @Get()
  @Permission('signedIn')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
