import type { JobDefinition } from '../jobs/jobs.ts';
import type { FileStorage } from './storage.service.ts';

/** The hourly purge of abandoned uploads (pending files older than a day). */
export function storageJobDefinitions(storage: FileStorage): JobDefinition[] {
  return [
    {
      name: 'storage.purge-abandoned-uploads',
      cron: '23 * * * *',
      handler: async () => {
        await storage.purgeAbandonedUploads();
      },
    },
  ];
}
