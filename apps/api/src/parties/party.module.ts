import { Module } from '@nestjs/common';
import { PartyController } from './party.controller.js';
import { PartyService } from './party.service.js';

/** 1+4+N partner units. */
@Module({ controllers: [PartyController], providers: [PartyService] })
export class PartyModule {}
