import { Module } from '@nestjs/common';
import { CompoundController } from './compound.controller.js';
import { CompoundRepository } from './compound.repository.js';
import { CompoundService } from './compound.service.js';

@Module({ controllers: [CompoundController], providers: [CompoundService, CompoundRepository] })
export class CompoundModule {}
