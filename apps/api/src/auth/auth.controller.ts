import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  changePasswordSchema,
  loginSchema,
  USER_ROLES,
  type ChangePasswordInput,
  type Locale,
  type LoginInput,
} from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, OpenBeforePasswordChange, Public, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodBody } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody } from '../platform/validation/valid-input.js';
import { AuthService, type ClientInfo, type SessionView, type UserView } from './auth.service.js';
import { LOGIN_RATE_LIMIT } from './rate-limits.js';

function clientOf(request: FastifyRequest): ClientInfo {
  return {
    address: request.ip,
    userAgent: String(request.headers['user-agent'] ?? '') || null,
    requestId: String(request.id),
  };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  /**
   * 登录: returns a bearer token. 401 `invalid_credentials` with one message for an unknown username
   * and a wrong password; 429 `too_many_attempts` with Retry-After after repeated failures (from this
   * address, for this account, or from this address over many accounts) or too many log-ins at once.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @RouteConfig(LOGIN_RATE_LIMIT)
  @ApiZodBody(loginSchema)
  @ApiOkResponse({ description: 'A session token and the user.' })
  login(@ValidBody(loginSchema) input: LoginInput, @Req() request: FastifyRequest): Promise<SessionView> {
    return this.auth.login(input, clientOf(request));
  }

  /**
   * 修改密码: the current password and a new one (policy: ≥ 10 characters of 3 kinds, not the
   * username, not easy to guess). Every other session of the user ends; this one goes on.
   */
  @Roles(...USER_ROLES)
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  @RouteConfig(LOGIN_RATE_LIMIT)
  @ApiZodBody(changePasswordSchema)
  async changePassword(
    @CurrentUser() principal: Principal,
    @ValidBody(changePasswordSchema) input: ChangePasswordInput,
    @Req() request: FastifyRequest,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    await this.auth.changePassword(principal, input, clientOf(request), locale);
  }

  /** 退出: the token stops working. */
  @Roles(...USER_ROLES)
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  /** Token rotation: a fresh token; the one used for this call is revoked; the sign-in's end stays. */
  @Roles(...USER_ROLES)
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentUser() principal: Principal, @Req() request: FastifyRequest): Promise<SessionView> {
    return this.auth.refresh(principal, clientOf(request).userAgent);
  }

  @Roles(...USER_ROLES)
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.auth.me(principal);
  }
}
