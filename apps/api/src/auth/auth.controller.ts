import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { loginSchema, USER_ROLES, type LoginInput } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Public, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodBody } from '../platform/validation/api-schema.js';
import { ValidBody } from '../platform/validation/valid-input.js';
import { AuthService, type SessionView, type UserView } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  /**
   * 登录: returns a bearer token; 401 `invalid_credentials` with one message for an unknown username
   * and a wrong password, 423 while locked.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiZodBody(loginSchema)
  @ApiOkResponse({ description: 'A session token and the user.' })
  login(@ValidBody(loginSchema) input: LoginInput, @Req() request: FastifyRequest): Promise<SessionView> {
    return this.auth.login(input, String(request.headers['user-agent'] ?? '') || null, String(request.id));
  }

  /** 退出: the token stops working. */
  @Roles(...USER_ROLES)
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  /** Token rotation: a fresh token; the one used for this call is revoked. */
  @Roles(...USER_ROLES)
  @ApiBearerAuth()
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentUser() principal: Principal, @Req() request: FastifyRequest): Promise<SessionView> {
    return this.auth.refresh(principal, String(request.headers['user-agent'] ?? '') || null);
  }

  @Roles(...USER_ROLES)
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.auth.me(principal);
  }
}
