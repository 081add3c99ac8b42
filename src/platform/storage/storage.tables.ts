// Tables owned by the storage module, as Kysely sees them (camelCase). Keep in step with migrations/.
// biome-ignore lint/suspicious/noEmptyInterface: filled as the module's tables land.
export interface StorageTables {}
