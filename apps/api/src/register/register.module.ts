import { Module } from '@nestjs/common';
import { CommunityController, CompoundRegisterController, FirmController } from './register.controller.js';
import { RegisterRepository } from './register.repository.js';
import { RegisterService } from './register.service.js';

@Module({
  controllers: [CommunityController, FirmController, CompoundRegisterController],
  providers: [RegisterService, RegisterRepository],
  exports: [RegisterService, RegisterRepository],
})
export class RegisterModule {}
