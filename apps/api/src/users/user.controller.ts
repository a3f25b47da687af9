import { Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createUserSchema,
  listUsersQuerySchema,
  resetPasswordSchema,
  updateUserSchema,
  type CreateUserInput,
  type ListUsersQuery,
  type Locale,
  type ResetPasswordInput,
  type UpdateUserInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import type { Page } from '../platform/pagination.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import type { InspectorEntry, UserRow } from './user.repository.js';
import { UserService } from './user.service.js';

/** 用户管理: admins manage accounts and roles. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UserController {
  constructor(@Inject(UserService) private readonly users: UserService) {}

  @Get()
  @ApiZodQuery(listUsersQuerySchema)
  listUsers(@ValidQuery(listUsersQuerySchema) query: ListUsersQuery): Promise<Page<UserRow>> {
    return this.users.list(query);
  }

  /** 检查员名录: the active inspectors a coordinator assigns when enrolling, reassigning or rolling out. */
  @Get('inspectors')
  @Roles('admin', 'coordinator')
  listInspectors(): Promise<InspectorEntry[]> {
    return this.users.inspectors();
  }

  @Post()
  @ApiZodBody(createUserSchema)
  createUser(
    @CurrentUser() actor: Principal,
    @ValidBody(createUserSchema) input: CreateUserInput,
    @RequestLocale() locale: Locale,
  ): Promise<UserRow> {
    return this.users.create(actor, input, locale);
  }

  @Patch(':id')
  @ApiZodBody(updateUserSchema)
  updateUser(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(updateUserSchema) patch: UpdateUserInput,
    @RequestLocale() locale: Locale,
  ): Promise<UserRow> {
    return this.users.update(actor, id, patch, locale);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiZodBody(resetPasswordSchema)
  async resetPassword(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(resetPasswordSchema) input: ResetPasswordInput,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    await this.users.resetPassword(actor, id, input, locale);
  }
}
