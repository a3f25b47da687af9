import { Module } from '@nestjs/common';
import { ArchiveBookRepository } from './archive-book.repository.js';
import { ArchiveBookService } from './archive-book.service.js';
import { ArchiveController } from './archive.controller.js';
import { ArchiveRepository } from './archive.repository.js';
import { ArchiveService } from './archive.service.js';

@Module({
  controllers: [ArchiveController],
  providers: [ArchiveService, ArchiveRepository, ArchiveBookService, ArchiveBookRepository],
})
export class ArchiveModule {}
