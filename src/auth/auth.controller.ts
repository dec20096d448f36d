import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { CurrentUserDto } from './dto/current-user.dto';
import { Permission } from './permission.decorator';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class AuthController {
  /** Who the token belongs to: a quick check for clients and the README walk-through. */
  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Who the token belongs to: id, name, role and teams' })
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthUser): CurrentUserDto {
    return user;
  }
}
