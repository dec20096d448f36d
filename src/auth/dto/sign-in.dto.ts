import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '../password';
import { CurrentUserDto } from './current-user.dto';

/** Long enough for any passphrase, short enough that one request cannot make scrypt hash megabytes. */
const PASSWORD_MAX_LENGTH = 256;

export class SignInDto {
  @ApiProperty({ example: 'jannet', minLength: 1, maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) username!: string;

  @ApiProperty({ example: 'jannet-demo-pass', minLength: 1, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangePasswordDto {
  @ApiPropertyOptional({ maxLength: PASSWORD_MAX_LENGTH, format: 'password', description: 'required when the account has a password (422 rule wrongPassword when missing or wrong)' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword?: string;

  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, format: 'password', description: `at least ${PASSWORD_MIN_LENGTH} characters (422 rule passwordLength otherwise)` })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

/** POST /auth/sign-in: who signed in, and the token their page sends back on every write. */
export class SignInView {
  @ApiProperty({ type: CurrentUserDto }) user!: CurrentUserDto;

  @ApiProperty({ description: 'send it as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie' })
  csrfToken!: string;
}

/** GET /auth/session: the same, again, for a page that was reloaded (the cookie is HttpOnly, the token is not kept by the browser). */
export class SessionView {
  @ApiProperty({ type: CurrentUserDto }) user!: CurrentUserDto;

  @ApiProperty({ type: 'string', nullable: true, description: "the session's X-CSRF-Token; null for a bearer token, which needs none" })
  csrfToken!: string | null;
}
