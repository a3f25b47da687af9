import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { HealthModule } from './health/health.module.js';
import { UserModule } from './users/user.module.js';
import { PlatformModule, type PlatformDependencies } from './platform/platform.module.js';

@Module({})
export class AppModule {
  static register(deps: PlatformDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.register(deps), HealthModule, AuthModule, UserModule],
    };
  }
}
