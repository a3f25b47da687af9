import { Module } from '@nestjs/common';
import { RegisterModule } from '../register/register.module.js';
import { ImportController } from './import.controller.js';
import { ImportService } from './import.service.js';

@Module({ imports: [RegisterModule], controllers: [ImportController], providers: [ImportService] })
export class ImportModule {}
