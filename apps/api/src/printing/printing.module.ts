import { Module } from '@nestjs/common';
import { PrintingController } from './printing.controller.js';
import { PrintingRepository } from './printing.repository.js';
import { PrintingService } from './printing.service.js';

/** Paper: printable checklists. The file book lives with the archives it is made from. */
@Module({ controllers: [PrintingController], providers: [PrintingService, PrintingRepository] })
export class PrintingModule {}
